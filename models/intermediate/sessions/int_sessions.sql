{#-
    int_sessions: one row per session of a stitched person. A session ends
    after var segments__session_timeout_minutes of inactivity (a gap longer
    than the timeout starts a new session; exactly the timeout does not).
    is_engaged follows GA4: longer than segments__engaged_session_min_seconds,
    or a conversion, or at least segments__engaged_session_min_page_views page
    or screen views.
    One ordered pass over the events finds the session starts and carries
    running counts; the starts alone (about one event in five) are then
    paired with the next start, so a session's counts are differences of
    running counts and no second sort of every event is needed.
    person_events_fingerprint (the bit_xor of stitched_event_hash() over
    the person's events, the same on each of their sessions) is what an
    incremental run compares.
    Incremental (delete+insert on person_id): a run recomputes every session
    of each affected person, whole (a session straddling the increment
    boundary and the numbering of later sessions come out as in a full
    build). Affected (macro stitched_persons_affected): persons whose events
    in int_events_stitched changed since their sessions were computed, by
    number or fingerprint (new or late events, events re-stitched to or from
    them, a time zone changed in the CRM). The post-hook deletes the
    sessions of persons left without events (re-stitched or erased).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='person_id',
    on_schema_change='fail',
    post_hook=["{{ persons_without_events_deleted() }}"],
) }}

with

stitched_events as (

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
        received_at,
        {{ stitched_event_hash() }} as event_hash
    from {{ ref('int_events_stitched') }}

),

events as (

    {#- incremental: the events of the persons recomputed (macro) #}
    {{ events_of_persons_affected('stitched_events') }}

),

events_sequenced as (

    {#- One ordered pass over the events: each one's previous event, its
        number, the page views and conversions up to and including it, and
        the person's totals. customer_id is the person's, on every event. -#}
    select
        *,
        lag(event_at) over person_events as previous_event_at,
        row_number() over person_events as event_number,
        sum(case when is_page_view then 1 else 0 end) over (
            partition by person_id
            order by event_at asc, received_at asc, event_id asc
            rows between unbounded preceding and current row
        ) as page_views_to_date,
        sum(case when is_conversion then 1 else 0 end) over (
            partition by person_id
            order by event_at asc, received_at asc, event_id asc
            rows between unbounded preceding and current row
        ) as conversions_to_date,
        count(*) over person as person_event_count,
        sum(case when is_page_view then 1 else 0 end) over person
            as person_page_view_count,
        sum(case when is_conversion then 1 else 0 end) over person
            as person_conversion_count,
        max(event_at) over person as person_last_event_at,
        bit_xor(event_hash) over person as person_events_fingerprint
    from events
    window
        person_events as (
            partition by person_id
            order by event_at asc, received_at asc, event_id asc
        ),
        person as (partition by person_id)

),

session_starts as (

    {#- The first event of each session; the values before it #}
    select
        person_id,
        customer_id,
        page_path as landing_page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        event_local_date as session_start_local_date,
        event_at as session_started_at,
        previous_event_at,
        event_number,
        page_views_to_date
        - case when is_page_view then 1 else 0 end as page_views_before,
        conversions_to_date
        - case when is_conversion then 1 else 0 end as conversions_before,
        person_event_count,
        person_page_view_count,
        person_conversion_count,
        person_last_event_at,
        person_events_fingerprint
    from events_sequenced
    where
        previous_event_at is null
        or {{ dbt.datediff('previous_event_at', 'event_at', 'second') }}
        > {{ var('segments__session_timeout_minutes') }} * 60

),

sessions_bounded as (

    {#- A session runs up to the event before the next session's start (its
        previous event), or to the person's last event -#}
    select
        person_id,
        customer_id,
        landing_page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        session_start_local_date,
        session_started_at,
        event_number,
        page_views_before,
        conversions_before,
        person_events_fingerprint,
        cast(
            row_number() over person_sessions as {{ dbt.type_int() }}
        ) as session_number,
        coalesce(
            lead(event_number) over person_sessions,
            person_event_count + 1
        ) as next_start_event_number,
        coalesce(
            lead(page_views_before) over person_sessions,
            person_page_view_count
        ) as page_views_through_end,
        coalesce(
            lead(conversions_before) over person_sessions,
            person_conversion_count
        ) as conversions_through_end,
        coalesce(
            lead(previous_event_at) over person_sessions,
            person_last_event_at
        ) as session_ended_at
    from session_starts
    window person_sessions as (
        partition by person_id
        order by event_number
    )

),

sessions_measured as (

    select
        person_id,
        session_number,
        customer_id,
        landing_page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        cast(
            next_start_event_number - event_number as {{ dbt.type_int() }}
        ) as event_count,
        cast(
            page_views_through_end - page_views_before as {{ dbt.type_int() }}
        ) as page_view_count,
        conversions_through_end > conversions_before as has_conversion,
        session_start_local_date,
        session_started_at,
        session_ended_at,
        person_events_fingerprint,
        {{ dbt.datediff('session_started_at', 'session_ended_at', 'second') }}
            as duration_seconds
    from sessions_bounded

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
            or has_conversion
            or page_view_count
            >= {{ var('segments__engaged_session_min_page_views') }}
        ) as is_engaged,
        -- dates
        session_start_local_date,
        -- timestamps
        session_started_at,
        session_ended_at,
        person_events_fingerprint
    from sessions_measured

)

select * from final
