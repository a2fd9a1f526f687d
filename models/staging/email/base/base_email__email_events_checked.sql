{#-
    base_email__email_events_checked: one row per raw email event, typed, with
    the reason it is not staged (null when clean). Checks, first failing wins:
      1. missing_key            email_event_id blank
      2. unparseable_timestamp  occurred_at missing or unparseable
      3. missing_identity       customer_id blank
      4. duplicate              a clean copy of the same email_event_id was
                                kept already (earliest occurred_at, then first
                                file in name order)
-#}
{{ config(materialized='table') }}

with

raw_email_events as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        event_type,
        occurred_at,
        source_file_name
    from {{ source('email', 'email_events') }}

),

email_events_typed as (

    select
        {{ clean_string('email_event_id') }} as email_event_id,
        {{ clean_string('customer_id') }} as customer_id,
        {{ clean_string('campaign_id') }} as campaign_id,
        lower({{ clean_string('event_type') }}) as email_event_type,
        {{ parse_timestamp_utc('occurred_at') }} as occurred_at,
        source_file_name,
        {#- raw values as text for the audit record -#}
        cast(email_event_id as {{ dbt.type_string() }}) as raw_email_event_id,
        cast(customer_id as {{ dbt.type_string() }}) as raw_customer_id,
        cast(campaign_id as {{ dbt.type_string() }}) as raw_campaign_id,
        cast(event_type as {{ dbt.type_string() }}) as raw_event_type,
        cast(occurred_at as {{ dbt.type_string() }}) as raw_occurred_at
    from raw_email_events

),

row_checked as (

    select
        *,
        case
            when email_event_id is null then 'missing_key'
            when occurred_at is null then 'unparseable_timestamp'
            when customer_id is null then 'missing_identity'
        end as row_rejection_reason
    from email_events_typed

),

copies_ranked as (

    select
        *,
        row_number() over (
            partition by email_event_id, row_rejection_reason
            order by occurred_at asc, source_file_name asc
        ) as copy_number
    from row_checked

),

final as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        email_event_type,
        source_file_name,
        occurred_at,
        coalesce(
            row_rejection_reason,
            case when copy_number > 1 then 'duplicate' end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or copy_number > 1
                then {{ json_object_text({
                    'email_event_id': 'raw_email_event_id',
                    'customer_id': 'raw_customer_id',
                    'campaign_id': 'raw_campaign_id',
                    'event_type': 'raw_event_type',
                    'occurred_at': 'raw_occurred_at',
                }) }}
        end as raw_record
    from copies_ranked

)

select * from final
