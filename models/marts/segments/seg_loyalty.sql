{#-
    seg_loyalty: one row per non-erased CRM customer as of the as-of date D: loyalty metrics and tier. The
    current rows (is_current, the as-of date D) of the label model int_customers_loyalty_segmented, which
    holds the rules and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        loyalty_tier,
        tenure_days,
        order_count,
        purchase_days,
        total_revenue,
        orders_365d,
        spend_365d,
        repeat_purchase_rate,
        avg_days_between_orders,
        recency_days,
        first_order_date,
        last_order_date
    from {{ ref('int_customers_loyalty_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        loyalty_tier,
        tenure_days,
        order_count,
        purchase_days,
        total_revenue,
        orders_365d,
        spend_365d,
        repeat_purchase_rate,
        avg_days_between_orders,
        recency_days,
        first_order_date,
        last_order_date
    from segmented

)

select * from final
