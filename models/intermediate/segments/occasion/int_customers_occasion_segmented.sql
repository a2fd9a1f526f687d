{#-
    int_customers_occasion_segmented: the occasion label model, one row per as-of date of the spine and CRM
    customer counted at that date (int_customers_as_of_dates): when they buy, in local time, over their
    completed orders on or before that date. seg_occasion keeps the current rows (is_current, the as-of
    date D). occasion_segment, first match wins: no_purchases; holiday_shopper (holiday_order_share >=
    segments__holiday_shopper_min_share); seasonal_shopper (>= segments__seasonal_min_orders orders and
    dominant_season_share >= segments__seasonal_min_season_share); year_round.
-#}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

order_timing as (

    select
        as_of_date,
        customer_id,
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
    from {{ ref_restated('int_order_timing_aggregated_to_customers') }}

),

customers_segmented as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        case
            when order_timing.customer_id is null then 'no_purchases'
            when
                order_timing.holiday_order_share
                >= {{ var('segments__holiday_shopper_min_share') }}
                then 'holiday_shopper'
            when
                order_timing.order_count
                >= {{ var('segments__seasonal_min_orders') }}
                and order_timing.dominant_season_share
                >= {{ var('segments__seasonal_min_season_share') }}
                then 'seasonal_shopper'
            else 'year_round'
        end as occasion_segment,
        coalesce(order_timing.preferred_daypart, 'unknown')
            as preferred_daypart,
        coalesce(order_timing.preferred_weekday, 'unknown')
            as preferred_weekday,
        coalesce(order_timing.dominant_season, 'unknown') as dominant_season,
        coalesce(order_timing.order_count, 0) as order_count,
        coalesce(order_timing.weekend_order_count, 0) as weekend_order_count,
        coalesce(order_timing.holiday_order_count, 0) as holiday_order_count,
        coalesce(order_timing.dominant_season_order_count, 0)
            as dominant_season_order_count,
        order_timing.weekend_order_share,
        order_timing.holiday_order_share,
        order_timing.dominant_season_share
    from customers
    left join order_timing
        on
            customers.as_of_date = order_timing.as_of_date
            and customers.customer_id = order_timing.customer_id

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(occasion_segment as {{ dbt.type_string() }}) as occasion_segment,
        cast(preferred_daypart as {{ dbt.type_string() }})
            as preferred_daypart,
        cast(preferred_weekday as {{ dbt.type_string() }})
            as preferred_weekday,
        cast(dominant_season as {{ dbt.type_string() }}) as dominant_season,
        cast(order_count as {{ dbt.type_int() }}) as order_count,
        cast(weekend_order_count as {{ dbt.type_int() }})
            as weekend_order_count,
        cast(holiday_order_count as {{ dbt.type_int() }})
            as holiday_order_count,
        cast(dominant_season_order_count as {{ dbt.type_int() }})
            as dominant_season_order_count,
        cast(weekend_order_share as {{ type_double() }})
            as weekend_order_share,
        cast(holiday_order_share as {{ type_double() }})
            as holiday_order_share,
        cast(dominant_season_share as {{ type_double() }})
            as dominant_season_share,
        is_current
    from customers_segmented

)

select * from final
