{#-
    Erasure: nothing the stitching gives an erased customer appears past
    staging. Erased customers are those flagged is_erased in
    stg_crm__customers. Their data: the events carrying their user_id, and
    the anonymous events of each device whose latest identification (by
    event time, receive time, event id) is one of them; such a device's id
    leaves with them. Another customer's own events on a shared device are
    theirs and may stay. Every table and view built in schemas intermediate,
    marts, audit and snapshots is checked (information_schema at run time,
    so models added later are covered): a customer_id or person_id of an
    erased customer (or 'anon:' || an erased device), an anonymous_id of an
    erased device, an event_id of an erased customer's event. Fails with one
    row per column holding any. Every identity column is read once into one
    list, joined once with the erased identities (a check per column would
    derive them again for each on engines that inline CTEs, like Spark).
-#}
{{ config(tags=['privacy']) }}
-- depends_on: {{ ref('int_customers_resolved') }}
-- depends_on: {{ ref('int_events_stitched') }}
-- depends_on: {{ ref('int_sessions') }}
-- depends_on: {{ ref('rejected_rows') }}
{{ depend_on_every_leaf() }}
{%- set identity_columns = {
    'customer_id': 'customer',
    'anonymous_id': 'device',
    'person_id': 'person',
    'event_id': 'event',
} -%}
{%- set identity_values = [] -%}
{%- for column in columns_in_schemas(
    ['intermediate', 'marts', 'audit', 'snapshots']
) -%}
    {%- set name = column.column | lower -%}
    {%- if name in identity_columns -%}
        {%- do identity_values.append(
            "select '" ~ column.schema ~ "." ~ column.table ~ "' as relation_name, '"
            ~ column.column ~ "' as column_name, '" ~ identity_columns[name]
            ~ "' as identity_kind, cast(" ~ adapter.quote(column.column) ~ " as "
            ~ dbt.type_string() ~ ") as identity_value from "
            ~ adapter.quote(column.schema) ~ "." ~ adapter.quote(column.table)
        ) -%}
    {%- endif -%}
{%- endfor %}

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

erased_customer_ids as (

    select customer_id as identity_value
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

devices_of_erased_customers as (

    select distinct events.anonymous_id
    from events
    inner join erased_customer_ids
        on events.customer_id = erased_customer_ids.identity_value
    where events.anonymous_id is not null

),

devices_latest_identification as (

    {#- the stitching rule, restated: a device's latest user_id -#}
    select
        events.anonymous_id,
        {{ latest_by(
            'events.customer_id',
            ['events.event_at', 'events.received_at', 'events.event_id'],
        ) }} as customer_id
    from events
    inner join devices_of_erased_customers
        on events.anonymous_id = devices_of_erased_customers.anonymous_id
    where events.customer_id is not null
    group by events.anonymous_id

),

erased_anonymous_ids as (

    select devices_latest_identification.anonymous_id as identity_value
    from devices_latest_identification
    inner join erased_customer_ids
        on
            devices_latest_identification.customer_id
            = erased_customer_ids.identity_value

),

erased_identities as (

    {#- what each column may not hold: customer_id an erased customer,
        person_id one either or 'anon:' || an erased device, anonymous_id an
        erased device, event_id an event of theirs -#}
    select
        'customer' as identity_kind,
        identity_value
    from erased_customer_ids

    union all

    select
        'person' as identity_kind,
        identity_value
    from erased_customer_ids

    union all

    select
        'person' as identity_kind,
        {{ dbt.concat(["'anon:'", 'identity_value']) }} as identity_value
    from erased_anonymous_ids

    union all

    select
        'device' as identity_kind,
        identity_value
    from erased_anonymous_ids

    union all

    select
        'event' as identity_kind,
        events.event_id as identity_value
    from events
    inner join erased_customer_ids
        on events.customer_id = erased_customer_ids.identity_value

    union all

    select
        'event' as identity_kind,
        events.event_id as identity_value
    from events
    inner join erased_anonymous_ids
        on events.anonymous_id = erased_anonymous_ids.identity_value
    where events.customer_id is null

),

identity_values_past_staging as (

    select
        cast(null as {{ dbt.type_string() }}) as relation_name,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as identity_kind,
        cast(null as {{ dbt.type_string() }}) as identity_value
    from erased_identities
    where 1 = 0
    {%- for identity_value in identity_values %}
    union all
    {{ identity_value }}
    {%- endfor %}

),

findings as (

    select
        identity_values_past_staging.relation_name,
        identity_values_past_staging.column_name,
        count(*) as row_count
    from identity_values_past_staging
    inner join erased_identities
        on
            identity_values_past_staging.identity_kind
            = erased_identities.identity_kind
            and identity_values_past_staging.identity_value
            = erased_identities.identity_value
    group by
        identity_values_past_staging.relation_name,
        identity_values_past_staging.column_name

)

select * from findings
