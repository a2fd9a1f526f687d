{#-
    int_email_events_aggregated_to_customers: one row per as-of date A of the spine (int_as_of_date_spine) and
    non-erased CRM customer with at least one email event on or before A (customer's local date). Opens and
    clicks in the short and long engagement windows ending at A, and whether the address ever unsubscribed,
    bounced or complained up to A.
    Every join is bounded: the window counts join an email day only to the as-of dates of the window after
    it; the to-date facts are the running values int_email_events_aggregated_to_customer_days keeps per email
    day, each valid from its date until the customer's next email day, so every as-of date meets exactly one
    email day per customer (the latest on or before A).
    Windows: vars segments__engagement_short_window_days and segments__engagement_long_window_days. Opens
    count `opened` events only: a click without an open event is not an open.
-#}
{%- set window_days = [
    var('segments__engagement_short_window_days'),
    var('segments__engagement_long_window_days'),
] | max %}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

email_days as (

    select
        customer_id,
        occurred_local_date,
        open_count,
        click_count,
        has_unsubscribed,
        has_bounced,
        has_complained,
        last_opened_date,
        next_email_date
    from {{ ref('int_email_events_aggregated_to_customer_days') }}

),

as_of_windows as (

    select
        as_of_date,
        cast(
            {{ dbt.dateadd('day', 1 - window_days, 'as_of_date') }} as date
        ) as window_start_date
    from as_of_dates

),

email_days_valid as (

    {#- Each email day's running values hold until the next email day -#}
    select
        customer_id,
        occurred_local_date,
        has_unsubscribed,
        has_bounced,
        has_complained,
        last_opened_date,
        coalesce(
            next_email_date, cast('9999-12-31' as date)
        ) as valid_until_date
    from email_days

),

latest_day_as_of as (

    {#- The latest email day on or before each as-of date (asof join). #}
    select
        as_of_dates.as_of_date,
        email_days_valid.customer_id,
        email_days_valid.has_unsubscribed,
        email_days_valid.has_bounced,
        email_days_valid.has_complained,
        email_days_valid.last_opened_date,
        email_days_valid.occurred_local_date as last_email_event_date
    from email_days_valid
    inner join as_of_dates
        on
            email_days_valid.occurred_local_date <= as_of_dates.as_of_date
            and email_days_valid.valid_until_date > as_of_dates.as_of_date

),

email_days_in_windows as (

    select
        as_of_windows.as_of_date,
        email_days.customer_id,
        email_days.open_count,
        email_days.click_count,
        {{ dbt.datediff(
            'email_days.occurred_local_date',
            'as_of_windows.as_of_date',
            'day',
        ) }} as days_before_as_of
    from email_days
    inner join as_of_windows
        on
            email_days.occurred_local_date <= as_of_windows.as_of_date
            and email_days.occurred_local_date
            >= as_of_windows.window_start_date

),

window_counts as (

    select
        as_of_date,
        customer_id,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_short_window_days') }}
                    then open_count
                else 0
            end
        ) as email_open_count_30d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_short_window_days') }}
                    then click_count
                else 0
            end
        ) as email_click_count_30d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_long_window_days') }}
                    then open_count
                else 0
            end
        ) as email_open_count_90d,
        sum(
            case
                when
                    days_before_as_of
                    < {{ var('segments__engagement_long_window_days') }}
                    then click_count
                else 0
            end
        ) as email_click_count_90d
    from email_days_in_windows
    group by as_of_date, customer_id

),

final as (

    select
        latest_day_as_of.as_of_date,
        latest_day_as_of.customer_id,
        cast(
            coalesce(window_counts.email_open_count_30d, 0)
            as {{ dbt.type_int() }}
        ) as email_open_count_30d,
        cast(
            coalesce(window_counts.email_click_count_30d, 0)
            as {{ dbt.type_int() }}
        ) as email_click_count_30d,
        cast(
            coalesce(window_counts.email_open_count_90d, 0)
            as {{ dbt.type_int() }}
        ) as email_open_count_90d,
        cast(
            coalesce(window_counts.email_click_count_90d, 0)
            as {{ dbt.type_int() }}
        ) as email_click_count_90d,
        latest_day_as_of.has_unsubscribed,
        latest_day_as_of.has_bounced,
        latest_day_as_of.has_complained,
        latest_day_as_of.last_opened_date,
        latest_day_as_of.last_email_event_date
    from latest_day_as_of
    left join window_counts
        on
            latest_day_as_of.as_of_date = window_counts.as_of_date
            and latest_day_as_of.customer_id = window_counts.customer_id

)

select * from final
