{#-
    unknown_event_names: one row per tracker event name that seed
    event_name_map does not list. Such events stay in staging as `unknown`;
    this makes a new tracker event visible (add it to the seed).
-#}
with

events as (

    select
        tracker_event_name,
        event_name,
        received_at
    from {{ ref('stg_tracking__events') }}

),

final as (

    select
        coalesce(tracker_event_name, '(missing)') as tracker_event_name,
        count(*) as event_count,
        min(received_at) as first_received_at,
        max(received_at) as last_received_at
    from events
    where event_name = 'unknown'
    group by coalesce(tracker_event_name, '(missing)')

)

select * from final
