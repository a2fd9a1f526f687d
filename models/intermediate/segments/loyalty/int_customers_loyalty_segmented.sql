{#-
    int_customers_loyalty_segmented: the loyalty label model, one row per as-of date of the spine and CRM
    customer counted at that date (int_customers_as_of_dates): loyalty metrics and tier as of that date
    (D below). seg_loyalty keeps the current rows (is_current, the as-of date D). loyalty_tier, first match
    wins: no_purchases; lapsed (last order >= segments__loyalty_lapsed_days before D); vip (orders_365d >=
    segments__loyalty_vip_min_orders_365d and spend_365d >= segments__loyalty_vip_min_spend_365d); loyal
    (orders_365d >= segments__loyalty_loyal_min_orders_365d); developing (>= 2 lifetime orders); new (one
    order). The 365-day window is segments__loyalty_window_days.
-#}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

customer_orders as (

    select
        as_of_date,
        customer_id,
        order_count,
        purchase_days,
        total_revenue,
        orders_365d,
        spend_365d,
        repeat_purchase_rate,
        avg_days_between_orders,
        recency_days,
        tenure_days,
        first_order_date,
        last_order_date
    from {{ ref_restated('int_orders_aggregated_to_customers') }}

),

customers_tiered as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        case
            when customer_orders.customer_id is null then 'no_purchases'
            when
                customer_orders.recency_days
                >= {{ var('segments__loyalty_lapsed_days') }}
                then 'lapsed'
            when
                customer_orders.orders_365d
                >= {{ var('segments__loyalty_vip_min_orders_365d') }}
                and customer_orders.spend_365d
                >= {{ var('segments__loyalty_vip_min_spend_365d') }}
                then 'vip'
            when
                customer_orders.orders_365d
                >= {{ var('segments__loyalty_loyal_min_orders_365d') }}
                then 'loyal'
            when customer_orders.order_count >= 2 then 'developing'
            else 'new'
        end as loyalty_tier,
        customer_orders.tenure_days,
        coalesce(customer_orders.order_count, 0) as order_count,
        coalesce(customer_orders.purchase_days, 0) as purchase_days,
        coalesce(customer_orders.total_revenue, 0) as total_revenue,
        coalesce(customer_orders.orders_365d, 0) as orders_365d,
        coalesce(customer_orders.spend_365d, 0) as spend_365d,
        customer_orders.repeat_purchase_rate,
        customer_orders.avg_days_between_orders,
        customer_orders.recency_days,
        customer_orders.first_order_date,
        customer_orders.last_order_date
    from customers
    left join customer_orders
        on
            customers.as_of_date = customer_orders.as_of_date
            and customers.customer_id = customer_orders.customer_id

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(loyalty_tier as {{ dbt.type_string() }}) as loyalty_tier,
        cast(tenure_days as {{ dbt.type_int() }}) as tenure_days,
        cast(order_count as {{ dbt.type_int() }}) as order_count,
        cast(purchase_days as {{ dbt.type_int() }}) as purchase_days,
        cast(total_revenue as decimal(18, 2)) as total_revenue,
        cast(orders_365d as {{ dbt.type_int() }}) as orders_365d,
        cast(spend_365d as decimal(18, 2)) as spend_365d,
        cast(repeat_purchase_rate as {{ type_double() }})
            as repeat_purchase_rate,
        cast(avg_days_between_orders as {{ type_double() }})
            as avg_days_between_orders,
        cast(recency_days as {{ dbt.type_int() }}) as recency_days,
        first_order_date,
        last_order_date,
        is_current
    from customers_tiered

)

select * from final
