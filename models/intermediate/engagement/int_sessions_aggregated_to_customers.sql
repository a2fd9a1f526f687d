{#-
    int_sessions_aggregated_to_customers: one row per identified customer with at least one session started
    on or before the as-of date D (local date). Sessions and engaged sessions in the short and long engagement
    windows (segments__engagement_short_window_days, segments__engagement_long_window_days).
-#}
with

sessions as (

    select
        customer_id,
        is_engaged,
        session_start_local_date
    from {{ ref('int_sessions') }}
    where customer_id is not null

),

sessions_dated as (

    select
        customer_id,
        is_engaged,
        session_start_local_date,
        {{ dbt.datediff('session_start_local_date', as_of_date(), 'day') }}
            as days_before_as_of
    from sessions

),

sessions_flagged as (

    select
        customer_id,
        session_start_local_date,
        case
            when
                days_before_as_of
                < {{ var('segments__engagement_short_window_days') }}
                then 1
            else 0
        end as is_short_window,
        case
            when
                is_engaged
                and days_before_as_of
                < {{ var('segments__engagement_short_window_days') }}
                then 1
            else 0
        end as is_engaged_short_window,
        case
            when
                days_before_as_of
                < {{ var('segments__engagement_long_window_days') }}
                then 1
            else 0
        end as is_long_window,
        case
            when
                is_engaged
                and days_before_as_of
                < {{ var('segments__engagement_long_window_days') }}
                then 1
            else 0
        end as is_engaged_long_window
    from sessions_dated
    where days_before_as_of >= 0

),

sessions_per_customer as (

    select
        customer_id,
        sum(is_short_window) as session_count_30d,
        sum(is_engaged_short_window) as engaged_session_count_30d,
        sum(is_long_window) as session_count_90d,
        sum(is_engaged_long_window) as engaged_session_count_90d,
        max(session_start_local_date) as last_session_date
    from sessions_flagged
    group by customer_id

),

final as (

    select
        customer_id,
        cast(session_count_30d as {{ dbt.type_int() }}) as session_count_30d,
        cast(engaged_session_count_30d as {{ dbt.type_int() }})
            as engaged_session_count_30d,
        cast(session_count_90d as {{ dbt.type_int() }}) as session_count_90d,
        cast(engaged_session_count_90d as {{ dbt.type_int() }})
            as engaged_session_count_90d,
        last_session_date
    from sessions_per_customer

)

select * from final
