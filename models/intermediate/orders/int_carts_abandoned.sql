{#-
    int_carts_abandoned: one row per customer whose latest cart event (segments__desire_event_names:
    product_added, cart_viewed, checkout_started) falls in the last segments__cart_abandon_window_days local
    days up to the as-of date D, with no completed order and no order_completed event
    (segments__action_event_names) at or after it. cart_abandoned_at is that latest cart event (UTC), the
    trigger time of a follow-up sequence; abandoned_cart_value sums price x quantity (quantity 1 when
    missing) of the cart-add events (segments__cart_add_event_names) since the customer's last purchase.
-#}
with

events as (

    select
        customer_id,
        event_name,
        product_price,
        product_quantity,
        event_local_date,
        event_at
    from {{ ref('int_events_stitched') }}

),

orders as (

    select
        customer_id,
        ordered_at
    from {{ ref('int_orders_completed') }}

),

customer_events as (

    select
        customer_id,
        event_name,
        product_price,
        product_quantity,
        event_at,
        {{ dbt.datediff('event_local_date', as_of_date(), 'day') }}
            as days_before_as_of
    from events
    where
        customer_id is not null
        and event_local_date <= {{ as_of_date() }}

),

latest_cart_events as (

    select
        customer_id,
        max(event_at) as cart_abandoned_at
    from customer_events
    where
        event_name in {{ sql_string_list(var('segments__desire_event_names')) }}
        and days_before_as_of < {{ var('segments__cart_abandon_window_days') }}
    group by customer_id

),

purchases as (

    select
        customer_id,
        ordered_at as purchased_at
    from orders

    union all

    select
        customer_id,
        event_at as purchased_at
    from customer_events
    where
        event_name in {{ sql_string_list(var('segments__action_event_names')) }}

),

last_purchases as (

    select
        customer_id,
        max(purchased_at) as last_purchased_at
    from purchases
    group by customer_id

),

carts_abandoned as (

    select
        latest_cart_events.customer_id,
        latest_cart_events.cart_abandoned_at,
        last_purchases.last_purchased_at
    from latest_cart_events
    left join last_purchases
        on latest_cart_events.customer_id = last_purchases.customer_id
    where
        last_purchases.last_purchased_at is null
        or last_purchases.last_purchased_at
        < latest_cart_events.cart_abandoned_at

),

cart_contents as (

    select
        carts_abandoned.customer_id,
        count(*) as cart_item_count,
        sum(
            coalesce(customer_events.product_price, 0)
            * coalesce(customer_events.product_quantity, 1)
        ) as abandoned_cart_value
    from carts_abandoned
    inner join customer_events
        on carts_abandoned.customer_id = customer_events.customer_id
    where
        customer_events.event_name in {{
            sql_string_list(var('segments__cart_add_event_names'))
        }}
        and customer_events.event_at <= carts_abandoned.cart_abandoned_at
        and (
            carts_abandoned.last_purchased_at is null
            or customer_events.event_at > carts_abandoned.last_purchased_at
        )
    group by carts_abandoned.customer_id

),

final as (

    select
        carts_abandoned.customer_id,
        cast(
            coalesce(cart_contents.abandoned_cart_value, 0) as decimal(18, 2)
        ) as abandoned_cart_value,
        cast(
            coalesce(cart_contents.cart_item_count, 0) as {{ dbt.type_int() }}
        ) as abandoned_cart_item_count,
        carts_abandoned.cart_abandoned_at,
        carts_abandoned.last_purchased_at
    from carts_abandoned
    left join cart_contents
        on carts_abandoned.customer_id = cart_contents.customer_id

)

select * from final
