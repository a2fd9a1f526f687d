{#-
    int_sessions_aggregated_to_customers: one row per as-of date A of the spine (int_as_of_date_spine) and identified
    customer with at least one session started on or before A (local date). Sessions and engaged sessions in
    the short and long engagement windows ending at A (segments__engagement_short_window_days,
    segments__engagement_long_window_days), and the latest session date up to A.
    Sessions are first counted per customer and day. Every join is bounded: the window counts join a session
    day only to the as-of dates of the window after it; the latest session date comes from the session day
    valid from its date until the customer's next session day, so every as-of date meets exactly one session
    day per customer (the latest on or before A).
    Engaged = int_sessions.is_engaged (GA4 rule).
-#}
{%- set window_days = [
    var('segments__engagement_short_window_days'),
    var('segments__engagement_long_window_days'),
] | max %}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

sessions as (

    select
        customer_id,
        is_engaged,
        session_start_local_date
    from {{ ref('int_sessions') }}
    where customer_id is not null

),

as_of_windows as (

    select
        as_of_date,
        cast(
            {{ dbt.dateadd('day', 1 - window_days, 'as_of_date') }} as date
        ) as window_start_date
    from as_of_dates

),

session_days as (

    {#- One row per customer and local date with sessions. #}
    select
        customer_id,
        session_start_local_date,
        count(*) as session_count,
        sum(case when is_engaged then 1 else 0 end) as engaged_session_count
    from sessions
    group by customer_id, session_start_local_date

),

session_days_valid as (

    {#- The next session day closes the validity of a session day. #}
    select
        session_days.customer_id,
        session_days.session_start_local_date,
        coalesce(
            lead(session_days.session_start_local_date) over (
                partition by session_days.customer_id
                order by session_days.session_start_local_date
            ),
            cast('9999-12-31' as date)
        ) as valid_until_date
    from session_days

),

latest_day_as_of as (

    {#- The latest session day on or before each as-of date (asof join). #}
    select
        as_of_dates.as_of_date,
        session_days_valid.customer_id,
        session_days_valid.session_start_local_date as last_session_date
    from session_days_valid
    inner join as_of_dates
        on
            session_days_valid.session_start_local_date
            <= as_of_dates.as_of_date
            and session_days_valid.valid_until_date > as_of_dates.as_of_date

),

session_days_in_windows as (

    select
        as_of_windows.as_of_date,
        session_days.customer_id,
        session_days.session_count,
        session_days.engaged_session_count,
        {{ dbt.datediff(
            'session_days.session_start_local_date',
            'as_of_windows.as_of_date',
            'day',
        ) }} as days_before_as_of
    from session_days
    inner join as_of_windows
        on
            session_days.session_start_local_date <= as_of_windows.as_of_date
            and session_days.session_start_local_date
            >= as_of_windows.window_start_date

),

window_counts as (

    select
        as_of_date,
        customer_id,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_short_window_days') }}
                    then session_count
                else 0
            end
        ) as session_count_30d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_short_window_days') }}
                    then engaged_session_count
                else 0
            end
        ) as engaged_session_count_30d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_long_window_days') }}
                    then session_count
                else 0
            end
        ) as session_count_90d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_long_window_days') }}
                    then engaged_session_count
                else 0
            end
        ) as engaged_session_count_90d
    from session_days_in_windows
    group by as_of_date, customer_id

),

final as (

    select
        latest_day_as_of.as_of_date,
        latest_day_as_of.customer_id,
        cast(
            coalesce(window_counts.session_count_30d, 0)
            as {{ dbt.type_int() }}
        ) as session_count_30d,
        cast(
            coalesce(window_counts.engaged_session_count_30d, 0)
            as {{ dbt.type_int() }}
        ) as engaged_session_count_30d,
        cast(
            coalesce(window_counts.session_count_90d, 0)
            as {{ dbt.type_int() }}
        ) as session_count_90d,
        cast(
            coalesce(window_counts.engaged_session_count_90d, 0)
            as {{ dbt.type_int() }}
        ) as engaged_session_count_90d,
        latest_day_as_of.last_session_date
    from latest_day_as_of
    left join window_counts
        on
            latest_day_as_of.as_of_date = window_counts.as_of_date
            and latest_day_as_of.customer_id = window_counts.customer_id

)

select * from final
