{#-
    seg_occasion: one row per non-erased CRM customer as of the as-of date D: when they buy, in local time,
    and occasion_segment. The current rows (is_current, the as-of date D) of the label model
    int_customers_occasion_segmented, which holds the rules and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        occasion_segment,
        preferred_daypart,
        preferred_weekday,
        dominant_season,
        order_count,
        weekend_order_count,
        holiday_order_count,
        dominant_season_order_count,
        weekend_order_share,
        holiday_order_share,
        dominant_season_share
    from {{ ref('int_customers_occasion_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        occasion_segment,
        preferred_daypart,
        preferred_weekday,
        dominant_season,
        order_count,
        weekend_order_count,
        holiday_order_count,
        dominant_season_order_count,
        weekend_order_share,
        holiday_order_share,
        dominant_season_share
    from segmented

)

select * from final
