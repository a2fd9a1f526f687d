{#-
    customer_traffic_sources: one row per customer, where they came from:
    first-touch and last-touch source, medium and campaign of their
    sessions (int_persons_touches_attributed), or the CRM acquisition
    channel (medium `(crm)`) for a customer without sessions; their sign-up,
    first completed order and the days between.
-#}
with

customers as (

    select
        customer_id,
        acquisition_channel,
        created_local_date
    from {{ ref('int_customers_resolved') }}

),

touches as (

    select
        customer_id,
        first_touch_source,
        first_touch_medium,
        first_touch_campaign,
        last_touch_source,
        last_touch_medium,
        last_touch_campaign,
        session_count,
        first_session_date
    from {{ ref('int_persons_touches_attributed') }}
    where customer_id is not null

),

orders as (

    select
        customer_id,
        ordered_local_date
    from {{ ref('int_orders_completed') }}

),

first_orders as (

    select
        customer_id,
        min(ordered_local_date) as first_order_date
    from orders
    where ordered_local_date <= {{ current_as_of_date() }}
    group by customer_id

),

attributed as (

    select
        customers.customer_id,
        case
            when touches.customer_id is not null then 'sessions' else 'crm'
        end as attribution_basis,
        coalesce(
            touches.first_touch_source,
            lower(customers.acquisition_channel),
            '(unknown)'
        ) as first_touch_source,
        coalesce(touches.first_touch_medium, '(crm)') as first_touch_medium,
        coalesce(touches.first_touch_campaign, '(not set)')
            as first_touch_campaign,
        coalesce(
            touches.last_touch_source,
            lower(customers.acquisition_channel),
            '(unknown)'
        ) as last_touch_source,
        coalesce(touches.last_touch_medium, '(crm)') as last_touch_medium,
        coalesce(touches.last_touch_campaign, '(not set)')
            as last_touch_campaign,
        coalesce(touches.session_count, 0) as session_count,
        touches.first_session_date,
        customers.created_local_date as signed_up_date,
        first_orders.first_order_date
    from customers
    left join touches
        on customers.customer_id = touches.customer_id
    left join first_orders
        on customers.customer_id = first_orders.customer_id

),

final as (

    select
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(attribution_basis as {{ dbt.type_string() }})
            as attribution_basis,
        cast(first_touch_source as {{ dbt.type_string() }})
            as first_touch_source,
        cast(first_touch_medium as {{ dbt.type_string() }})
            as first_touch_medium,
        cast(first_touch_campaign as {{ dbt.type_string() }})
            as first_touch_campaign,
        cast(last_touch_source as {{ dbt.type_string() }})
            as last_touch_source,
        cast(last_touch_medium as {{ dbt.type_string() }})
            as last_touch_medium,
        cast(last_touch_campaign as {{ dbt.type_string() }})
            as last_touch_campaign,
        cast(session_count as {{ dbt.type_int() }}) as session_count,
        cast(
            {{ dbt.datediff(
                'coalesce(first_session_date, signed_up_date)',
                'first_order_date',
                'day',
            ) }} as {{ dbt.type_int() }}
        ) as days_to_first_order,
        first_session_date,
        signed_up_date,
        first_order_date,
        {{ current_as_of_date() }} as as_of_date
    from attributed

)

select * from final
