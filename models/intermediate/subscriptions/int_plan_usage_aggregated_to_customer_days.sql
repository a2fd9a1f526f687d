{#-
    int_plan_usage_aggregated_to_customer_days: one row per CRM customer and local date on which they held a
    plan (trial or active, int_customer_plans_historized) with a limit in seed plan_limits and sent at least
    one of its usage events: the day's use against the plan's daily limit.
-#}
with

events as (

    select
        customer_id,
        event_name,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

plans as (

    select
        customer_id,
        plan_name,
        plan_status,
        valid_from,
        valid_to
    from {{ ref('int_customer_plans_historized') }}

),

plan_limits as (

    select
        plan_name,
        usage_event_name,
        daily_limit
    from {{ ref('plan_limits') }}

),

usage_days as (

    select
        events.customer_id,
        plans.plan_name,
        plan_limits.usage_event_name,
        plan_limits.daily_limit,
        events.event_local_date as usage_local_date,
        count(*) as usage_count
    from events
    inner join plans
        on
            events.customer_id = plans.customer_id
            and events.event_local_date >= plans.valid_from
            and (
                plans.valid_to is null
                or events.event_local_date < plans.valid_to
            )
    inner join plan_limits
        on
            plans.plan_name = plan_limits.plan_name
            and events.event_name = plan_limits.usage_event_name
    where plans.plan_status in ('trial', 'active')
    group by
        events.customer_id,
        plans.plan_name,
        plan_limits.usage_event_name,
        plan_limits.daily_limit,
        events.event_local_date

),

final as (

    select
        customer_id,
        cast(plan_name as {{ dbt.type_string() }}) as plan_name,
        cast(usage_event_name as {{ dbt.type_string() }}) as usage_event_name,
        cast(usage_count as {{ dbt.type_int() }}) as usage_count,
        cast(daily_limit as {{ dbt.type_int() }}) as daily_limit,
        cast(usage_count as {{ type_double() }}) / daily_limit as usage_share,
        usage_local_date
    from usage_days

)

select * from final
