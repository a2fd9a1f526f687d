{#-
    seg_journey_stage: one row per person, identified (every non-erased CRM customer) or anonymous (a device
    never identified, with a clean event on or before the as-of date D); AIDA stage and journey stage as of D.
    The current rows (is_current, the as-of date D) of the label model int_persons_journey_stage_segmented,
    which holds the rules and the history over the as-of spine.
-#}
with

segmented as (

    select
        person_id,
        customer_id,
        aida_stage,
        journey_stage,
        completed_order_count,
        latest_nps_score,
        is_identified,
        last_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_action_date,
        last_advocacy_event_date,
        last_feature_use_date
    from {{ ref('int_persons_journey_stage_segmented') }}
    where is_current

),

final as (

    select
        person_id,
        customer_id,
        aida_stage,
        journey_stage,
        completed_order_count,
        latest_nps_score,
        is_identified,
        last_event_date,
        last_interest_event_date,
        last_desire_event_date,
        last_action_date,
        last_advocacy_event_date,
        last_feature_use_date
    from segmented

)

select * from final
