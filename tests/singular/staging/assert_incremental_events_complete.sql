{#-
    The incremental event models hold what a full build would: every staged
    event (clean, first copy) of a non-erased person is stitched with the
    same received_at, and nothing else is; every stitched event is counted in
    its person's sessions. A row that landed later than var
    segments__incremental_lookback_days before a model's watermark fails
    here: run `dbt build --full-refresh`. Fails with one row per finding.
-#}
with

staged_events as (

    select
        event_id,
        anonymous_id,
        customer_id,
        received_at
    from {{ ref('stg_tracking__events') }}

),

stitched_events as (

    select
        event_id,
        person_id,
        received_at
    from {{ ref('int_events_stitched') }}

),

identities as (

    select
        anonymous_id,
        customer_id
    from {{ ref('int_identities_stitched') }}

),

erased_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

sessions as (

    select
        person_id,
        event_count
    from {{ ref('int_sessions') }}

),

staged_kept as (

    select
        staged_events.event_id,
        staged_events.received_at
    from staged_events
    left join identities
        on staged_events.anonymous_id = identities.anonymous_id
    left join erased_customers
        on
            coalesce(staged_events.customer_id, identities.customer_id)
            = erased_customers.customer_id
    where
        {#- erasure: an event the stitching gives an erased customer goes (an
            anonymous event of a device absent from identities is one) -#}
        (
            staged_events.anonymous_id is null
            or staged_events.customer_id is not null
            or identities.anonymous_id is not null
        )
        and erased_customers.customer_id is null

),

staged_not_stitched as (

    select
        'staged event not stitched' as finding,
        staged_kept.event_id as record_key
    from staged_kept
    left join stitched_events
        on
            staged_kept.event_id = stitched_events.event_id
            and staged_kept.received_at = stitched_events.received_at
    where stitched_events.event_id is null

),

stitched_not_staged as (

    select
        'stitched event not staged' as finding,
        stitched_events.event_id as record_key
    from stitched_events
    left join staged_kept
        on
            stitched_events.event_id = staged_kept.event_id
            and stitched_events.received_at = staged_kept.received_at
    where staged_kept.event_id is null

),

person_event_counts as (

    select
        person_id,
        count(*) as event_count
    from stitched_events
    group by person_id

),

person_session_counts as (

    select
        person_id,
        sum(event_count) as event_count
    from sessions
    group by person_id

),

sessions_not_matching as (

    select
        'sessions do not count the person''s events' as finding,
        coalesce(
            person_event_counts.person_id, person_session_counts.person_id
        ) as record_key
    from person_event_counts
    full outer join person_session_counts
        on person_event_counts.person_id = person_session_counts.person_id
    where
        person_event_counts.person_id is null
        or person_session_counts.person_id is null
        or person_event_counts.event_count != person_session_counts.event_count

),

findings as (

    select * from staged_not_stitched
    union all

    select * from stitched_not_staged
    union all

    select * from sessions_not_matching

)

select * from findings
