{#-
    int_usage_aggregated_to_persons: one row per as-of date A of the spine (int_as_of_date_spine) and person with at
    least one active day on or before A; anonymous persons at the current as-of date D only (macro
    history_keeps_person). Active days in the last N days (A-N+1 .. A) and in the N days before
    (A-2N+1 .. A-N), with N the var segments__usage_window_days; distinct features used in the last N days;
    active days to date, first and last active date up to A.
    Every join is bounded: the window metrics join an active day only to the as-of dates of the 2N days after
    it; the to-date metrics are the running values int_events_aggregated_to_person_days keeps per active day,
    each valid from its date until the person's next active day, so every as-of date meets exactly one active
    day per person (the latest on or before A).
-#}
with

as_of_dates as (

    select
        as_of_date,
        is_current
    from {{ ref_restated('int_as_of_date_spine') }}

),

person_days as (

    select
        person_id,
        customer_id,
        event_local_date,
        active_days_to_date,
        first_active_date,
        next_active_date
    from {{ ref('int_events_aggregated_to_person_days') }}

),

feature_events as (

    select
        person_id,
        feature_name,
        event_local_date
    from {{ ref('int_events_stitched') }}
    where
        event_name in {{
            sql_string_list(var('segments__feature_use_event_names'))
        }}
        and feature_name is not null

),

as_of_windows as (

    select
        as_of_date,
        is_current,
        cast(
            {{ dbt.dateadd(
                'day',
                1 - var('segments__usage_window_days'),
                'as_of_date',
            ) }} as date
        ) as window_start_date,
        cast(
            {{ dbt.dateadd(
                'day',
                1 - 2 * var('segments__usage_window_days'),
                'as_of_date',
            ) }} as date
        ) as prior_window_start_date
    from as_of_dates

),

person_days_valid as (

    {#- Each active day's running values hold until the next active day #}
    select
        person_id,
        customer_id,
        event_local_date,
        active_days_to_date,
        first_active_date,
        coalesce(
            next_active_date, cast('9999-12-31' as date)
        ) as valid_until_date
    from person_days

),

latest_day_as_of as (

    {#- The latest active day on or before each as-of date (asof join). #}
    select
        as_of_dates.as_of_date,
        person_days_valid.person_id,
        person_days_valid.customer_id,
        person_days_valid.active_days_to_date,
        person_days_valid.first_active_date,
        person_days_valid.event_local_date as last_active_date
    from person_days_valid
    inner join as_of_dates
        on
            person_days_valid.event_local_date <= as_of_dates.as_of_date
            and person_days_valid.valid_until_date > as_of_dates.as_of_date
            and {{ history_keeps_person(
                'person_days_valid.customer_id', 'as_of_dates.is_current'
            ) }}

),

person_days_in_windows as (

    select
        as_of_windows.as_of_date,
        person_days.person_id,
        {{ dbt.datediff(
            'person_days.event_local_date',
            'as_of_windows.as_of_date',
            'day',
        ) }} as days_before_as_of
    from person_days
    inner join as_of_windows
        on
            person_days.event_local_date <= as_of_windows.as_of_date
            and person_days.event_local_date
            >= as_of_windows.prior_window_start_date
            and {{ history_keeps_person(
                'person_days.customer_id', 'as_of_windows.is_current'
            ) }}

),

window_activity as (

    select
        as_of_date,
        person_id,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__usage_window_days') }}
                    then 1
                else 0
            end
        ) as usage_active_days,
        sum(
            case
                when
                    days_before_as_of
                    >= {{ var('segments__usage_window_days') }}
                    then 1
                else 0
            end
        ) as active_days_prior_28d
    from person_days_in_windows
    group by as_of_date, person_id

),

feature_days as (

    select distinct
        person_id,
        feature_name,
        event_local_date
    from feature_events

),

features_in_window as (

    select
        as_of_windows.as_of_date,
        feature_days.person_id,
        count(distinct feature_days.feature_name) as distinct_features_used
    from feature_days
    inner join as_of_windows
        on
            feature_days.event_local_date <= as_of_windows.as_of_date
            and feature_days.event_local_date
            >= as_of_windows.window_start_date
    group by as_of_windows.as_of_date, feature_days.person_id

),

final as (

    select
        latest_day_as_of.as_of_date,
        latest_day_as_of.person_id,
        latest_day_as_of.customer_id,
        cast(
            coalesce(window_activity.usage_active_days, 0)
            as {{ dbt.type_int() }}
        ) as usage_active_days,
        cast(
            coalesce(window_activity.active_days_prior_28d, 0)
            as {{ dbt.type_int() }}
        ) as active_days_prior_28d,
        cast(
            latest_day_as_of.active_days_to_date as {{ dbt.type_int() }}
        ) as active_days_to_date,
        cast(
            coalesce(features_in_window.distinct_features_used, 0)
            as {{ dbt.type_int() }}
        ) as distinct_features_used_28d,
        cast(
            {{ dbt.datediff(
                'latest_day_as_of.last_active_date',
                'latest_day_as_of.as_of_date',
                'day',
            ) }} as {{ dbt.type_int() }}
        ) as days_since_last_active,
        latest_day_as_of.first_active_date,
        latest_day_as_of.last_active_date
    from latest_day_as_of
    left join window_activity
        on
            latest_day_as_of.as_of_date = window_activity.as_of_date
            and latest_day_as_of.person_id = window_activity.person_id
    left join features_in_window
        on
            latest_day_as_of.as_of_date = features_in_window.as_of_date
            and latest_day_as_of.person_id = features_in_window.person_id

)

select * from final
