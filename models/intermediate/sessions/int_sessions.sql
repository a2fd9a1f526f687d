{#-
    int_sessions: one row per session of a stitched person. A session ends
    after var segments__session_timeout_minutes of inactivity (a gap longer
    than the timeout starts a new session; exactly the timeout does not).
    is_engaged follows GA4: longer than segments__engaged_session_min_seconds,
    or a conversion, or at least segments__engaged_session_min_page_views page
    or screen views.
    Incremental (delete+insert on person_id): a run recomputes every session
    of each affected person, whole (a session straddling the increment
    boundary and the numbering of later sessions come out as in a full
    build). Affected: persons with an event received at or after the
    watermark (latest last_received_at minus var
    segments__incremental_lookback_days), persons whose event count changed
    (events re-stitched to or from them), customers whose CRM row was updated
    since the watermark (time zone). The post-hook deletes the sessions of
    persons left without events (re-stitched or erased).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='person_id',
    on_schema_change='fail',
    post_hook=[
        "delete from {{ this }}
        where person_id not in (
            select person_id from {{ ref('int_events_stitched') }}
        )",
    ],
) }}
{# the CRM is read only by incremental runs -#}
-- depends_on: {{ ref('stg_crm__customers') }}

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
        received_at
    from {{ ref('int_events_stitched') }}

),

{% if is_incremental() %}

sessions_before as (

    select
        person_id,
        sum(event_count) as event_count
    from {{ this }}
    group by person_id

),

persons_counted as (

    {#- read from the table, not the `stitched_events` CTE: a CTE read twice
        is materialized whole -#}
    select
        person_id,
        count(*) as event_count,
        max(received_at) as last_received_at
    from {{ ref('int_events_stitched') }}
    group by person_id

),

customers_updated as (

    select customer_id as person_id
    from {{ ref('stg_crm__customers') }}
    where updated_at >= {{ incremental_watermark(this, 'last_received_at') }}

),

persons_affected as (

    select persons_counted.person_id
    from persons_counted
    left join sessions_before
        on persons_counted.person_id = sessions_before.person_id
    left join customers_updated
        on persons_counted.person_id = customers_updated.person_id
    where
        persons_counted.last_received_at
        >= {{ incremental_watermark(this, 'last_received_at') }}
        or sessions_before.event_count is null
        or sessions_before.event_count != persons_counted.event_count
        or customers_updated.person_id is not null

),

{% endif %}

events as (

    select stitched_events.*
    from stitched_events
    {% if is_incremental() %}
        inner join persons_affected
            on stitched_events.person_id = persons_affected.person_id
    {% endif %}

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
        max(event_at) as session_ended_at,
        max(received_at) as last_received_at
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
        session_ended_at,
        last_received_at
    from sessions_measured

)

select * from final
