{#-
    base_tracking__events_parsed: one row per raw track call, typed, with the
    first row check it fails (null when it passes every one):
      0. schema_drift           its file does not fit the contract
                                (source_schema_issue, macro
                                register_landing_zone)
      1. missing_key            message_id blank
      2. unparseable_timestamp  timestamp or received_at missing or unparseable
      3. implausible_timestamp  timestamp or received_at before var
                                segments__earliest_plausible_date or after
                                the load time plus a tolerance
                                (is_implausible_timestamp): a clock at 2200
                                or 1970 never moves the as-of date or spine
      4. missing_identity       neither anonymous_id nor user_id
      5. malformed_json         properties present but not valid JSON
      6. unparseable_value      a typed property (price, quantity, revenue)
                                present but not a number
      7. invalid_value          quantity a number but not a whole one (1.5 is
                                never rounded to 2)
      8. negative_amount        price, quantity or revenue below zero
      9. future_timestamp       client clock later than received_at plus
                                var segments__future_tolerance_minutes
    Double-encoded properties (a JSON string holding the object's text) are
    decoded once (json_decoded_once) before their keys are read.
    Duplicates are not judged here: base_tracking__event_copies_ranked ranks
    the copies of a message_id and base_tracking__events_checked marks the
    later ones. So a row's values never change once parsed, and the model is
    incremental by append: a run parses the landing-zone files not yet in the
    table, whole (each raw row is read once; a file changed in place is
    parsed again, pre-hook reparse_changed_files; so
    raw = staged + rejected stays exact whatever the rows' received_at).
-#}
{#- JSON property key -> staged column (numbers as text until typed below) -#}
{%- set event_properties = {
    'product_id': 'product_id',
    'category': 'product_category',
    'price': 'product_price_text',
    'quantity': 'product_quantity_text',
    'query': 'search_query',
    'feature_name': 'feature_name',
    'order_id': 'order_id',
    'revenue': 'order_revenue_text',
    'plan': 'plan_name',
} -%}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=['{{ reparse_changed_files() }}'],
) }}

with

landed_events as (

    select
        message_id,
        anonymous_id,
        user_id,
        event,
        timestamp,
        received_at,
        channel,
        device_type,
        page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        properties,
        source_file_name,
        source_row_number,
        source_schema_issue
    from {{ source('tracking', 'events') }}

),

raw_events as (

    {#- incremental: the rows of the files not loaded yet -#}
    {{ rows_not_loaded('landed_events') }}

),

events_typed as (

    select
        {{ clean_string('message_id') }} as event_id,
        {{ clean_string('anonymous_id') }} as anonymous_id,
        {{ clean_string('user_id') }} as customer_id,
        {{ clean_string('event') }} as tracker_event_name,
        lower({{ clean_string('channel') }}) as channel,
        lower({{ clean_string('device_type') }}) as device_type,
        {{ clean_string('page_path') }} as page_path,
        lower({{ clean_string('utm_source') }}) as utm_source,
        lower({{ clean_string('utm_medium') }}) as utm_medium,
        lower({{ clean_string('utm_campaign') }}) as utm_campaign,
        {{ clean_string('properties') }} as properties,
        {{ parse_timestamp_utc('timestamp') }} as event_at,
        {{ parse_timestamp_utc('received_at') }} as received_at,
        source_file_name,
        source_row_number,
        source_schema_issue,
        {#- raw values, for the audit record of rejected rows -#}
        message_id as raw_message_id,
        anonymous_id as raw_anonymous_id,
        user_id as raw_user_id,
        event as raw_event,
        timestamp as raw_timestamp,
        received_at as raw_received_at,
        properties as raw_properties
    from raw_events

),

properties_checked as (

    select
        *,
        case
            when properties is null then true
            else {{ is_valid_json('properties') }}
        end as is_properties_valid_json
    from events_typed

),

properties_decoded as (

    {#- some trackers send the object JSON-encoded twice: a JSON string -#}
    select
        *,
        case
            when is_properties_valid_json
                then {{ json_decoded_once('properties') }}
        end as decoded_properties
    from properties_checked

),

properties_listed as (

    {#- the JSON is parsed once for every property -#}
    select
        *,
        case
            when is_properties_valid_json
                then {{ json_extract_texts(
                    'decoded_properties', event_properties.keys() | list
                ) }}
        end as property_texts
    from properties_decoded

),

properties_extracted as (

    select
        *,
        {%- for column in event_properties.values() %}
            {{ array_element('property_texts', loop.index) }} as {{ column }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from properties_listed

),

properties_typed as (

    select
        *,
        {{ parse_number('product_price_text', type_amount()) }}
            as product_price,
        {{ parse_number('product_quantity_text', type_any_number()) }}
            as product_quantity_number,
        {{ parse_integer('product_quantity_text') }} as product_quantity,
        {{ parse_number('order_revenue_text', type_amount()) }}
            as order_revenue
    from properties_extracted

),

row_checked as (

    select
        *,
        case
            when source_schema_issue is not null then 'schema_drift'
            when event_id is null then 'missing_key'
            when event_at is null or received_at is null
                then 'unparseable_timestamp'
            when
                {{ is_implausible_timestamp('event_at') }}
                or {{ is_implausible_timestamp('received_at') }}
                then 'implausible_timestamp'
            when anonymous_id is null and customer_id is null
                then 'missing_identity'
            when not is_properties_valid_json then 'malformed_json'
            when
                (product_price_text is not null and product_price is null)
                or (
                    product_quantity_text is not null
                    and product_quantity_number is null
                )
                or (order_revenue_text is not null and order_revenue is null)
                then 'unparseable_value'
            when
                product_quantity_number is not null
                and product_quantity is null
                then 'invalid_value'
            when
                product_price < 0
                or product_quantity < 0
                or order_revenue < 0
                then 'negative_amount'
            when
                event_at > {{ dbt.dateadd(
                    'minute',
                    var('segments__future_tolerance_minutes'),
                    'received_at',
                ) }}
                then 'future_timestamp'
        end as row_rejection_reason
    from properties_typed

),

row_recorded as (

    select
        *,
        case
            when row_rejection_reason is not null
                then {{ json_object_text({
                    'message_id': text_of('raw_message_id'),
                    'anonymous_id': text_of('raw_anonymous_id'),
                    'user_id': text_of('raw_user_id'),
                    'event': text_of('raw_event'),
                    'timestamp': text_of('raw_timestamp'),
                    'received_at': text_of('raw_received_at'),
                    'properties': text_of('raw_properties'),
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as row_raw_record
    from row_checked

),

final as (

    select
        event_id,
        anonymous_id,
        customer_id,
        {#- free text is scrubbed of emails, phone numbers and personal URL
            parameters here, once per row (macro scrub_pii) -#}
        {{ scrub_pii('tracker_event_name') }} as tracker_event_name,
        {{ scrub_pii('channel') }} as channel,
        {{ scrub_pii('device_type') }} as device_type,
        {{ scrub_pii('page_path') }} as page_path,
        {{ scrub_pii('utm_source') }} as utm_source,
        {{ scrub_pii('utm_medium') }} as utm_medium,
        {{ scrub_pii('utm_campaign') }} as utm_campaign,
        product_id,
        {{ scrub_pii('product_category') }} as product_category,
        {{ scrub_pii('search_query') }} as search_query,
        {{ scrub_pii('feature_name') }} as feature_name,
        order_id,
        {{ scrub_pii('plan_name') }} as plan_name,
        {#- kept for the audit record of a copy found to be a duplicate -#}
        properties,
        source_file_name,
        source_row_number,
        product_price,
        product_quantity,
        order_revenue,
        event_at,
        received_at,
        row_rejection_reason,
        row_raw_record
    from row_recorded

)

select * from final
