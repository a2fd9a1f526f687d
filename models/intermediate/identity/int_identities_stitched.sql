{#-
    int_identities_stitched: one row per device (anonymous_id) seen on a clean
    event, mapped to the customer it was last identified as (latest event
    carrying a user_id, by event time). Devices never identified are persons
    of their own ('anon:' || anonymous_id). Devices ever identified as an
    erased customer are excluded (erased together with that customer).
-#}
with

events as (

    select
        event_id,
        anonymous_id,
        customer_id,
        event_at,
        received_at
    from {{ ref('stg_tracking__events') }}

),

erased_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

device_events as (

    select * from events
    where anonymous_id is not null

),

identifications_ranked as (

    select
        device_events.anonymous_id,
        device_events.customer_id,
        erased_customers.customer_id is not null as is_erased_customer,
        row_number() over (
            partition by device_events.anonymous_id
            order by
                device_events.event_at desc,
                device_events.received_at desc,
                device_events.event_id desc
        ) as identification_recency
    from device_events
    left join erased_customers
        on device_events.customer_id = erased_customers.customer_id
    where device_events.customer_id is not null

),

devices as (

    select distinct anonymous_id
    from device_events

),

erased_devices as (

    select distinct anonymous_id
    from identifications_ranked
    where is_erased_customer

),

latest_identifications as (

    select
        anonymous_id,
        customer_id
    from identifications_ranked
    where identification_recency = 1

),

devices_stitched as (

    select
        devices.anonymous_id,
        latest_identifications.customer_id
    from devices
    left join latest_identifications
        on devices.anonymous_id = latest_identifications.anonymous_id
    left join erased_devices
        on devices.anonymous_id = erased_devices.anonymous_id
    where erased_devices.anonymous_id is null

),

final as (

    select
        -- ids
        anonymous_id,
        customer_id,
        coalesce(
            customer_id,
            {{ dbt.concat(["'anon:'", 'anonymous_id']) }}
        ) as person_id,
        -- booleans
        customer_id is not null as is_identified
    from devices_stitched

)

select * from final
