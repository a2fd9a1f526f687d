{#-
    int_funnel_progress_aggregated_to_persons: one row per person (identified or anonymous) with at least one
    clean event on or before the as-of date D. The latest local date, up to D, of any event and of each funnel
    step (interest, desire, order_completed event, advocacy, feature use); null when the step never happened.
-#}
with

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

person_days_as_of as (

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
    where event_local_date <= {{ as_of_date() }}

),

final as (

    select
        person_id,
        max(customer_id) as customer_id,
        min(event_local_date) as first_event_date,
        max(event_local_date) as last_event_date,
        max(interest_event_date) as last_interest_event_date,
        max(desire_event_date) as last_desire_event_date,
        max(order_completed_event_date) as last_order_completed_event_date,
        max(advocacy_event_date) as last_advocacy_event_date,
        max(feature_use_date) as last_feature_use_date
    from person_days_as_of
    group by person_id

)

select * from final
