{#-
    best_traffic_sources: one row per first-touch source and medium, how well
    it acquires: visitors (persons whose first session came from it, or
    customers the CRM attributes to it without sessions), sign-ups,
    customers converted to a first order, conversion rates, the median days
    to the first order, and 365-day revenue per customer and per visitor.
    Ranked by revenue per visitor among the sources with at least
    segments__traffic_source_min_visitors visitors.
-#}
with

persons as (

    select
        person_id,
        customer_id,
        first_touch_source,
        first_touch_medium
    from {{ ref('int_persons_touches_attributed') }}

),

customers as (

    select
        customer_id,
        attribution_basis,
        first_touch_source,
        first_touch_medium,
        days_to_first_order,
        first_order_date
    from {{ ref('customer_traffic_sources') }}

),

customer_revenue as (

    select
        customer_id,
        spend_365d
    from {{ ref('customer_segments') }}

),

visitors as (

    {#- every person with a session, and the customers known to the CRM only
        (an erased customer's devices are not persons any more) -#}
    select
        persons.first_touch_source,
        persons.first_touch_medium,
        persons.person_id
    from persons
    left join customers
        on persons.customer_id = customers.customer_id
    where persons.customer_id is null or customers.customer_id is not null

    union all

    select
        first_touch_source,
        first_touch_medium,
        customer_id as person_id
    from customers
    where attribution_basis = 'crm'

),

visitor_counts as (

    select
        first_touch_source,
        first_touch_medium,
        count(*) as visitor_count
    from visitors
    group by first_touch_source, first_touch_medium

),

customer_counts as (

    select
        customers.first_touch_source,
        customers.first_touch_medium,
        count(*) as sign_up_count,
        count(customers.first_order_date) as converted_customer_count,
        {{ median('customers.days_to_first_order') }}
            as median_days_to_first_order,
        sum(coalesce(customer_revenue.spend_365d, 0)) as revenue_365d
    from customers
    left join customer_revenue
        on customers.customer_id = customer_revenue.customer_id
    group by customers.first_touch_source, customers.first_touch_medium

),

measured as (

    select
        visitor_counts.first_touch_source,
        visitor_counts.first_touch_medium,
        visitor_counts.visitor_count,
        coalesce(customer_counts.sign_up_count, 0) as sign_up_count,
        coalesce(customer_counts.converted_customer_count, 0)
            as converted_customer_count,
        customer_counts.median_days_to_first_order,
        coalesce(customer_counts.revenue_365d, 0) as revenue_365d
    from visitor_counts
    left join customer_counts
        on
            visitor_counts.first_touch_source
            = customer_counts.first_touch_source
            and visitor_counts.first_touch_medium
            = customer_counts.first_touch_medium

),

rated as (

    select
        *,
        sign_up_count * 1.0 / visitor_count as sign_up_rate,
        converted_customer_count * 1.0 / visitor_count as conversion_rate,
        converted_customer_count * 1.0 / nullif(sign_up_count, 0)
            as customer_conversion_rate,
        revenue_365d / nullif(sign_up_count, 0) as revenue_365d_per_customer,
        revenue_365d / visitor_count as revenue_365d_per_visitor,
        visitor_count
        >= {{ var('segments__traffic_source_min_visitors') }} as is_ranked
    from measured

),

final as (

    select
        cast(first_touch_source as {{ dbt.type_string() }})
            as first_touch_source,
        cast(first_touch_medium as {{ dbt.type_string() }})
            as first_touch_medium,
        cast(visitor_count as {{ dbt.type_int() }}) as visitor_count,
        cast(sign_up_count as {{ dbt.type_int() }}) as sign_up_count,
        cast(converted_customer_count as {{ dbt.type_int() }})
            as converted_customer_count,
        cast(sign_up_rate as {{ type_double() }}) as sign_up_rate,
        cast(conversion_rate as {{ type_double() }}) as conversion_rate,
        cast(customer_conversion_rate as {{ type_double() }})
            as customer_conversion_rate,
        cast(median_days_to_first_order as {{ type_double() }})
            as median_days_to_first_order,
        cast(revenue_365d as {{ type_amount() }}) as revenue_365d,
        cast(revenue_365d_per_customer as {{ type_double() }})
            as revenue_365d_per_customer,
        cast(revenue_365d_per_visitor as {{ type_double() }})
            as revenue_365d_per_visitor,
        cast(
            case
                when is_ranked
                    then rank() over (
                        order by
                            case when is_ranked then 0 else 1 end,
                            revenue_365d_per_visitor desc
                    )
            end as {{ dbt.type_int() }}
        ) as source_rank,
        {{ current_as_of_date() }} as as_of_date
    from rated

)

select * from final
