{#-
    Precedence of the order-based labels: each label is the first rule, in the documented order, that its own
    metrics satisfy (checked from the mart columns, with the same vars). Fails with (mart_name, customer_id,
    segment_label, expected_label).
-#}
with

purchase_mart as (

    select
        customer_id,
        purchase_segment,
        order_count,
        recency_days,
        is_window_shopper,
        is_high_value,
        is_bargain_hunter
    from {{ ref('seg_purchase_behavior') }}

),

loyalty_mart as (

    select
        customer_id,
        loyalty_tier,
        order_count,
        orders_365d,
        spend_365d,
        recency_days
    from {{ ref('seg_loyalty') }}

),

occasion_mart as (

    select
        customer_id,
        occasion_segment,
        order_count,
        holiday_order_count,
        dominant_season_order_count
    from {{ ref('seg_occasion') }}

),

benefits_mart as (

    select
        customer_id,
        benefit_segment,
        inferred_benefit,
        stated_benefit
    from {{ ref('seg_benefits_sought') }}

),

purchase_expected as (

    select
        'seg_purchase_behavior' as mart_name,
        customer_id,
        purchase_segment as segment_label,
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
        end as expected_label
    from purchase_mart

),

loyalty_expected as (

    select
        'seg_loyalty' as mart_name,
        customer_id,
        loyalty_tier as segment_label,
        case
            when order_count = 0 then 'no_purchases'
            when recency_days >= {{ var('segments__loyalty_lapsed_days') }}
                then 'lapsed'
            when
                orders_365d
                >= {{ var('segments__loyalty_vip_min_orders_365d') }}
                and spend_365d
                >= {{ var('segments__loyalty_vip_min_spend_365d') }}
                then 'vip'
            when
                orders_365d
                >= {{ var('segments__loyalty_loyal_min_orders_365d') }}
                then 'loyal'
            when order_count >= 2 then 'developing'
            else 'new'
        end as expected_label
    from loyalty_mart

),

occasion_expected as (

    select
        'seg_occasion' as mart_name,
        customer_id,
        occasion_segment as segment_label,
        case
            when order_count = 0 then 'no_purchases'
            when
                holiday_order_count
                >= {{ var('segments__holiday_shopper_min_share') }}
                * order_count
                then 'holiday_shopper'
            when
                order_count >= {{ var('segments__seasonal_min_orders') }}
                and dominant_season_order_count
                >= {{ var('segments__seasonal_min_season_share') }}
                * order_count
                then 'seasonal_shopper'
            else 'year_round'
        end as expected_label
    from occasion_mart

),

benefits_expected as (

    select
        'seg_benefits_sought' as mart_name,
        customer_id,
        benefit_segment as segment_label,
        case
            when stated_benefit <> 'unknown' then stated_benefit
            else inferred_benefit
        end as expected_label
    from benefits_mart

),

final as (

    select
        mart_name,
        customer_id,
        segment_label,
        expected_label
    from purchase_expected
    union all
    select
        mart_name,
        customer_id,
        segment_label,
        expected_label
    from loyalty_expected
    union all
    select
        mart_name,
        customer_id,
        segment_label,
        expected_label
    from occasion_expected
    union all
    select
        mart_name,
        customer_id,
        segment_label,
        expected_label
    from benefits_expected

)

select * from final
where segment_label is null or segment_label <> expected_label
