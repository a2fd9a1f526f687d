{#-
    int_events_stitched: one row per clean event of a non-erased person.
    customer_id is the event's own user_id, else the customer its device was
    last identified as (retroactive: a device's anonymous events before
    sign-in belong to that customer). person_id is the customer_id, or
    'anon:' || anonymous_id for devices never identified. Local timestamps use
    the customer's CRM time zone, UTC for anonymous persons and customers
    unknown to the CRM.
-#}
with

events as (

    select
        event_id,
        anonymous_id,
        customer_id,
        product_id,
        order_id,
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
        product_price,
        product_quantity,
        order_revenue,
        is_page_view,
        is_conversion,
        event_at,
        received_at
    from {{ ref('stg_tracking__events') }}

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

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

events_identified as (

    select
        events.*,
        coalesce(events.customer_id, identities.customer_id)
            as stitched_customer_id,
        events.anonymous_id is not null
        and identities.anonymous_id is null as is_erased_device
    from events
    left join identities
        on events.anonymous_id = identities.anonymous_id

),

events_kept as (

    select events_identified.*
    from events_identified
    left join erased_customers
        on events_identified.stitched_customer_id = erased_customers.customer_id
    where
        erased_customers.customer_id is null
        and not events_identified.is_erased_device

),

events_localized as (

    select
        events_kept.*,
        {{ to_local_timestamp(
            'events_kept.event_at',
            "coalesce(customers.time_zone, 'UTC')",
        ) }} as event_local_at
    from events_kept
    left join customers
        on events_kept.stitched_customer_id = customers.customer_id

),

final as (

    select
        -- ids
        event_id,
        coalesce(
            stitched_customer_id,
            {{ dbt.concat(["'anon:'", 'anonymous_id']) }}
        ) as person_id,
        stitched_customer_id as customer_id,
        anonymous_id,
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
        stitched_customer_id is not null as is_identified,
        -- dates
        cast(event_local_at as date) as event_local_date,
        -- timestamps
        event_at,
        event_local_at,
        received_at
    from events_localized

)

select * from final
