{#-
    int_email_events_aggregated_to_customers: one row per non-erased CRM customer with at least one email event
    on or before the as-of date D (customer's local date). Opens and clicks in the short and long engagement
    windows, and whether the address ever unsubscribed, bounced or complained up to D.
-#}
with

email_events as (

    select
        customer_id,
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

email_events_localized as (

    select
        email_events.customer_id,
        email_events.email_event_type,
        cast(
            {{ to_local_timestamp('email_events.occurred_at',
                'customers.time_zone') }}
            as date
        ) as occurred_local_date
    from email_events
    inner join customers
        on email_events.customer_id = customers.customer_id

),

email_events_dated as (

    select
        customer_id,
        email_event_type,
        occurred_local_date,
        {{ dbt.datediff('occurred_local_date', as_of_date(), 'day') }}
            as days_before_as_of
    from email_events_localized

),

email_events_flagged as (

    select
        customer_id,
        occurred_local_date,
        case
            when
                email_event_type = 'opened'
                and days_before_as_of
                < {{ var('segments__engagement_short_window_days') }}
                then 1
            else 0
        end as is_open_short_window,
        case
            when
                email_event_type = 'clicked'
                and days_before_as_of
                < {{ var('segments__engagement_short_window_days') }}
                then 1
            else 0
        end as is_click_short_window,
        case
            when
                email_event_type = 'opened'
                and days_before_as_of
                < {{ var('segments__engagement_long_window_days') }}
                then 1
            else 0
        end as is_open_long_window,
        case
            when
                email_event_type = 'clicked'
                and days_before_as_of
                < {{ var('segments__engagement_long_window_days') }}
                then 1
            else 0
        end as is_click_long_window,
        case
            when email_event_type = 'unsubscribed' then 1 else 0
        end as is_unsubscribe,
        case when email_event_type = 'bounced' then 1 else 0 end as is_bounce,
        case
            when email_event_type = 'complained' then 1 else 0
        end as is_complaint,
        case
            when email_event_type = 'opened' then occurred_local_date
        end as opened_local_date
    from email_events_dated
    where days_before_as_of >= 0

),

email_per_customer as (

    select
        customer_id,
        sum(is_open_short_window) as email_open_count_30d,
        sum(is_click_short_window) as email_click_count_30d,
        sum(is_open_long_window) as email_open_count_90d,
        sum(is_click_long_window) as email_click_count_90d,
        max(is_unsubscribe) as unsubscribe_flag,
        max(is_bounce) as bounce_flag,
        max(is_complaint) as complaint_flag,
        max(opened_local_date) as last_opened_date,
        max(occurred_local_date) as last_email_event_date
    from email_events_flagged
    group by customer_id

),

final as (

    select
        customer_id,
        cast(email_open_count_30d as {{ dbt.type_int() }})
            as email_open_count_30d,
        cast(email_click_count_30d as {{ dbt.type_int() }})
            as email_click_count_30d,
        cast(email_open_count_90d as {{ dbt.type_int() }})
            as email_open_count_90d,
        cast(email_click_count_90d as {{ dbt.type_int() }})
            as email_click_count_90d,
        unsubscribe_flag = 1 as has_unsubscribed,
        bounce_flag = 1 as has_bounced,
        complaint_flag = 1 as has_complained,
        last_opened_date,
        last_email_event_date
    from email_per_customer

)

select * from final
