{#-
    int_product_interactions_aggregated_to_person_days: one row per person, product and local date with a
    view, a cart add or a completed purchase of the product. Views and cart adds are tracking events (vars
    segments__product_view_event_names, segments__cart_add_event_names); purchases are completed order lines
    of the CRM customer (person_id = customer_id), so store orders count too.
-#}
with

events as (

    select
        person_id,
        customer_id,
        event_name,
        product_id,
        product_category,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

order_lines as (

    select
        order_id,
        customer_id,
        product_id,
        product_category,
        quantity,
        ordered_local_date
    from {{ ref('int_order_lines_completed') }}

),

event_interactions as (

    select
        person_id,
        customer_id,
        product_id,
        product_category,
        event_local_date as activity_local_date,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__product_view_event_names'))
                }}
                then 1
            else 0
        end as view_count,
        case
            when
                event_name in {{
                    sql_string_list(var('segments__cart_add_event_names'))
                }}
                then 1
            else 0
        end as cart_add_count,
        cast(null as {{ dbt.type_string() }}) as order_id,
        0 as purchased_quantity
    from events
    where
        product_id is not null
        and (
            event_name in {{
                sql_string_list(var('segments__product_view_event_names'))
            }}
            or event_name in {{
                sql_string_list(var('segments__cart_add_event_names'))
            }}
        )

),

purchase_interactions as (

    select
        customer_id as person_id,
        customer_id,
        product_id,
        product_category,
        ordered_local_date as activity_local_date,
        0 as view_count,
        0 as cart_add_count,
        order_id,
        quantity as purchased_quantity
    from order_lines
    where product_id is not null

),

interactions as (

    select * from event_interactions
    union all
    select * from purchase_interactions

),

final as (

    select
        person_id,
        max(customer_id) as customer_id,
        product_id,
        max(product_category) as product_category,
        cast(sum(view_count) as {{ dbt.type_int() }}) as view_count,
        cast(sum(cart_add_count) as {{ dbt.type_int() }}) as cart_add_count,
        cast(count(distinct order_id) as {{ dbt.type_int() }})
            as purchase_count,
        cast(sum(purchased_quantity) as {{ dbt.type_int() }})
            as purchased_quantity,
        activity_local_date
    from interactions
    group by person_id, product_id, activity_local_date

)

select * from final
