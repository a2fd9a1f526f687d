{#-
    int_carts_abandoned: one row per as-of date of the spine (int_as_of_date_spine) and customer whose latest cart
    event (segments__desire_event_names: product_added, cart_viewed, checkout_started) up to that date falls
    in its last segments__cart_abandon_window_days local days, with no completed order and no order_completed
    event (segments__action_event_names) dated on or before the as-of date at or after it. cart_abandoned_at
    is that latest cart event (UTC), the trigger time of a follow-up sequence; abandoned_cart_value sums price
    x quantity (quantity 1 when missing) of the cart-add events (segments__cart_add_event_names) since the
    customer's last purchase. The spine join of cart events is bounded by the window; purchases and cart
    contents are only looked up for the customers with a cart event in it.
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

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
        ordered_local_date,
        ordered_at
    from {{ ref('int_orders_completed') }}

),

customer_events as (

    select
        customer_id,
        event_name,
        product_price,
        product_quantity,
        event_local_date,
        event_at
    from events
    where customer_id is not null

),

cart_events_as_of as (

    {#- event_local_date in (D - window, D]: days_before_as_of < window #}
    select
        as_of_dates.as_of_date,
        customer_events.customer_id,
        customer_events.event_at
    from customer_events
    inner join as_of_dates
        on
            customer_events.event_local_date <= as_of_dates.as_of_date
            and customer_events.event_local_date > {{ dbt.dateadd(
                'day',
                -1 * var('segments__cart_abandon_window_days'),
                'as_of_dates.as_of_date',
            ) }}
    where
        customer_events.event_name in {{
            sql_string_list(var('segments__desire_event_names'))
        }}

),

latest_cart_events as (

    select
        as_of_date,
        customer_id,
        max(event_at) as cart_abandoned_at
    from cart_events_as_of
    group by as_of_date, customer_id

),

purchases as (

    select
        customer_id,
        ordered_local_date as purchased_local_date,
        ordered_at as purchased_at
    from orders

    union all

    select
        customer_id,
        event_local_date as purchased_local_date,
        event_at as purchased_at
    from customer_events
    where
        event_name in {{ sql_string_list(var('segments__action_event_names')) }}

),

last_purchases as (

    select
        latest_cart_events.as_of_date,
        latest_cart_events.customer_id,
        max(purchases.purchased_at) as last_purchased_at
    from latest_cart_events
    inner join purchases
        on
            latest_cart_events.customer_id = purchases.customer_id
            and latest_cart_events.as_of_date >= purchases.purchased_local_date
    group by latest_cart_events.as_of_date, latest_cart_events.customer_id

),

carts_abandoned as (

    select
        latest_cart_events.as_of_date,
        latest_cart_events.customer_id,
        latest_cart_events.cart_abandoned_at,
        last_purchases.last_purchased_at
    from latest_cart_events
    left join last_purchases
        on
            latest_cart_events.as_of_date = last_purchases.as_of_date
            and latest_cart_events.customer_id = last_purchases.customer_id
    where
        last_purchases.last_purchased_at is null
        or last_purchases.last_purchased_at
        < latest_cart_events.cart_abandoned_at

),

cart_contents as (

    select
        carts_abandoned.as_of_date,
        carts_abandoned.customer_id,
        count(*) as cart_item_count,
        sum(
            coalesce(customer_events.product_price, 0)
            * coalesce(customer_events.product_quantity, 1)
        ) as abandoned_cart_value
    from carts_abandoned
    inner join customer_events
        on
            carts_abandoned.customer_id = customer_events.customer_id
            and carts_abandoned.as_of_date >= customer_events.event_local_date
            and carts_abandoned.cart_abandoned_at >= customer_events.event_at
    where
        customer_events.event_name in {{
            sql_string_list(var('segments__cart_add_event_names'))
        }}
        and (
            carts_abandoned.last_purchased_at is null
            or customer_events.event_at > carts_abandoned.last_purchased_at
        )
    group by carts_abandoned.as_of_date, carts_abandoned.customer_id

),

final as (

    select
        carts_abandoned.as_of_date,
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
        on
            carts_abandoned.as_of_date = cart_contents.as_of_date
            and carts_abandoned.customer_id = cart_contents.customer_id

)

select * from final
