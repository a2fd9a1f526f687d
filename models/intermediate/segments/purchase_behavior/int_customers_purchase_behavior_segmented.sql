{#-
    int_customers_purchase_behavior_segmented: the purchase behavior label model, one row per as-of date of
    the spine and CRM customer counted at that date (int_customers_as_of_dates), as of that date (D below).
    seg_purchase_behavior keeps the current rows (is_current, the as-of date D). Independent flags (window
    shopper, bargain hunter, high value, cart abandoner) and one primary purchase_segment, first match wins:
      no completed order: window_shopper (is_window_shopper), else prospect;
      with orders: lapsed_buyer (last order >= segments__lapsed_buyer_min_days before D), high_value,
      bargain_hunter, repeat_buyer (>= 2 orders), first_time_buyer (1 order in the last
      segments__first_time_buyer_max_days days: D-N+1 .. D), one_time_buyer (1 older order).
    Product views come from the as-of independent person days, joined to the spine over the
    segments__window_shopper_window_days days up to each as-of date only.
    Where each rule is: the four flags in CTE customers_flagged below, purchase_segment in customers_segmented;
    the abandoned cart itself (a cart add with no order within segments__cart_abandon_window_days) in
    int_carts_abandoned (this folder).
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

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
        total_revenue,
        avg_order_value,
        discounted_order_count,
        discounted_order_share,
        recency_days,
        last_order_date
    from {{ ref_restated('int_orders_aggregated_to_customers') }}

),

carts_abandoned as (

    select
        as_of_date,
        customer_id,
        abandoned_cart_value,
        cart_abandoned_at
    from {{ ref_restated('int_carts_abandoned') }}

),

person_days as (

    select
        customer_id,
        product_view_count,
        event_local_date
    from {{ ref('int_events_aggregated_to_person_days') }}

),

product_views as (

    {#- event_local_date in (D - window, D]: days before D < window #}
    select
        as_of_dates.as_of_date,
        person_days.customer_id,
        sum(person_days.product_view_count) as product_views_window
    from person_days
    inner join as_of_dates
        on
            person_days.event_local_date <= as_of_dates.as_of_date
            and person_days.event_local_date > {{ dbt.dateadd(
                'day',
                -1 * var('segments__window_shopper_window_days'),
                'as_of_dates.as_of_date',
            ) }}
    where person_days.customer_id is not null
    group by as_of_dates.as_of_date, person_days.customer_id

),

customers_flagged as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        coalesce(customer_orders.order_count, 0) as order_count,
        coalesce(customer_orders.total_revenue, 0) as total_revenue,
        customer_orders.avg_order_value,
        customer_orders.discounted_order_share,
        customer_orders.recency_days,
        coalesce(product_views.product_views_window, 0) as product_views_window,
        carts_abandoned.abandoned_cart_value,
        customer_orders.last_order_date,
        carts_abandoned.cart_abandoned_at,
        (
            customer_orders.customer_id is null
            and coalesce(product_views.product_views_window, 0)
            >= {{ var('segments__window_shopper_min_product_views') }}
        ) as is_window_shopper,
        coalesce(
            customer_orders.order_count
            >= {{ var('segments__bargain_hunter_min_orders') }}
            and customer_orders.discounted_order_count
            > {{ var('segments__bargain_hunter_min_discounted_share') }}
            * customer_orders.order_count,
            false
        ) as is_bargain_hunter,
        {#- avg_order_value >= N, exactly: revenue >= N x orders #}
        coalesce(
            customer_orders.total_revenue
            >= {{ var('segments__high_value_min_avg_order_value') }}
            * customer_orders.order_count
            and customer_orders.order_count
            <= {{ var('segments__high_value_max_orders') }},
            false
        ) as is_high_value,
        (carts_abandoned.customer_id is not null) as is_cart_abandoner
    from customers
    left join customer_orders
        on
            customers.as_of_date = customer_orders.as_of_date
            and customers.customer_id = customer_orders.customer_id
    left join product_views
        on
            customers.as_of_date = product_views.as_of_date
            and customers.customer_id = product_views.customer_id
    left join carts_abandoned
        on
            customers.as_of_date = carts_abandoned.as_of_date
            and customers.customer_id = carts_abandoned.customer_id

),

customers_segmented as (

    select
        as_of_date,
        customer_id,
        is_current,
        case
            when order_count = 0 and is_window_shopper then 'window_shopper'
            when order_count = 0 then 'prospect'
            when recency_days >= {{ var('segments__lapsed_buyer_min_days') }}
                then 'lapsed_buyer'
            when is_high_value then 'high_value'
            when is_bargain_hunter then 'bargain_hunter'
            when order_count >= 2 then 'repeat_buyer'
            when recency_days < {{ var('segments__first_time_buyer_max_days') }}
                then 'first_time_buyer'
            else 'one_time_buyer'
        end as purchase_segment,
        order_count,
        total_revenue,
        avg_order_value,
        discounted_order_share,
        recency_days,
        product_views_window,
        abandoned_cart_value,
        is_window_shopper,
        is_bargain_hunter,
        is_high_value,
        is_cart_abandoner,
        last_order_date,
        cart_abandoned_at
    from customers_flagged

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(purchase_segment as {{ dbt.type_string() }}) as purchase_segment,
        cast(order_count as {{ dbt.type_int() }}) as order_count,
        cast(total_revenue as decimal(18, 2)) as total_revenue,
        cast(avg_order_value as decimal(18, 2)) as avg_order_value,
        cast(
            discounted_order_share as {{ type_double() }}
        ) as discounted_order_share,
        cast(recency_days as {{ dbt.type_int() }}) as recency_days,
        cast(
            product_views_window as {{ dbt.type_int() }}
        ) as product_views_90d,
        cast(abandoned_cart_value as decimal(18, 2)) as abandoned_cart_value,
        is_window_shopper,
        is_bargain_hunter,
        is_high_value,
        is_cart_abandoner,
        last_order_date,
        cast(cart_abandoned_at as {{ dbt.type_timestamp() }})
            as cart_abandoned_at,
        is_current
    from customers_segmented

)

select * from final
