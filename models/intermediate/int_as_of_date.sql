{#-
    int_as_of_date: one row, the date every segment is computed as of:
      1. the var as_of_date when set;
      2. else the latest local date of a clean event of a non-erased person;
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

latest_dates as (

    select
        (select max(event_local_date) from events) as latest_event_local_date,
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
