{#-
    base_crm__customers_checked: one row per raw CRM customer version, typed,
    with the reason it is not staged (null for the latest clean version of
    each customer). Checks, first failing wins:
      0. schema_drift           its file does not fit the contract
                                (source_schema_issue, macro
                                register_landing_zone)
      1. missing_key            customer_id blank
      2. unparseable_timestamp  updated_at or created_at missing or
                                unparseable, or deleted_at unparseable
      3. implausible_timestamp  created_at or updated_at before var
                                segments__earliest_plausible_date or after
                                the load time plus a tolerance
                                (is_implausible_timestamp)
      4. unparseable_value      marketing_opt_in present but not a boolean
      5. duplicate              same updated_at and same content as the kept
                                version
      6. conflicting_version    same updated_at as the kept version, other
                                content
      7. superseded_version     an older version of a customer
    Erasure is sticky: a customer is erased when any version carries a
    deleted_at, even if a later version does not (a deleted_at is never
    judged implausible: the erasure request stands). Versions tied on
    updated_at are ranked by their content, never by file position: the
    opted-out version wins (consent is never assumed), then the lower
    content fingerprint; file name and row number only break exact copies.
    A time zone given in another case is spelled as the IANA name
    (america/new_york -> America/New_York).
-#}
{{ config(materialized='table') }}

with

raw_customers as (

    select
        customer_id,
        email,
        created_at,
        country,
        timezone,
        acquisition_channel,
        marketing_opt_in,
        deleted_at,
        updated_at,
        source_file_name,
        source_row_number,
        source_schema_issue
    from {{ source('crm', 'customers') }}

),

customers_typed as (

    select
        {{ clean_string('customer_id') }} as customer_id,
        {{ hash_pii(clean_string('email')) }} as email_hash,
        upper({{ clean_string('country') }}) as country_code,
        {{ canonical_time_zone(clean_string('timezone')) }} as time_zone,
        lower({{ clean_string('acquisition_channel') }}) as acquisition_channel,
        {{ clean_string('marketing_opt_in') }} as marketing_opt_in_text,
        {{ parse_number('marketing_opt_in', dbt.type_boolean()) }}
            as is_marketing_opted_in,
        {{ clean_string('deleted_at') }} as deleted_at_text,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_timestamp_utc('deleted_at') }} as deleted_at,
        {{ parse_timestamp_utc('updated_at') }} as updated_at,
        source_file_name,
        source_row_number,
        source_schema_issue,
        {#- raw values as text for the audit record; no email in clear -#}
        cast(customer_id as {{ dbt.type_string() }}) as raw_customer_id,
        cast(created_at as {{ dbt.type_string() }}) as raw_created_at,
        cast(country as {{ dbt.type_string() }}) as raw_country,
        cast(timezone as {{ dbt.type_string() }}) as raw_timezone,
        cast(marketing_opt_in as {{ dbt.type_string() }})
            as raw_marketing_opt_in,
        cast(deleted_at as {{ dbt.type_string() }}) as raw_deleted_at,
        cast(updated_at as {{ dbt.type_string() }}) as raw_updated_at
    from raw_customers

),

row_checked as (

    select
        *,
        case
            when source_schema_issue is not null then 'schema_drift'
            when customer_id is null then 'missing_key'
            when
                updated_at is null
                or created_at is null
                or (deleted_at_text is not null and deleted_at is null)
                then 'unparseable_timestamp'
            when
                {{ is_implausible_timestamp('created_at') }}
                or {{ is_implausible_timestamp('updated_at') }}
                then 'implausible_timestamp'
            when
                marketing_opt_in_text is not null
                and is_marketing_opted_in is null
                then 'unparseable_value'
        end as row_rejection_reason,
        coalesce(is_marketing_opted_in, false) as is_consent_given,
        {#- content of the version, to tell a copy from a conflicting tie -#}
        {{ version_content_hash([
            'customer_id',
            'email_hash',
            'country_code',
            'time_zone',
            'acquisition_channel',
            'is_marketing_opted_in',
            'created_at',
            'deleted_at',
            'updated_at',
        ]) }} as version_fingerprint
    from customers_typed

),

versions_ranked as (

    select
        *,
        row_number() over (
            partition by customer_id, row_rejection_reason
            order by
                updated_at desc,
                is_consent_given asc,
                version_fingerprint asc,
                source_file_name asc,
                source_row_number asc
        ) as version_number,
        first_value(version_fingerprint) over (
            partition by customer_id, row_rejection_reason
            order by
                updated_at desc,
                is_consent_given asc,
                version_fingerprint asc,
                source_file_name asc,
                source_row_number asc
        ) as kept_fingerprint,
        max(updated_at) over (
            partition by customer_id, row_rejection_reason
        ) as latest_updated_at,
        max(deleted_at) over (partition by customer_id) as erased_at
    from row_checked

),

final as (

    select
        customer_id,
        email_hash,
        country_code,
        time_zone,
        acquisition_channel,
        source_file_name,
        coalesce(is_marketing_opted_in, false) as is_marketing_opted_in,
        erased_at is not null as is_erased,
        created_at,
        erased_at as deleted_at,
        updated_at,
        coalesce(
            row_rejection_reason,
            case
                when version_number = 1 then null
                when updated_at < latest_updated_at then 'superseded_version'
                when version_fingerprint = kept_fingerprint then 'duplicate'
                else 'conflicting_version'
            end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or version_number > 1
                then {{ json_object_text({
                    'customer_id': 'raw_customer_id',
                    'created_at': 'raw_created_at',
                    'country': 'raw_country',
                    'timezone': 'raw_timezone',
                    'marketing_opt_in': 'raw_marketing_opt_in',
                    'deleted_at': 'raw_deleted_at',
                    'updated_at': 'raw_updated_at',
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as raw_record
    from versions_ranked

)

select * from final
