{#-
    seg_satisfaction: one row per non-erased CRM customer; NPS category of the latest NPS response and average
    CSAT as of the as-of date D. The current rows (is_current, the as-of date D) of the label model
    int_customers_satisfaction_segmented, which holds the rules and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        nps_category,
        latest_nps_score,
        nps_response_count,
        csat_response_count,
        avg_csat_score,
        latest_nps_date
    from {{ ref('int_customers_satisfaction_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        nps_category,
        latest_nps_score,
        nps_response_count,
        csat_response_count,
        avg_csat_score,
        latest_nps_date
    from segmented

)

select * from final
