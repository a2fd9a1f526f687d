{#-
    int_identities_stitched: one row per device (anonymous_id) seen on a clean
    event, mapped to the customer it was last identified as (latest event
    carrying a user_id, by event time). Devices never identified are persons
    of their own ('anon:' || anonymous_id). A device whose latest
    identification is an erased customer is excluded: the stitching gives
    its anonymous events to that customer, so they are erased with them. A
    shared device last identified as someone else stays that person's, even
    if an erased customer also signed in on it.
    A table rebuilt on every run, so stitching is always computed on the whole
    history; int_events_stitched re-derives the devices it changed.
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
        receive time, then event id) -#}
    select
        anonymous_id,
        {{ latest_by(
            'customer_id',
            ['event_at', 'received_at', 'event_id'],
            where='customer_id is not null',
        ) }} as customer_id
    from device_events
    group by anonymous_id

),

devices_stitched as (

    select
        devices_summarized.anonymous_id,
        devices_summarized.customer_id
    from devices_summarized
    left join erased_customers
        on devices_summarized.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null

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
