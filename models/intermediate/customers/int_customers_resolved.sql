{#-
    int_customers_resolved: one row per non-erased CRM customer, with the
    time zone resolved to a valid IANA name ('UTC' when unknown or invalid)
    and the customer's local creation date.
-#}
with

customers as (

    select
        customer_id,
        email_hash,
        country_code,
        time_zone,
        acquisition_channel,
        is_marketing_opted_in,
        is_erased,
        created_at
    from {{ ref('stg_crm__customers') }}

),

kept_customers as (

    select * from customers
    where not is_erased

),

time_zones_resolved as (

    select
        *,
        case
            when {{ is_valid_time_zone('time_zone') }} then time_zone
            else 'UTC'
        end as resolved_time_zone
    from kept_customers

),

final as (

    select
        -- ids
        customer_id,
        email_hash,
        -- strings
        country_code,
        resolved_time_zone as time_zone,
        acquisition_channel,
        -- booleans
        is_marketing_opted_in,
        -- dates
        cast(
            {{ to_local_timestamp('created_at', 'resolved_time_zone') }}
            as date
        ) as created_local_date,
        -- timestamps
        created_at
    from time_zones_resolved

)

select * from final
