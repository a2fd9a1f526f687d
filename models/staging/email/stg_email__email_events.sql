{#- stg_email__email_events: one row per clean, deduplicated email event. -#}
with

checked_email_events as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        email_event_type,
        occurred_at,
        rejection_reason
    from {{ ref('base_email__email_events_checked') }}

),

final as (

    select
        -- ids
        email_event_id,
        customer_id,
        campaign_id,
        -- strings
        email_event_type,
        -- timestamps
        occurred_at
    from checked_email_events
    where rejection_reason is null

)

select * from final
