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

devices_summarized as (

    {#- one pass per device: its latest identification (by event time, then
        receive time, then event id) and whether it was ever identified as
        an erased customer -#}
    select
        device_events.anonymous_id,
        {{ latest_by(
            'device_events.customer_id',
            [
                'device_events.event_at',
                'device_events.received_at',
                'device_events.event_id',
            ],
            where='device_events.customer_id is not null',
        ) }} as customer_id,
        count(erased_customers.customer_id) > 0 as is_erased_device
    from device_events
    left join erased_customers
        on device_events.customer_id = erased_customers.customer_id
    group by device_events.anonymous_id

),

devices_stitched as (

    select
        anonymous_id,
        customer_id
    from devices_summarized
    where not is_erased_device

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
