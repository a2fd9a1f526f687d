{#-
    int_persons_journey_stage_segmented: the journey stage label model. One row per as-of date A of the spine
    and person: identified (every CRM customer counted at A, int_customers_as_of_dates) or anonymous (a device
    never identified, with a clean event on or before A; at the current as-of date D only). AIDA stage from
    the furthest funnel step in the journey window ending at A; journey stage from all history up to A. Funnel progress, orders and survey
    scores are joined on as_of_date. seg_journey_stage is its is_current rows (the as-of date D); the other
    rows are the history. Before the first tracking event (or with none landed) both stages are `unknown`.
    The journey window is var segments__journey_window_days; funnel steps are event names in the list vars
    segments__interest_event_names, segments__desire_event_names, segments__action_event_names,
    segments__advocacy_event_names and segments__feature_use_event_names. Completed orders come from
    int_orders_aggregated_to_customers (customers only): an anonymous person reaches `action` only through an
    order_completed event. Anonymous persons are kept at D only (macro history_keeps_person): the history is the
    customers'.
    Where each rule is: aida_stage and journey_stage in CTE journey_labeled below; the dates of each person's
    last interest, desire, action and advocacy event in int_funnel_progress_aggregated_to_persons (this folder).
-#}
with

as_of_dates as (

    select
        as_of_date,
        is_current
    from {{ ref_restated('int_as_of_date_spine') }}

),

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

funnel_progress as (

    select
        as_of_date,
        person_id,
        customer_id,
        last_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_order_completed_event_date,
        last_advocacy_event_date,
        last_feature_use_date
    from {{ ref_restated('int_funnel_progress_aggregated_to_persons') }}

),

customer_orders as (

    select
        as_of_date,
        customer_id,
        order_count,
        last_order_date
    from {{ ref_restated('int_orders_aggregated_to_customers') }}

),

survey_scores as (

    select
        as_of_date,
        customer_id,
        latest_nps_score
    from {{ ref_restated('int_survey_responses_aggregated_to_customers') }}

),

anonymous_persons as (

    {#- A funnel row exists from the person's first clean event on. #}
    select
        funnel_progress.as_of_date,
        funnel_progress.person_id,
        funnel_progress.customer_id,
        as_of_dates.is_current
    from funnel_progress
    inner join as_of_dates
        on funnel_progress.as_of_date = as_of_dates.as_of_date
    where funnel_progress.customer_id is null

),

persons as (

    select
        as_of_date,
        customer_id as person_id,
        customer_id,
        is_current
    from customers

    union all

    select
        as_of_date,
        person_id,
        customer_id,
        is_current
    from anonymous_persons

),

sources_started as (

    select first_event_date
    from {{ ref('int_sources_started') }}

),

person_progress as (

    select
        persons.as_of_date,
        persons.person_id,
        persons.customer_id,
        persons.is_current,
        coalesce(
            sources_started.first_event_date <= persons.as_of_date, false
        ) as has_tracking_data,
        coalesce(customer_orders.order_count, 0) as completed_order_count,
        survey_scores.latest_nps_score,
        funnel_progress.last_event_date,
        funnel_progress.last_interest_event_date,
        funnel_progress.last_desire_event_date,
        funnel_progress.last_advocacy_event_date,
        funnel_progress.last_feature_use_date,
        customer_orders.last_order_date,
        case
            when
                customer_orders.last_order_date is null
                then funnel_progress.last_order_completed_event_date
            when
                funnel_progress.last_order_completed_event_date is null
                then customer_orders.last_order_date
            when
                customer_orders.last_order_date
                > funnel_progress.last_order_completed_event_date
                then customer_orders.last_order_date
            else funnel_progress.last_order_completed_event_date
        end as last_action_date
    from persons
    cross join sources_started
    left join funnel_progress
        on
            persons.as_of_date = funnel_progress.as_of_date
            and persons.person_id = funnel_progress.person_id
    left join customer_orders
        on
            persons.as_of_date = customer_orders.as_of_date
            and persons.customer_id = customer_orders.customer_id
    left join survey_scores
        on
            persons.as_of_date = survey_scores.as_of_date
            and persons.customer_id = survey_scores.customer_id

),

progress_dated as (

    select
        as_of_date,
        person_id,
        customer_id,
        is_current,
        has_tracking_data,
        completed_order_count,
        latest_nps_score,
        last_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_advocacy_event_date,
        last_feature_use_date,
        last_order_date,
        last_action_date,
        {{ dbt.datediff('last_action_date', 'as_of_date', 'day') }}
            as days_since_action,
        {{ dbt.datediff('last_desire_event_date', 'as_of_date', 'day') }}
            as days_since_desire,
        {{ dbt.datediff('last_interest_event_date', 'as_of_date', 'day') }}
            as days_since_interest,
        {{ dbt.datediff('last_event_date', 'as_of_date', 'day') }}
            as days_since_event
    from person_progress

),

journey_labeled as (

    select
        as_of_date,
        person_id,
        customer_id,
        is_current,
        completed_order_count,
        latest_nps_score,
        last_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_advocacy_event_date,
        last_feature_use_date,
        last_action_date,
        case
            when not has_tracking_data then 'unknown'
            when
                days_since_action
                < {{ var('segments__journey_window_days') }}
                then 'action'
            when
                days_since_desire
                < {{ var('segments__journey_window_days') }}
                then 'desire'
            when
                days_since_interest
                < {{ var('segments__journey_window_days') }}
                then 'interest'
            when
                days_since_event
                < {{ var('segments__journey_window_days') }}
                then 'attention'
            else 'none'
        end as aida_stage,
        case
            when not has_tracking_data then 'unknown'
            when
                last_advocacy_event_date is not null
                or latest_nps_score
                >= {{ var('segments__nps_promoter_min_score') }}
                then 'advocacy'
            when
                completed_order_count >= 2
                or (
                    completed_order_count = 1
                    and last_feature_use_date is not null
                )
                then 'adoption'
            when completed_order_count = 1 then 'purchase'
            when last_desire_event_date is not null then 'consideration'
            when last_interest_event_date is not null then 'education'
            else 'awareness'
        end as journey_stage
    from progress_dated

),

final as (

    select
        as_of_date,
        person_id,
        customer_id,
        cast(aida_stage as {{ dbt.type_string() }}) as aida_stage,
        cast(journey_stage as {{ dbt.type_string() }}) as journey_stage,
        cast(completed_order_count as {{ dbt.type_int() }})
            as completed_order_count,
        cast(latest_nps_score as {{ dbt.type_int() }}) as latest_nps_score,
        customer_id is not null as is_identified,
        last_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_action_date,
        last_advocacy_event_date,
        last_feature_use_date,
        is_current
    from journey_labeled

)

select * from final
