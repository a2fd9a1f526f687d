{#-
    base_email__email_events_parsed: one row per raw email event, typed, with
    the first row check it fails (null when it passes every one):
      0. schema_drift           its file does not fit the contract
                                (source_schema_issue, macro
                                register_landing_zone)
      1. missing_key            email_event_id blank
      2. unparseable_timestamp  occurred_at missing or unparseable
      3. implausible_timestamp  occurred_at before var
                                segments__earliest_plausible_date or after
                                the load time plus a tolerance
                                (is_implausible_timestamp)
      4. missing_identity       customer_id blank
      5. unknown_value          event_type outside var
                                segments__email_event_types (counted in
                                audit.unknown_values)
    Duplicates are not judged here: base_email__email_copies_ranked ranks
    the copies of an email_event_id and base_email__email_events_checked
    marks the later ones. So a parsed row never changes, and the model is
    incremental by append: a run parses the landing-zone files not yet in
    the table, whole (each raw row is read once; a file changed in place
    is parsed again, pre-hook reparse_changed_files).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=['{{ reparse_changed_files() }}'],
) }}

with

landed_email_events as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        event_type,
        occurred_at,
        source_file_name,
        source_row_number,
        source_schema_issue
    from {{ source('email', 'email_events') }}

),

raw_email_events as (

    {#- incremental: the rows of the files not loaded yet -#}
    {{ rows_not_loaded('landed_email_events') }}

),

email_events_typed as (

    select
        {{ clean_string('email_event_id') }} as email_event_id,
        {{ clean_string('customer_id') }} as customer_id,
        {{ clean_string('campaign_id') }} as campaign_id,
        lower({{ clean_string('event_type') }}) as email_event_type,
        {{ parse_timestamp_utc('occurred_at') }} as occurred_at,
        source_file_name,
        source_row_number,
        source_schema_issue,
        {#- raw values, for the audit record of rejected rows -#}
        email_event_id as raw_email_event_id,
        customer_id as raw_customer_id,
        campaign_id as raw_campaign_id,
        event_type as raw_event_type,
        occurred_at as raw_occurred_at
    from raw_email_events

),

row_checked as (

    select
        *,
        case
            when source_schema_issue is not null then 'schema_drift'
            when email_event_id is null then 'missing_key'
            when occurred_at is null then 'unparseable_timestamp'
            when {{ is_implausible_timestamp('occurred_at') }}
                then 'implausible_timestamp'
            when customer_id is null then 'missing_identity'
            when
                email_event_type not in {{
                    sql_string_list(var('segments__email_event_types'))
                }}
                then 'unknown_value'
        end as row_rejection_reason
    from email_events_typed

),

final as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        email_event_type,
        source_file_name,
        source_row_number,
        occurred_at,
        row_rejection_reason,
        case
            when row_rejection_reason is not null
                then {{ json_object_text({
                    'email_event_id': text_of('raw_email_event_id'),
                    'customer_id': text_of('raw_customer_id'),
                    'campaign_id': text_of('raw_campaign_id'),
                    'event_type': text_of('raw_event_type'),
                    'occurred_at': text_of('raw_occurred_at'),
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as row_raw_record
    from row_checked

)

select * from final
