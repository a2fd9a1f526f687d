{#-
    customer_segments: one wide row per non-erased CRM customer with every segment label and flag as of the
    as-of date, plus the few metrics a BI tool or a reverse-ETL sync needs next to them.
-#}
with

customers as (

    select customer_id
    from {{ ref('int_customers_resolved') }}

),

as_of_dates as (

    select as_of_date
    from {{ ref('int_as_of_date') }}

),

rfm as (

    select
        customer_id,
        rfm_segment,
        r_score,
        f_score,
        m_score
    from {{ ref('seg_rfm') }}

),

purchase_behavior as (

    select
        customer_id,
        purchase_segment,
        order_count,
        total_revenue,
        is_window_shopper,
        is_bargain_hunter,
        is_high_value,
        is_cart_abandoner,
        last_order_date
    from {{ ref('seg_purchase_behavior') }}

),

occasion as (

    select
        customer_id,
        occasion_segment,
        preferred_daypart,
        preferred_weekday
    from {{ ref('seg_occasion') }}

),

benefits_sought as (

    select
        customer_id,
        benefit_segment
    from {{ ref('seg_benefits_sought') }}

),

loyalty as (

    select
        customer_id,
        loyalty_tier,
        orders_365d,
        spend_365d
    from {{ ref('seg_loyalty') }}

),

usage_behavior as (

    select
        customer_id,
        usage_tier,
        usage_intensity,
        usage_trend,
        active_days_28d
    from {{ ref('seg_usage_behavior') }}

),

journey as (

    select
        customer_id,
        aida_stage,
        journey_stage
    from {{ ref('seg_journey_stage') }}
    where customer_id is not null

),

engagement as (

    select
        customer_id,
        engagement_level,
        is_contactable
    from {{ ref('seg_engagement') }}

),

satisfaction as (

    select
        customer_id,
        nps_category,
        latest_nps_score
    from {{ ref('seg_satisfaction') }}

),

customers_joined as (

    select
        customers.customer_id,
        rfm.rfm_segment,
        purchase_behavior.purchase_segment,
        usage_behavior.usage_tier,
        usage_behavior.usage_intensity,
        usage_behavior.usage_trend,
        occasion.occasion_segment,
        occasion.preferred_daypart,
        occasion.preferred_weekday,
        benefits_sought.benefit_segment,
        loyalty.loyalty_tier,
        journey.aida_stage,
        journey.journey_stage,
        engagement.engagement_level,
        satisfaction.nps_category,
        rfm.r_score,
        rfm.f_score,
        rfm.m_score,
        purchase_behavior.order_count,
        purchase_behavior.total_revenue,
        loyalty.orders_365d,
        loyalty.spend_365d,
        usage_behavior.active_days_28d,
        satisfaction.latest_nps_score,
        purchase_behavior.is_window_shopper,
        purchase_behavior.is_bargain_hunter,
        purchase_behavior.is_high_value,
        purchase_behavior.is_cart_abandoner,
        engagement.is_contactable,
        purchase_behavior.last_order_date
    from customers
    left join rfm
        on customers.customer_id = rfm.customer_id
    left join purchase_behavior
        on customers.customer_id = purchase_behavior.customer_id
    left join occasion
        on customers.customer_id = occasion.customer_id
    left join benefits_sought
        on customers.customer_id = benefits_sought.customer_id
    left join loyalty
        on customers.customer_id = loyalty.customer_id
    left join usage_behavior
        on customers.customer_id = usage_behavior.customer_id
    left join journey
        on customers.customer_id = journey.customer_id
    left join engagement
        on customers.customer_id = engagement.customer_id
    left join satisfaction
        on customers.customer_id = satisfaction.customer_id

),

final as (

    select
        customers_joined.customer_id,
        customers_joined.rfm_segment,
        customers_joined.purchase_segment,
        customers_joined.usage_tier,
        customers_joined.usage_intensity,
        customers_joined.usage_trend,
        customers_joined.occasion_segment,
        customers_joined.preferred_daypart,
        customers_joined.preferred_weekday,
        customers_joined.benefit_segment,
        customers_joined.loyalty_tier,
        customers_joined.aida_stage,
        customers_joined.journey_stage,
        customers_joined.engagement_level,
        customers_joined.nps_category,
        customers_joined.r_score,
        customers_joined.f_score,
        customers_joined.m_score,
        customers_joined.order_count,
        customers_joined.total_revenue,
        customers_joined.orders_365d,
        customers_joined.spend_365d,
        customers_joined.active_days_28d,
        customers_joined.latest_nps_score,
        customers_joined.is_window_shopper,
        customers_joined.is_bargain_hunter,
        customers_joined.is_high_value,
        customers_joined.is_cart_abandoner,
        customers_joined.is_contactable,
        customers_joined.last_order_date,
        as_of_dates.as_of_date
    from customers_joined
    cross join as_of_dates

)

select * from final
