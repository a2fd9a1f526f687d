{#-
    int_emails_engaged_by_customer_days: one row per non-erased CRM customer, email (campaign_id) and local
    date (the customer's CRM time zone) with an open or a click of that email. Counting distinct
    campaign_id over a window gives distinct emails, not events: two opens of one email count once. A click
    counts as an open too (opens go unseen when images are blocked).
-#}
with

email_events as (

    select
        customer_id,
        campaign_id,
        email_event_type,
        occurred_at
    from {{ ref('stg_email__email_events') }}

),

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

engagements_localized as (

    select
        email_events.customer_id,
        email_events.campaign_id,
        email_events.email_event_type,
        cast(
            {{ to_local_timestamp('email_events.occurred_at',
                'customers.time_zone') }}
            as date
        ) as engaged_local_date
    from email_events
    inner join customers
        on email_events.customer_id = customers.customer_id
    where
        email_events.email_event_type in ('opened', 'clicked')
        and email_events.campaign_id is not null

),

final as (

    select
        customer_id,
        campaign_id,
        cast(count(*) as {{ dbt.type_int() }}) as engagement_event_count,
        true as is_opened,
        {{ dbt.bool_or("email_event_type = 'clicked'") }} as is_clicked,
        engaged_local_date
    from engagements_localized
    group by customer_id, campaign_id, engaged_local_date

)

select * from final
