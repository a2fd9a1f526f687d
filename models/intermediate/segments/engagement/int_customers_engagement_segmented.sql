{#-
    int_customers_engagement_segmented: the engagement label model, one row per as-of date of the spine and
    CRM customer counted at that date (int_customers_as_of_dates): engagement level and contactability as of
    that date, from email opens and clicks and web/app sessions in trailing windows ending at it, email
    unsubscribes, bounces and complaints up to it, and marketing consent (the CRM's current value,
    int_customers_resolved). seg_engagement keeps the current rows (is_current, the as-of date D).
    engagement_level, first match wins: unreachable (no consent, or unsubscribed, bounced or complained);
    highly_engaged (>= segments__engagement_high_min_sessions engaged sessions or
    >= segments__engagement_high_min_clicks clicks in the short window); engaged (an engaged session or an
    open in the short window); passive (a session or an open in the long window); disengaged. Before the
    first email or tracking event (or with neither landed) the level is `unknown`; is_contactable still
    follows consent and suppressions.
    Windows: vars segments__engagement_short_window_days and segments__engagement_long_window_days. Nothing
    after the as-of date counts (an unsubscribe after it does not make a customer unreachable as of it).
-#}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

customer_consents as (

    select
        customer_id,
        is_marketing_opted_in
    from {{ ref('int_customers_resolved') }}

),

email_engagement as (

    select
        as_of_date,
        customer_id,
        email_open_count_30d,
        email_click_count_30d,
        email_open_count_90d,
        has_unsubscribed,
        has_bounced,
        has_complained,
        last_opened_date
    from {{ ref_restated('int_email_events_aggregated_to_customers') }}

),

session_engagement as (

    select
        as_of_date,
        customer_id,
        session_count_30d,
        engaged_session_count_30d,
        session_count_90d,
        last_session_date
    from {{ ref_restated('int_sessions_aggregated_to_customers') }}

),

sources_started as (

    select
        first_event_date,
        first_email_event_date
    from {{ ref('int_sources_started') }}

),

customer_engagement as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        coalesce(
            sources_started.first_event_date <= customers.as_of_date
            or sources_started.first_email_event_date <= customers.as_of_date,
            false
        ) as has_engagement_data,
        coalesce(customer_consents.is_marketing_opted_in, false)
            as is_marketing_opted_in,
        coalesce(email_engagement.has_unsubscribed, false) as has_unsubscribed,
        coalesce(email_engagement.has_bounced, false) as has_bounced,
        coalesce(email_engagement.has_complained, false) as has_complained,
        coalesce(email_engagement.email_open_count_30d, 0)
            as email_open_count_30d,
        coalesce(email_engagement.email_click_count_30d, 0)
            as email_click_count_30d,
        coalesce(email_engagement.email_open_count_90d, 0)
            as email_open_count_90d,
        coalesce(session_engagement.session_count_30d, 0) as session_count_30d,
        coalesce(session_engagement.engaged_session_count_30d, 0)
            as engaged_session_count_30d,
        coalesce(session_engagement.session_count_90d, 0) as session_count_90d,
        email_engagement.last_opened_date,
        session_engagement.last_session_date
    from customers
    cross join sources_started
    left join customer_consents
        on customers.customer_id = customer_consents.customer_id
    left join email_engagement
        on
            customers.as_of_date = email_engagement.as_of_date
            and customers.customer_id = email_engagement.customer_id
    left join session_engagement
        on
            customers.as_of_date = session_engagement.as_of_date
            and customers.customer_id = session_engagement.customer_id

),

engagement_labeled as (

    select
        as_of_date,
        customer_id,
        is_current,
        is_marketing_opted_in,
        has_unsubscribed,
        has_bounced,
        has_complained,
        email_open_count_30d,
        email_click_count_30d,
        email_open_count_90d,
        session_count_30d,
        engaged_session_count_30d,
        session_count_90d,
        last_opened_date,
        last_session_date,
        not is_marketing_opted_in
        or has_unsubscribed
        or has_bounced
        or has_complained as is_unreachable,
        case
            when not has_engagement_data then 'unknown'
            when
                not is_marketing_opted_in
                or has_unsubscribed
                or has_bounced
                or has_complained
                then 'unreachable'
            when
                engaged_session_count_30d
                >= {{ var('segments__engagement_high_min_sessions') }}
                or email_click_count_30d
                >= {{ var('segments__engagement_high_min_clicks') }}
                then 'highly_engaged'
            when
                engaged_session_count_30d >= 1 or email_open_count_30d >= 1
                then 'engaged'
            when
                session_count_90d >= 1 or email_open_count_90d >= 1
                then 'passive'
            else 'disengaged'
        end as engagement_level
    from customer_engagement

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(engagement_level as {{ dbt.type_string() }}) as engagement_level,
        cast(email_open_count_30d as {{ dbt.type_int() }})
            as email_open_count_30d,
        cast(email_click_count_30d as {{ dbt.type_int() }})
            as email_click_count_30d,
        cast(email_open_count_90d as {{ dbt.type_int() }})
            as email_open_count_90d,
        cast(session_count_30d as {{ dbt.type_int() }}) as session_count_30d,
        cast(engaged_session_count_30d as {{ dbt.type_int() }})
            as engaged_session_count_30d,
        cast(session_count_90d as {{ dbt.type_int() }}) as session_count_90d,
        not is_unreachable as is_contactable,
        is_marketing_opted_in,
        has_unsubscribed,
        has_bounced,
        has_complained,
        last_opened_date,
        last_session_date,
        is_current
    from engagement_labeled

)

select * from final
