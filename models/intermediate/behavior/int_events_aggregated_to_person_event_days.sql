{#-
    int_events_aggregated_to_person_event_days: one row per person, local date, canonical event name and the
    product, category and feature the events carry (null when they carry none), with the number of events.
    The grain the cohort condition `events` counts over a trailing window (macros/cohorts).
-#}
with

events as (

    select
        person_id,
        customer_id,
        event_name,
        product_id,
        product_category,
        feature_name,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

final as (

    select
        person_id,
        max(customer_id) as customer_id,
        event_name,
        product_id,
        product_category,
        feature_name,
        cast(count(*) as {{ dbt.type_int() }}) as event_count,
        event_local_date
    from events
    group by
        person_id,
        event_name,
        product_id,
        product_category,
        feature_name,
        event_local_date

)

select * from final
