{#-
    int_current_as_of_date: one row, the date every segment is computed as of:
      1. the var as_of_date when set;
      2. else the latest local date of clean events of non-erased persons
         that holds at least var segments__as_of_min_day_share (0.1) of the
         average events of the var segments__as_of_trailing_days (28) active
         dates before it: a handful of stray events dated after the data
         (a clock off by months, test events) never becomes the as-of date
         and turns every buyer lapsed;
      3. with no events at all (a shop without tracking), the latest UTC date
         of an order, email event, survey response or CRM update;
      4. with an empty landing zone, the date the dbt run started.
-#}
{%- set as_of_date_var = (
    "'" ~ var('as_of_date') ~ "'" if var('as_of_date') else 'null'
) -%}

with

events as (

    select event_local_date
    from {{ ref('int_events_stitched') }}

),

orders as (

    select ordered_at
    from {{ ref('stg_commerce__orders') }}

),

email_events as (

    select occurred_at
    from {{ ref('stg_email__email_events') }}

),

survey_responses as (

    select submitted_at
    from {{ ref('stg_survey__survey_responses') }}

),

customers as (

    select updated_at
    from {{ ref('stg_crm__customers') }}

),

other_activity_dates as (

    select cast(ordered_at as date) as activity_date from orders

    union all

    select cast(occurred_at as date) as activity_date from email_events

    union all

    select cast(submitted_at as date) as activity_date from survey_responses

    union all

    select cast(updated_at as date) as activity_date from customers

),

event_days as (

    select
        event_local_date,
        count(*) as event_count
    from events
    group by event_local_date

),

event_days_compared as (

    select
        event_local_date,
        event_count,
        avg(event_count) over (
            order by event_local_date
            rows between {{ var('segments__as_of_trailing_days') }} preceding
            and 1 preceding
        ) as trailing_average_event_count
    from event_days

),

event_days_of_data as (

    {#- the first date has nothing before it to compare with: it counts -#}
    select event_local_date
    from event_days_compared
    where
        trailing_average_event_count is null
        or event_count
        >= {{ var('segments__as_of_min_day_share') }}
        * trailing_average_event_count

),

latest_dates as (

    select
        (
            select max(event_local_date) from event_days_of_data
        ) as latest_event_local_date,
        (
            select max(activity_date) from other_activity_dates
        ) as latest_other_activity_date

),

final as (

    select
        coalesce(
            cast({{ as_of_date_var }} as date),
            latest_event_local_date,
            latest_other_activity_date,
            cast('{{ run_started_at.strftime("%Y-%m-%d") }}' as date)
        ) as as_of_date
    from latest_dates

)

select * from final
