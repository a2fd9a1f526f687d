{#-
    int_orders_aggregated_to_customers: one row per customer with at least one completed order on or before
    the as-of date D. The order history behind RFM, purchase behavior, loyalty and benefits: counts, spend,
    first / last order, recency, trailing-window orders and spend, discounted and convenience order counts.
-#}
with

orders as (

    select
        order_id,
        customer_id,
        order_total,
        days_before_as_of,
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
        sum(order_total) as purchase_day_revenue
    from orders
    group by customer_id, ordered_local_date

),

orders_per_customer as (

    select
        customer_id,
        count(*) as order_count,
        count(distinct ordered_local_date) as purchase_days,
        sum(coalesce(order_total, 0)) as total_revenue,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__loyalty_window_days') }}
                    then 1
                else 0
            end
        ) as orders_365d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__loyalty_window_days') }}
                    then coalesce(order_total, 0)
                else 0
            end
        ) as spend_365d,
        sum(case when is_discounted then 1 else 0 end)
            as discounted_order_count,
        sum(
            case when is_convenience_order then 1 else 0 end
        ) as convenience_order_count,
        min(ordered_local_date) as first_order_date,
        max(ordered_local_date) as last_order_date,
        min(ordered_at) as first_ordered_at,
        max(ordered_at) as last_ordered_at
    from orders
    group by customer_id

),

purchase_day_revenue as (

    select
        customer_id,
        avg(purchase_day_revenue) as avg_revenue_per_purchase_day
    from purchase_days
    group by customer_id

),

customers_measured as (

    select
        orders_per_customer.customer_id,
        orders_per_customer.order_count,
        orders_per_customer.purchase_days,
        orders_per_customer.total_revenue,
        orders_per_customer.total_revenue / orders_per_customer.order_count
            as avg_order_value,
        purchase_day_revenue.avg_revenue_per_purchase_day,
        orders_per_customer.orders_365d,
        orders_per_customer.spend_365d,
        orders_per_customer.discounted_order_count,
        orders_per_customer.convenience_order_count,
        {{ dbt.datediff(
            'orders_per_customer.last_order_date', as_of_date(), 'day'
        ) }} as recency_days,
        {{ dbt.datediff(
            'orders_per_customer.first_order_date', as_of_date(), 'day'
        ) }} as tenure_days,
        {{ dbt.datediff(
            'orders_per_customer.first_order_date',
            'orders_per_customer.last_order_date',
            'day',
        ) }} as active_span_days,
        orders_per_customer.first_order_date,
        orders_per_customer.last_order_date,
        orders_per_customer.first_ordered_at,
        orders_per_customer.last_ordered_at
    from orders_per_customer
    left join purchase_day_revenue
        on orders_per_customer.customer_id = purchase_day_revenue.customer_id

),

final as (

    select
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
