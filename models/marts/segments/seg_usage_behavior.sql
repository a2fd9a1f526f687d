{#-
    seg_usage_behavior: one row per non-erased CRM customer; usage tier, intensity and trend as of the as-of
    date D. The current rows (is_current, the as-of date D) of the label model
    int_customers_usage_behavior_segmented, which holds the rules and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        usage_tier,
        usage_intensity,
        usage_trend,
        usage_active_days,
        active_days_prior_28d,
        distinct_features_used_28d,
        days_since_last_active,
        intensity_percentile,
        last_active_date
    from {{ ref('int_customers_usage_behavior_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        usage_tier,
        usage_intensity,
        usage_trend,
        usage_active_days,
        active_days_prior_28d,
        distinct_features_used_28d,
        days_since_last_active,
        intensity_percentile,
        last_active_date
    from segmented

)

select * from final
