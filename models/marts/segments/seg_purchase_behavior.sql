{#-
    seg_purchase_behavior: one row per non-erased CRM customer as of the as-of date D: purchase_segment and
    the window shopper, bargain hunter, high value and cart abandoner flags. The current rows (is_current,
    the as-of date D) of the label model int_customers_purchase_behavior_segmented, which holds the rules
    and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        purchase_segment,
        order_count,
        total_revenue,
        avg_order_value,
        discounted_order_share,
        recency_days,
        product_views_90d,
        abandoned_cart_value,
        is_window_shopper,
        is_bargain_hunter,
        is_high_value,
        is_cart_abandoner,
        last_order_date,
        cart_abandoned_at
    from {{ ref('int_customers_purchase_behavior_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        purchase_segment,
        order_count,
        total_revenue,
        avg_order_value,
        discounted_order_share,
        recency_days,
        product_views_90d,
        abandoned_cart_value,
        is_window_shopper,
        is_bargain_hunter,
        is_high_value,
        is_cart_abandoner,
        last_order_date,
        cart_abandoned_at
    from segmented

)

select * from final
