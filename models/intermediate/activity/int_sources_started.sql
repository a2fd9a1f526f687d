{#-
    int_sources_started: one row, the first local date with data of each
    behavior source. A family whose source has no data up to an as-of date
    labels `unknown` at that date instead of reading the absence as a
    behavior (no events is not "never active").
    Tracking events are read from the person days, email events from the
    customer days; a source is null when none landed. The usage, journey and
    engagement families read it.
-#}
with

person_days as (

    select event_local_date
    from {{ ref('int_events_aggregated_to_person_days') }}

),

email_days as (

    select occurred_local_date
    from {{ ref('int_email_events_aggregated_to_customer_days') }}

),

final as (

    select
        (select min(event_local_date) from person_days) as first_event_date,
        (select min(occurred_local_date) from email_days)
            as first_email_event_date

)

select * from final
