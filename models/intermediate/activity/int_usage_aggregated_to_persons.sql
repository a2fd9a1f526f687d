{#-
    int_usage_aggregated_to_persons: one row per person with at least one active day on or before the as-of
    date D. Active days in the last N days (D-N+1 .. D) and in the N days before (D-2N+1 .. D-N), with N the
    var segments__usage_window_days; distinct features used in the last N days; first and last active date.
-#}
with

person_days as (

    select
        person_id,
        customer_id,
        event_local_date
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

person_days_dated as (

    select
        person_id,
        customer_id,
        event_local_date,
        {{ dbt.datediff('event_local_date', as_of_date(), 'day') }}
            as days_before_as_of
    from person_days

),

person_days_as_of as (

    select
        person_id,
        customer_id,
        event_local_date,
        days_before_as_of,
        case
            when
                days_before_as_of < {{ var('segments__usage_window_days') }}
                then 1
            else 0
        end as is_in_window,
        case
            when
                days_before_as_of >= {{ var('segments__usage_window_days') }}
                and days_before_as_of
                < 2 * {{ var('segments__usage_window_days') }}
                then 1
            else 0
        end as is_in_prior_window
    from person_days_dated
    where days_before_as_of >= 0

),

features_in_window as (

    select
        person_id,
        count(distinct feature_name) as distinct_features_used
    from feature_events
    where
        {{ dbt.datediff('event_local_date', as_of_date(), 'day') }}
        between 0 and {{ var('segments__usage_window_days') }} - 1
    group by person_id

),

usage_per_person as (

    select
        person_id,
        max(customer_id) as customer_id,
        sum(is_in_window) as active_days_28d,
        sum(is_in_prior_window) as active_days_prior_28d,
        count(*) as active_days_to_date,
        min(event_local_date) as first_active_date,
        max(event_local_date) as last_active_date,
        min(days_before_as_of) as days_since_last_active
    from person_days_as_of
    group by person_id

),

final as (

    select
        usage_per_person.person_id,
        usage_per_person.customer_id,
        cast(
            usage_per_person.active_days_28d as {{ dbt.type_int() }}
        ) as active_days_28d,
        cast(
            usage_per_person.active_days_prior_28d
            as {{ dbt.type_int() }}
        ) as active_days_prior_28d,
        cast(
            usage_per_person.active_days_to_date as {{ dbt.type_int() }}
        ) as active_days_to_date,
        cast(
            coalesce(features_in_window.distinct_features_used, 0)
            as {{ dbt.type_int() }}
        ) as distinct_features_used_28d,
        cast(
            usage_per_person.days_since_last_active as {{ dbt.type_int() }}
        ) as days_since_last_active,
        usage_per_person.first_active_date,
        usage_per_person.last_active_date
    from usage_per_person
    left join features_in_window
        on usage_per_person.person_id = features_in_window.person_id

)

select * from final
