{#-
    seg_rfm: one row per non-erased CRM customer, RFM scores and segment as of the as-of date D. The current
    rows (is_current, the as-of date D) of the label model int_customers_rfm_segmented, which holds the rules
    and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        rfm_segment,
        rfm_cell,
        rfm_scoring_method,
        r_score,
        f_score,
        m_score,
        recency_days,
        order_count,
        purchase_days,
        total_revenue,
        avg_order_value,
        avg_revenue_per_purchase_day,
        first_order_date,
        last_order_date
    from {{ ref('int_customers_rfm_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        rfm_segment,
        rfm_cell,
        rfm_scoring_method,
        r_score,
        f_score,
        m_score,
        recency_days,
        order_count,
        purchase_days,
        total_revenue,
        avg_order_value,
        avg_revenue_per_purchase_day,
        first_order_date,
        last_order_date
    from segmented

)

select * from final
