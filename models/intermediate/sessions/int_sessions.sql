{#-
    int_sessions: one row per session of a stitched person. A session ends
    after var segments__session_timeout_minutes of inactivity (a gap longer
    than the timeout starts a new session; exactly the timeout does not).
    is_engaged follows GA4: longer than segments__engaged_session_min_seconds,
    or a conversion, or at least segments__engaged_session_min_page_views page
    or screen views.
-#}
with

events as (

    select
        event_id,
        person_id,
        customer_id,
        page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        is_page_view,
        is_conversion,
        event_local_date,
        event_at,
        received_at
    from {{ ref('int_events_stitched') }}

),

events_ordered as (

    select
        *,
        lag(event_at) over (
            partition by person_id
            order by event_at asc, received_at asc, event_id asc
        ) as previous_event_at
    from events

),

session_starts_flagged as (

    select
        *,
        case
            when previous_event_at is null then 1
            when
                {{ dbt.datediff('previous_event_at', 'event_at', 'second') }}
                > {{ var('segments__session_timeout_minutes') }} * 60
                then 1
            else 0
        end as is_session_start
    from events_ordered

),

sessions_numbered as (

    select
        *,
        cast(sum(is_session_start) over (
            partition by person_id
            order by event_at asc, received_at asc, event_id asc
            rows between unbounded preceding and current row
        ) as {{ dbt.type_int() }}) as session_number
    from session_starts_flagged

),

sessions_aggregated as (

    select
        person_id,
        session_number,
        max(customer_id) as customer_id,
        max(case when is_session_start = 1 then page_path end)
            as landing_page_path,
        max(case when is_session_start = 1 then utm_source end) as utm_source,
        max(case when is_session_start = 1 then utm_medium end) as utm_medium,
        max(case when is_session_start = 1 then utm_campaign end)
            as utm_campaign,
        cast(count(*) as {{ dbt.type_int() }}) as event_count,
        cast(
            sum(case when is_page_view then 1 else 0 end)
            as {{ dbt.type_int() }}
        ) as page_view_count,
        max(case when is_conversion then 1 else 0 end) as has_conversion,
        max(case when is_session_start = 1 then event_local_date end)
            as session_start_local_date,
        min(event_at) as session_started_at,
        max(event_at) as session_ended_at
    from sessions_numbered
    group by person_id, session_number

),

sessions_measured as (

    select
        *,
        {{ dbt.datediff('session_started_at', 'session_ended_at', 'second') }}
            as duration_seconds
    from sessions_aggregated

),

final as (

    select
        -- ids
        {{ dbt.concat([
            'person_id',
            "'/'",
            dbt.safe_cast('session_number', dbt.type_string()),
        ]) }} as session_id,
        person_id,
        customer_id,
        -- strings
        landing_page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        -- numerics
        session_number,
        duration_seconds,
        event_count,
        page_view_count,
        -- booleans
        (
            duration_seconds
            > {{ var('segments__engaged_session_min_seconds') }}
            or has_conversion = 1
            or page_view_count
            >= {{ var('segments__engaged_session_min_page_views') }}
        ) as is_engaged,
        -- dates
        session_start_local_date,
        -- timestamps
        session_started_at,
        session_ended_at
    from sessions_measured

)

select * from final
