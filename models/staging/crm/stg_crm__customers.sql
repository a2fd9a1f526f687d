{#-
    stg_crm__customers: one row per CRM customer, its latest clean version.
    Erased customers (deleted_at set) are kept and flagged is_erased; every
    model past staging excludes them. The email leaves only as a salted hash;
    the acquisition channel, free text, is scrubbed of emails, phone numbers
    and personal URL parameters (macro scrub_pii).
-#}
with

checked_customers as (

    select
        customer_id,
        email_hash,
        country_code,
        time_zone,
        acquisition_channel,
        is_marketing_opted_in,
        is_erased,
        created_at,
        deleted_at,
        updated_at,
        rejection_reason
    from {{ ref('base_crm__customers_checked') }}

),

final as (

    select
        -- ids
        customer_id,
        email_hash,
        -- strings
        country_code,
        time_zone,
        {{ scrub_pii('acquisition_channel') }} as acquisition_channel,
        -- booleans
        is_marketing_opted_in,
        is_erased,
        -- timestamps
        created_at,
        deleted_at,
        updated_at
    from checked_customers
    where rejection_reason is null

)

select * from final
