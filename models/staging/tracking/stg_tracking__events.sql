{#-
    stg_tracking__events: one row per clean, deduplicated track call
    (message_id unique). Rejected calls are in audit.rejected_rows; event
    names are mapped to the canonical taxonomy of seed event_name_map, with
    `unknown` for names the seed does not list (counted in
    audit.unknown_event_names). Free text (page path, UTM fields, search
    query, names) arrives scrubbed of emails, phone numbers and personal URL
    parameters (base_tracking__events_parsed, macro scrub_pii, once per row).
    A view, like every staging model: its readers are incremental
    (int_events_stitched filters what it re-derives), and storing every
    event once more would cost a full write of the event table per build.
-#}

with

checked_events as (

    select
        event_id,
        anonymous_id,
        customer_id,
        tracker_event_name,
        channel,
        device_type,
        page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        product_id,
        product_category,
        search_query,
        feature_name,
        order_id,
        plan_name,
        product_price,
        product_quantity,
        order_revenue,
        event_at,
        received_at,
        rejection_reason
    from {{ ref('base_tracking__events_checked') }}

),

event_name_map as (

    select
        tracker_event_name,
        event_name,
        is_page_view,
        is_conversion
    from {{ ref('event_name_map') }}

),

clean_events as (

    select * from checked_events
    where rejection_reason is null

),

events_named as (

    select
        clean_events.*,
        coalesce(event_name_map.event_name, 'unknown') as event_name,
        coalesce(event_name_map.is_page_view, false) as is_page_view,
        coalesce(event_name_map.is_conversion, false) as is_conversion
    from clean_events
    left join event_name_map
        on
            lower(clean_events.tracker_event_name)
            = event_name_map.tracker_event_name

),

final as (

    select
        -- ids
        event_id,
        anonymous_id,
        customer_id,
        product_id,
        order_id,
        -- strings
        event_name,
        tracker_event_name,
        channel,
        device_type,
        page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        product_category,
        search_query,
        feature_name,
        plan_name,
        -- numerics
        product_price,
        product_quantity,
        order_revenue,
        -- booleans
        is_page_view,
        is_conversion,
        -- timestamps
        event_at,
        received_at
    from events_named

)

select * from final
