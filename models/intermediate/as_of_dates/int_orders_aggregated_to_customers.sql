{#-
    int_orders_aggregated_to_customers: one row per as-of date of the spine (int_as_of_date_spine) and customer
    with at least one completed order on or before that date (local date). The order history behind RFM,
    purchase behavior, loyalty and benefits: counts, spend, first / last order, recency, trailing-window
    orders and spend, discounted and convenience order counts, all as of the row's as_of_date. Orders are
    summed per customer and purchase day first, so the spine join fans out days, not orders.
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

orders as (

    select
        customer_id,
        order_total,
        is_discounted,
        is_convenience_order,
        ordered_local_date,
        ordered_at
    from {{ ref('int_orders_completed') }}

),

purchase_days as (

    {#- lifetimes' monetary value: revenue per purchase day #}
    select
        customer_id,
        ordered_local_date,
        count(*) as order_count,
        sum(order_total) as purchase_day_revenue,
        sum(coalesce(order_total, 0)) as order_revenue,
        sum(case when is_discounted then 1 else 0 end)
            as discounted_order_count,
        sum(
            case when is_convenience_order then 1 else 0 end
        ) as convenience_order_count,
        min(ordered_at) as first_ordered_at,
        max(ordered_at) as last_ordered_at
    from orders
    group by customer_id, ordered_local_date

),

purchase_days_as_of as (

    select
        as_of_dates.as_of_date,
        purchase_days.customer_id,
        purchase_days.ordered_local_date,
        purchase_days.order_count,
        purchase_days.purchase_day_revenue,
        purchase_days.order_revenue,
        purchase_days.discounted_order_count,
        purchase_days.convenience_order_count,
        purchase_days.first_ordered_at,
        purchase_days.last_ordered_at,
        {{ dbt.datediff(
            'purchase_days.ordered_local_date', 'as_of_dates.as_of_date', 'day'
        ) }} as days_before_as_of
    from purchase_days
    inner join as_of_dates
        on purchase_days.ordered_local_date <= as_of_dates.as_of_date

),

orders_per_customer as (

    select
        as_of_date,
        customer_id,
        sum(order_count) as order_count,
        count(*) as purchase_days,
        sum(order_revenue) as total_revenue,
        {{ money_quotient(
            'sum(purchase_day_revenue)', 'count(purchase_day_revenue)'
        ) }} as avg_revenue_per_purchase_day,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__loyalty_window_days') }}
                    then order_count
                else 0
            end
        ) as orders_365d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__loyalty_window_days') }}
                    then order_revenue
                else 0
            end
        ) as spend_365d,
        sum(discounted_order_count) as discounted_order_count,
        sum(convenience_order_count) as convenience_order_count,
        min(ordered_local_date) as first_order_date,
        max(ordered_local_date) as last_order_date,
        min(first_ordered_at) as first_ordered_at,
        max(last_ordered_at) as last_ordered_at
    from purchase_days_as_of
    group by as_of_date, customer_id

),

customers_measured as (

    select
        as_of_date,
        customer_id,
        order_count,
        purchase_days,
        total_revenue,
        {{ money_quotient('total_revenue', 'order_count') }} as avg_order_value,
        avg_revenue_per_purchase_day,
        orders_365d,
        spend_365d,
        discounted_order_count,
        convenience_order_count,
        {{ dbt.datediff('last_order_date', 'as_of_date', 'day') }}
            as recency_days,
        {{ dbt.datediff('first_order_date', 'as_of_date', 'day') }}
            as tenure_days,
        {{ dbt.datediff('first_order_date', 'last_order_date', 'day') }}
            as active_span_days,
        first_order_date,
        last_order_date,
        first_ordered_at,
        last_ordered_at
    from orders_per_customer

),

final as (

    select
        as_of_date,
        customer_id,
        cast(order_count as {{ dbt.type_int() }}) as order_count,
        cast(purchase_days as {{ dbt.type_int() }}) as purchase_days,
        cast(total_revenue as decimal(18, 2)) as total_revenue,
        cast(avg_order_value as decimal(18, 2)) as avg_order_value,
        cast(
            avg_revenue_per_purchase_day as decimal(18, 2)
        ) as avg_revenue_per_purchase_day,
        cast(orders_365d as {{ dbt.type_int() }}) as orders_365d,
        cast(spend_365d as decimal(18, 2)) as spend_365d,
        cast(
            discounted_order_count as {{ dbt.type_int() }}
        ) as discounted_order_count,
        cast(
            discounted_order_count as {{ type_double() }}
        ) / order_count as discounted_order_share,
        cast(
            convenience_order_count as {{ dbt.type_int() }}
        ) as convenience_order_count,
        cast(
            convenience_order_count as {{ type_double() }}
        ) / order_count as convenience_order_share,
        cast(
            order_count - 1 as {{ type_double() }}
        ) / order_count as repeat_purchase_rate,
        case
            when order_count > 1
                then
                    cast(active_span_days as {{ type_double() }})
                    / (order_count - 1)
        end as avg_days_between_orders,
        cast(recency_days as {{ dbt.type_int() }}) as recency_days,
        cast(tenure_days as {{ dbt.type_int() }}) as tenure_days,
        first_order_date,
        last_order_date,
        first_ordered_at,
        last_ordered_at
    from customers_measured

)

select * from final
