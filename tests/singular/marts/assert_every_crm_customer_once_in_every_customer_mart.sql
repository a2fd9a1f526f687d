{#-
    Every staged, non-erased CRM customer appears exactly once as of the as-of date in customer_segments and in
    every label model of the registry (its current rows; those with a customer_id for a person-grain model),
    and none has a row for anyone else (erased customers, guests). Fails with (model, customer_id, row_count):
    row_count 0 = missing, > 1 = duplicated, crm_count 0 = not a staged non-erased CRM customer.
-#}
{%- set label_models = segment_model_columns() -%}
with

crm_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where not is_erased

),

mart_rows as (

    select
        'customer_segments' as mart_name,
        customer_id
    from {{ ref('customer_segments') }}
    {%- for model_name, model in label_models.items() %}
        union all
        select
            '{{ model_name }}' as mart_name,
            customer_id
        from {{ ref(model_name) }}
        where
            is_current
            {%- if model['grain'] == 'person' %}
                and customer_id is not null
            {%- endif %}
    {%- endfor %}

),

mart_names as (

    select distinct mart_name
    from mart_rows

    {%- for mart in ['customer_segments'] + label_models.keys() | list %}
        union
        select '{{ mart }}' as mart_name
    {%- endfor %}

),

expected as (

    select
        mart_names.mart_name,
        crm_customers.customer_id
    from mart_names
    cross join crm_customers

),

mart_counts as (

    select
        mart_name,
        customer_id,
        count(*) as row_count
    from mart_rows
    group by mart_name, customer_id

),

final as (

    select
        coalesce(expected.mart_name, mart_counts.mart_name) as mart_name,
        coalesce(expected.customer_id, mart_counts.customer_id) as customer_id,
        coalesce(mart_counts.row_count, 0) as row_count,
        case when expected.customer_id is null then 0 else 1 end as crm_count
    from expected
    full outer join mart_counts
        on
            expected.mart_name = mart_counts.mart_name
            and expected.customer_id = mart_counts.customer_id

)

select * from final
where row_count != 1 or crm_count != 1
