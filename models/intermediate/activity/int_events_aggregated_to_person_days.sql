{#-
    int_events_aggregated_to_person_days: one row per person per local date with at least one clean event: the
    day's counts per event class, and the person's running values as of that day (active days to date, first
    active date, the latest date of each funnel step so far, the next active day). Full history: readers keep
    only dates on or before the as-of date, and a day's running values hold until the next active day, so an
    as-of date meets exactly one day per person (the latest on or before it) without a window of its own.
    Incremental (delete+insert on person_id): a run recomputes every day of each affected person, whole (macro
    stitched_persons_affected: persons whose events in int_events_stitched changed since, by number or
    fingerprint: new or late events, events re-stitched to or from the person, a time zone changed in the CRM),
    so the running values come out as in a full build. person_events_fingerprint (the bit_xor of
    stitched_event_hash() over the person's events, the same on each of their days) is what a run compares. The
    post-hook deletes the days of persons left without events (re-stitched or erased).
    Event names are matched against the list vars segments__*_event_names (canonical names of the staging seed
    event_name_map).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='person_id',
    on_schema_change='fail',
    post_hook=["{{ persons_without_events_deleted() }}"],
) }}

with

stitched_events as (

    select
        person_id,
        customer_id,
        event_name,
        is_page_view,
        event_local_date,
        {{ stitched_event_hash() }} as event_hash
    from {{ ref('int_events_stitched') }}

),

events as (

    {#- incremental: the events of the persons recomputed (macro) #}
    {{ events_of_persons_affected('stitched_events') }}

),

events_classified as (

    select
        person_id,
        customer_id,
        event_local_date,
        event_hash,
        case when is_page_view then 1 else 0 end as is_page_view_event,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__product_view_event_names'))
                }}
                then 1
            else 0
        end as is_product_view_event,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__interest_event_names'))
                }}
                then 1
            else 0
        end as is_interest_event,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__desire_event_names'))
                }}
                then 1
            else 0
        end as is_cart_event,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__action_event_names'))
                }}
                then 1
            else 0
        end as is_order_completed_event,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__advocacy_event_names'))
                }}
                then 1
            else 0
        end as is_advocacy_event,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__feature_use_event_names'))
                }}
                then 1
            else 0
        end as is_feature_use_event
    from events

),

person_days as (

    select
        person_id,
        event_local_date,
        max(customer_id) as customer_id,
        count(*) as event_count,
        sum(is_page_view_event) as page_view_count,
        sum(is_product_view_event) as product_view_count,
        sum(is_interest_event) as interest_event_count,
        sum(is_cart_event) as cart_event_count,
        sum(is_order_completed_event) as order_completed_event_count,
        sum(is_advocacy_event) as advocacy_event_count,
        sum(is_feature_use_event) as feature_use_count,
        bit_xor(event_hash) as events_fingerprint
    from events_classified
    group by person_id, event_local_date

),

person_days_running as (

    {#- The person's running values as of each active day #}
    select
        *,
        row_number() over person_history as active_days_to_date,
        min(event_local_date) over person as first_active_date,
        lead(event_local_date) over person_history as next_active_date,
        max(
            case when interest_event_count > 0 then event_local_date end
        ) over person_to_date as last_interest_event_date,
        max(
            case when cart_event_count > 0 then event_local_date end
        ) over person_to_date as last_desire_event_date,
        max(
            case
                when order_completed_event_count > 0 then event_local_date
            end
        ) over person_to_date as last_order_completed_event_date,
        max(
            case when advocacy_event_count > 0 then event_local_date end
        ) over person_to_date as last_advocacy_event_date,
        max(
            case when feature_use_count > 0 then event_local_date end
        ) over person_to_date as last_feature_use_date,
        bit_xor(events_fingerprint) over person
            as person_events_fingerprint
    from person_days
    window
        person as (partition by person_id),
        person_history as (
            partition by person_id
            order by event_local_date
        ),
        person_to_date as (
            partition by person_id
            order by event_local_date
            rows between unbounded preceding and current row
        )

),

final as (

    select
        person_id,
        customer_id,
        cast(event_count as {{ dbt.type_int() }}) as event_count,
        cast(page_view_count as {{ dbt.type_int() }}) as page_view_count,
        cast(product_view_count as {{ dbt.type_int() }}) as product_view_count,
        cast(
            interest_event_count as {{ dbt.type_int() }}
        ) as interest_event_count,
        cast(cart_event_count as {{ dbt.type_int() }}) as cart_event_count,
        cast(
            order_completed_event_count as {{ dbt.type_int() }}
        ) as order_completed_event_count,
        cast(
            advocacy_event_count as {{ dbt.type_int() }}
        ) as advocacy_event_count,
        cast(feature_use_count as {{ dbt.type_int() }}) as feature_use_count,
        event_local_date,
        cast(
            active_days_to_date as {{ dbt.type_int() }}
        ) as active_days_to_date,
        first_active_date,
        next_active_date,
        last_interest_event_date,
        last_desire_event_date,
        last_order_completed_event_date,
        last_advocacy_event_date,
        last_feature_use_date,
        person_events_fingerprint
    from person_days_running

)

select * from final
