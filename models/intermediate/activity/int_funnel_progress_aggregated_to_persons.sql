{#-
    int_funnel_progress_aggregated_to_persons: one row per as-of date A of the spine (int_as_of_dates) and
    person (identified or anonymous) with at least one clean event on or before A. The latest local date, up
    to A, of any event and of each funnel step (interest, desire, order_completed event, advocacy, feature
    use); null when the step never happened by A.
    The step dates are running maxima per active day, each valid from its date until the person's next active
    day, so every as-of date meets exactly one active day per person (the latest on or before A) and the join
    never grows with the full history.
-#}
{{
    config(
        materialized='incremental',
        incremental_strategy='restate',
        on_schema_change='fail',
        tags=['history_restated'],
    )
}}
with

as_of_dates as (

    select as_of_date
    from {{ ref('int_as_of_dates') }}
    where {{ history_restate_where() }}

),

person_days as (

    select
        person_id,
        customer_id,
        interest_event_count,
        cart_event_count,
        order_completed_event_count,
        advocacy_event_count,
        feature_use_count,
        event_local_date
    from {{ ref('int_events_aggregated_to_person_days') }}

),

person_day_steps as (

    select
        person_id,
        customer_id,
        event_local_date,
        case
            when interest_event_count > 0 then event_local_date
        end as interest_event_date,
        case
            when cart_event_count > 0 then event_local_date
        end as desire_event_date,
        case
            when order_completed_event_count > 0 then event_local_date
        end as order_completed_event_date,
        case
            when advocacy_event_count > 0 then event_local_date
        end as advocacy_event_date,
        case
            when feature_use_count > 0 then event_local_date
        end as feature_use_date
    from person_days

),

person_days_running as (

    {#- Running values per active day, valid until the next one. #}
    select
        person_id,
        event_local_date,
        max(customer_id) over (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        ) as customer_id,
        min(event_local_date) over (
            partition by person_id
        ) as first_event_date,
        max(interest_event_date) over (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        ) as last_interest_event_date,
        max(desire_event_date) over (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        ) as last_desire_event_date,
        max(order_completed_event_date) over (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        ) as last_order_completed_event_date,
        max(advocacy_event_date) over (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        ) as last_advocacy_event_date,
        max(feature_use_date) over (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        ) as last_feature_use_date,
        lead(event_local_date) over (
            partition by person_id
            order by event_local_date
        ) as next_event_date
    from person_day_steps

),

person_days_valid as (

    select
        person_days_running.person_id,
        person_days_running.customer_id,
        person_days_running.event_local_date,
        person_days_running.first_event_date,
        person_days_running.last_interest_event_date,
        person_days_running.last_desire_event_date,
        person_days_running.last_order_completed_event_date,
        person_days_running.last_advocacy_event_date,
        person_days_running.last_feature_use_date,
        coalesce(
            person_days_running.next_event_date,
            cast('9999-12-31' as date)
        ) as valid_until_date
    from person_days_running

),

final as (

    {#- The latest active day on or before each as-of date (asof join). #}
    select
        as_of_dates.as_of_date,
        person_days_valid.person_id,
        person_days_valid.customer_id,
        person_days_valid.first_event_date,
        person_days_valid.event_local_date as last_event_date,
        person_days_valid.last_interest_event_date,
        person_days_valid.last_desire_event_date,
        person_days_valid.last_order_completed_event_date,
        person_days_valid.last_advocacy_event_date,
        person_days_valid.last_feature_use_date
    from person_days_valid
    inner join as_of_dates
        on
            person_days_valid.event_local_date <= as_of_dates.as_of_date
            and person_days_valid.valid_until_date > as_of_dates.as_of_date

)

select * from final
