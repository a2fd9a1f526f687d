{#-
    int_funnel_progress_aggregated_to_persons: one row per as-of date A of the spine (int_as_of_date_spine) and
    person (identified or anonymous) with at least one clean event on or before A; anonymous persons at the
    current as-of date D only (macro history_keeps_person: no mart reads their past rows). The latest local
    date, up to A, of any event and of each funnel step (interest, desire, order_completed event, advocacy,
    feature use); null when the step never happened by A.
    The step dates are the running maxima int_events_aggregated_to_person_days keeps per active day, each
    valid from its date until the person's next active day, so every as-of date meets exactly one active day
    per person (the latest on or before A) and the join never grows with the full history.
-#}
with

as_of_dates as (

    select
        as_of_date,
        is_current
    from {{ ref_restated('int_as_of_date_spine') }}

),

person_days_valid as (

    {#- Each active day's running values hold until the next active day #}
    select
        person_id,
        customer_id,
        event_local_date,
        first_active_date as first_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_order_completed_event_date,
        last_advocacy_event_date,
        last_feature_use_date,
        coalesce(
            next_active_date, cast('9999-12-31' as date)
        ) as valid_until_date
    from {{ ref('int_events_aggregated_to_person_days') }}

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
            and {{ history_keeps_person(
                'person_days_valid.customer_id', 'as_of_dates.is_current'
            ) }}

)

select * from final
