{#-
    Every event name a cohort may count (var segments__cohort_event_names)
    is a canonical name of seed event_name_map.
-#}
with

canonical_names as (

    select distinct event_name
    from {{ ref('event_name_map') }}

),

cohort_names as (

    {%- for event_name in var('segments__cohort_event_names') %}
        select '{{ event_name }}' as event_name
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

final as (

    select cohort_names.event_name
    from cohort_names
    left join canonical_names
        on cohort_names.event_name = canonical_names.event_name
    where canonical_names.event_name is null

)

select * from final
{#- `dbt build --empty` reads the seed as no rows: nothing to compare -#}
{%- if flags.EMPTY %}
    where false
{%- endif %}
