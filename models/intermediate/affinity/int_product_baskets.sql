{#-
    int_product_baskets: one row per basket and product in the affinity
    window ending at the as-of date. Three kinds of basket: `order` (the
    products of one completed order), `customer` (everything one customer
    bought in the window) and `session` (the products viewed in one
    session).
-#}
{%- set window_start = dbt.dateadd(
    'day', -var('segments__affinity_window_days'), current_as_of_date()
) %}

with

order_lines as (

    select
        order_id,
        customer_id,
        product_id,
        ordered_local_date
    from {{ ref('int_order_lines_completed') }}

),

events as (

    select
        person_id,
        customer_id,
        product_id,
        event_name,
        event_at,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

sessions as (

    select
        session_id,
        person_id,
        session_started_at,
        session_ended_at
    from {{ ref('int_sessions') }}

),

lines_in_window as (

    select *
    from order_lines
    where
        product_id is not null
        and ordered_local_date > {{ window_start }}
        and ordered_local_date <= {{ current_as_of_date() }}

),

views_in_window as (

    select *
    from events
    where
        product_id is not null
        and event_name in {{ sql_string_list(
            var('segments__product_view_event_names')
        ) }}
        and event_local_date > {{ window_start }}
        and event_local_date <= {{ current_as_of_date() }}

),

order_baskets as (

    select distinct
        'order' as basket_kind,
        order_id as basket_id,
        customer_id,
        product_id
    from lines_in_window

),

customer_baskets as (

    select distinct
        'customer' as basket_kind,
        customer_id as basket_id,
        customer_id,
        product_id
    from lines_in_window
    where customer_id is not null

),

session_baskets as (

    select distinct
        'session' as basket_kind,
        sessions.session_id as basket_id,
        views_in_window.customer_id,
        views_in_window.product_id
    from views_in_window
    inner join sessions
        on
            views_in_window.person_id = sessions.person_id
            and views_in_window.event_at >= sessions.session_started_at
            and views_in_window.event_at <= sessions.session_ended_at

),

final as (

    select * from order_baskets
    union all
    select * from customer_baskets
    union all
    select * from session_baskets

)

select * from final
