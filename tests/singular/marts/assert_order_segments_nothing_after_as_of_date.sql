{#-
    Nothing dated after the as-of date D leaks into the order-based segments: completed orders and revenue
    per customer are rebuilt straight from the staged orders (converted to the reporting currency by
    int_orders_converted), keeping local order dates on or before D, and compared
    with seg_rfm; the cart-abandonment trigger of seg_purchase_behavior is on or before D (local date).
    Meaningful with an earlier D (`--vars '{as_of_date: ...}'`). Fails with (check_name, customer_id).
-#}
with

orders as (

    select
        order_id,
        customer_id,
        order_status,
        order_total,
        ordered_at
    {#- amounts in the reporting currency, as the marts report them #}
    from {{ ref('int_orders_converted') }}

),

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

rfm_mart as (

    select
        customer_id,
        order_count,
        total_revenue
    from {{ ref('seg_rfm') }}

),

purchase_mart as (

    select
        customer_id,
        cart_abandoned_at
    from {{ ref('seg_purchase_behavior') }}

),

orders_rebuilt as (

    select
        orders.customer_id,
        count(*) as order_count,
        sum(coalesce(orders.order_total, 0)) as total_revenue
    from orders
    inner join customers
        on orders.customer_id = customers.customer_id
    where
        orders.order_status in {{
            sql_string_list(var('segments__completed_order_statuses'))
        }}
        and cast(
            {{ to_local_timestamp('orders.ordered_at', 'customers.time_zone') }}
            as date
        ) <= {{ current_as_of_date() }}
    group by orders.customer_id

),

order_mismatches as (

    select
        'seg_rfm_orders_not_as_rebuilt' as check_name,
        rfm_mart.customer_id
    from rfm_mart
    left join orders_rebuilt
        on rfm_mart.customer_id = orders_rebuilt.customer_id
    where
        rfm_mart.order_count <> coalesce(orders_rebuilt.order_count, 0)
        or rfm_mart.total_revenue <> coalesce(orders_rebuilt.total_revenue, 0)

),

cart_leaks as (

    select
        'cart_abandoned_after_as_of_date' as check_name,
        purchase_mart.customer_id
    from purchase_mart
    inner join customers
        on purchase_mart.customer_id = customers.customer_id
    where
        cast(
            {{ to_local_timestamp(
                'purchase_mart.cart_abandoned_at', 'customers.time_zone'
            ) }}
            as date
        ) > {{ current_as_of_date() }}

),

final as (

    select
        check_name,
        customer_id
    from order_mismatches
    union all
    select
        check_name,
        customer_id
    from cart_leaks

)

select * from final
