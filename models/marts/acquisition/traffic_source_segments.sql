{#-
    traffic_source_segments: one row per first-touch source and medium,
    segment family (RFM segment, loyalty tier) and segment: the customers
    the source brought who are in the segment now, and their share of the
    source's customers.
-#}
{%- set families = ['rfm_segment', 'loyalty_tier'] %}

with

customers as (

    select
        customer_id,
        first_touch_source,
        first_touch_medium
    from {{ ref('customer_traffic_sources') }}

),

labels as (

    select
        customer_id,
        {%- for family in families %}
            {{ family }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('customer_segments') }}

),

labeled as (

    {%- for family in families %}
        select
            customers.first_touch_source,
            customers.first_touch_medium,
            '{{ family }}' as segment_family,
            labels.{{ family }} as segment
        from customers
        inner join labels
            on customers.customer_id = labels.customer_id
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

counted as (

    select
        first_touch_source,
        first_touch_medium,
        segment_family,
        segment,
        count(*) as customer_count
    from labeled
    group by first_touch_source, first_touch_medium, segment_family, segment

),

final as (

    select
        cast(first_touch_source as {{ dbt.type_string() }})
            as first_touch_source,
        cast(first_touch_medium as {{ dbt.type_string() }})
            as first_touch_medium,
        cast(segment_family as {{ dbt.type_string() }}) as segment_family,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(customer_count as {{ dbt.type_int() }}) as customer_count,
        cast(
            customer_count * 1.0 / sum(customer_count) over (
                partition by
                    first_touch_source, first_touch_medium, segment_family
            ) as {{ type_double() }}
        ) as customer_share,
        {{ current_as_of_date() }} as as_of_date
    from counted

)

select * from final
