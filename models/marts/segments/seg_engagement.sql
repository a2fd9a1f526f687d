{#-
    seg_engagement: one row per non-erased CRM customer; engagement level and contactability as of the as-of
    date D. The current rows (is_current, the as-of date D) of the label model
    int_customers_engagement_segmented, which holds the rules and the history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        engagement_level,
        email_open_count_30d,
        email_click_count_30d,
        email_open_count_90d,
        session_count_30d,
        engaged_session_count_30d,
        session_count_90d,
        is_contactable,
        is_marketing_opted_in,
        has_unsubscribed,
        has_bounced,
        has_complained,
        last_opened_date,
        last_session_date
    from {{ ref('int_customers_engagement_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        engagement_level,
        email_open_count_30d,
        email_click_count_30d,
        email_open_count_90d,
        session_count_30d,
        engaged_session_count_30d,
        session_count_90d,
        is_contactable,
        is_marketing_opted_in,
        has_unsubscribed,
        has_bounced,
        has_complained,
        last_opened_date,
        last_session_date
    from segmented

)

select * from final
