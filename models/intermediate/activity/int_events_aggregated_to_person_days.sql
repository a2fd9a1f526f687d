{#-
    int_events_aggregated_to_person_days: one row per person per local date with at least one clean event.
    Full history (no as-of filter): models reading it keep only dates on or before the as-of date.
-#}
with

events as (

    select
        person_id,
        customer_id,
        event_name,
        is_page_view,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

events_classified as (

    select
        person_id,
        customer_id,
        event_local_date,
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
        sum(is_feature_use_event) as feature_use_count
    from events_classified
    group by person_id, event_local_date

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
        event_local_date
    from person_days

)

select * from final
