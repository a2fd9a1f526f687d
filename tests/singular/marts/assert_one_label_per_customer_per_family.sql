{#-
    Mutual exclusivity: for every label family of the registry, its label model gives each customer (each
    person, for a person-grain family) exactly one non-null label as of the as-of date. Fails with every
    (family, key) that has zero, several or a null label.
-#}
with

labels as (

    {%- for family_name, model_name in segment_label_models().items() %}
        {%- set grain = segment_family(family_name)['grain'] %}
        {%- set key = 'person_id' if grain == 'person' else 'customer_id' %}
        select
            '{{ family_name }}' as segment_family,
            {{ key }} as segment_key,
            {{ family_name }} as segment
        from {{ ref(model_name) }}
        where is_current
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

final as (

    select
        segment_family,
        segment_key,
        count(*) as label_count,
        count(segment) as non_null_label_count,
        count(distinct segment) as distinct_label_count
    from labels
    group by segment_family, segment_key

)

select * from final
where
    label_count != 1
    or non_null_label_count != 1
    or distinct_label_count != 1
