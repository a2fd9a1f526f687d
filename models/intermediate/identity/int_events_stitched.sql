{#-
    int_events_stitched: one row per clean event of a non-erased person.
    customer_id is the event's own user_id, else the customer its device was
    last identified as (retroactive: a device's anonymous events before
    sign-in belong to that customer). person_id is the customer_id, or
    'anon:' || anonymous_id for devices never identified. Local timestamps use
    the customer's CRM time zone, UTC for anonymous persons and customers
    unknown to the CRM.
    Erasure removes exactly what the stitching gives an erased customer: the
    events carrying their user_id, and the anonymous events of a device last
    identified as them (absent from int_identities_stitched). Another
    customer's own events on such a shared device stay, with anonymous_id
    null: the device id last tied to the erased customer leaves with them.
    Incremental (delete+insert on event_id), retroactive: a run re-derives
    the events received at or after the watermark (this table's latest
    received_at minus var segments__incremental_lookback_days); every event
    of each device seen since then whose stored events do not all carry the
    customer it is identified as now, so a device identified today moves its
    older anonymous events to the customer; and every event of the customers
    whose CRM row was updated since the watermark (time zone); and every
    event of each device an erased customer signed in on, when the device was
    seen since the watermark or the customer was erased since (the device may
    have moved to or from the erased customer). The post-hook deletes the
    stored events of customers erased since, and of devices last identified
    as one (absent from int_identities_stitched).
    fact_fingerprint hashes the event's facts (every column but received_at)
    when the row is written, so int_fact_dates_fingerprinted folds one
    integer per event instead of hashing every column of every event on
    every run.
    Local timestamps are DST-correct. int_identities_stitched stays a table: one
    pass over the identified events, cheap and always exact.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    on_schema_change='fail',
    post_hook=[
        "{% set erased_or_unidentified %}
        customer_id in (
            select customer_id from {{ ref('stg_crm__customers') }}
            where is_erased
        )
        or (
            anonymous_id is not null
            and {{ key_absent_from(
                'anonymous_id', ref('int_identities_stitched'), 'anonymous_id'
            ) }}
        )
        {% endset %}
        {{ delete_rows_where(this, erased_or_unidentified) }}",
    ],
) }}

{#- The staged event columns this model reads; all but received_at, with
    the stitched customer and the local time, are the event's facts
    (fact_fingerprint) -#}
{%- set event_columns = [
    'event_id',
    'anonymous_id',
    'customer_id',
    'product_id',
    'order_id',
    'event_name',
    'tracker_event_name',
    'channel',
    'device_type',
    'page_path',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'product_category',
    'search_query',
    'feature_name',
    'plan_name',
    'product_price',
    'product_quantity',
    'order_revenue',
    'is_page_view',
    'is_conversion',
    'event_at',
    'received_at',
]
%}
{%- set fact_columns = [] %}
{%- for column in event_columns if column != 'received_at' %}
    {%- do fact_columns.append(
        'stitched_anonymous_id' if column == 'anonymous_id' else column
    ) %}
{%- endfor %}
{%- do fact_columns.extend(['stitched_customer_id', 'event_local_at']) %}

with

events as (

    select
        {%- for column in event_columns %}
            {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
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

{% if is_incremental() %}

customers_updated as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where updated_at >= {{ incremental_watermark(this) }}

),

devices_received as (

    {#- read from the table, not the `events` CTE: a CTE read twice is
        materialized whole -#}
    select distinct anonymous_id
    from {{ ref('stg_tracking__events') }}
    where
        anonymous_id is not null
        and received_at >= {{ incremental_watermark(this) }}

),

devices_stitched_before as (

    {#- the customers the stored events of those devices carry -#}
    select distinct
        stitched_before.anonymous_id,
        stitched_before.customer_id
    from {{ this }} as stitched_before
    inner join devices_received
        on stitched_before.anonymous_id = devices_received.anonymous_id

),

devices_restitched as (

    {#- a device identified since (or as someone else): its older events
        move to the customer it is identified as now -#}
    select distinct devices_stitched_before.anonymous_id
    from devices_stitched_before
    left join identities
        on devices_stitched_before.anonymous_id = identities.anonymous_id
    where
        devices_stitched_before.customer_id
        is distinct from identities.customer_id

),

devices_of_customers_updated as (

    select identities.anonymous_id
    from identities
    inner join customers_updated
        on identities.customer_id = customers_updated.customer_id

),

devices_of_erased_customers as (

    {#- the devices an erased customer signed in on: erasure removed their
        anonymous events, or kept another customer's own events without the
        device id. Read from the table, not the `events` CTE. -#}
    select distinct
        staged.anonymous_id,
        staged.customer_id
    from {{ ref('stg_tracking__events') }} as staged
    inner join erased_customers
        on staged.customer_id = erased_customers.customer_id
    where staged.anonymous_id is not null

),

devices_erasure_changed as (

    {#- of those, the devices seen since the watermark (a new sign-in moves
        the device to or from the erased customer) and those of customers
        erased since -#}
    select distinct devices_of_erased_customers.anonymous_id
    from devices_of_erased_customers
    left join devices_received
        on
            devices_of_erased_customers.anonymous_id
            = devices_received.anonymous_id
    left join customers_updated
        on
            devices_of_erased_customers.customer_id
            = customers_updated.customer_id
    where
        devices_received.anonymous_id is not null
        or customers_updated.customer_id is not null

),

{% endif %}

events_affected as (

    {#- incremental: the events received since the watermark, every event of
        a device re-stitched, every event of a customer whose CRM row was
        updated (time zone), every event of a device whose erasure may have
        changed; filtered before the identity join -#}
    select events.*
    from events
    {% if is_incremental() %}
        left join devices_restitched
            on events.anonymous_id = devices_restitched.anonymous_id
        left join devices_of_customers_updated
            on events.anonymous_id = devices_of_customers_updated.anonymous_id
        left join customers_updated
            on events.customer_id = customers_updated.customer_id
        left join devices_erasure_changed
            on events.anonymous_id = devices_erasure_changed.anonymous_id
        where
            events.received_at >= {{ incremental_watermark(this) }}
            or devices_restitched.anonymous_id is not null
            or devices_of_customers_updated.anonymous_id is not null
            or customers_updated.customer_id is not null
            or devices_erasure_changed.anonymous_id is not null
    {% endif %}

),

events_identified as (

    select
        events_affected.*,
        coalesce(events_affected.customer_id, identities.customer_id)
            as stitched_customer_id,
        {#- null for a device last identified as an erased customer -#}
        identities.anonymous_id as stitched_anonymous_id,
        events_affected.anonymous_id is not null
        and identities.anonymous_id is null as is_erased_device
    from events_affected
    left join identities
        on events_affected.anonymous_id = identities.anonymous_id

),

events_kept as (

    {#- erasure: the events the stitching gives an erased customer go (their
        own, and the anonymous events of a device last identified as them);
        another customer's own events on that device stay, without its id
        (stitched_anonymous_id) -#}
    select events_identified.*
    from events_identified
    left join erased_customers
        on events_identified.stitched_customer_id = erased_customers.customer_id
    where
        erased_customers.customer_id is null
        and not (
            events_identified.is_erased_device
            and events_identified.customer_id is null
        )

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
        stitched_anonymous_id as anonymous_id,
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
        received_at,
        -- the event's facts, hashed once when it is (re-)derived
        {{ row_fingerprint(none, only=fact_columns) }} as fact_fingerprint
    from events_localized

)

select * from final
