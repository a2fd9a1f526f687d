{#-
    int_customer_plans_historized: one row per CRM customer and local date with a plan event, the plan state
    from that day until the next one (valid_to, exclusive; null while it holds). There is no billing source:
    the state is derived from tracking events (seed event_name_map) carrying properties.plan:
    trial_started opens a trial of the plan, subscription_started and plan_changed make the plan active,
    subscription_cancelled cancels it. The last event of a day wins. A trial lasts var
    segments__trial_length_days from its start.
-#}
with

events as (

    select
        customer_id,
        event_name,
        plan_name,
        event_local_date,
        event_at
    from {{ ref('int_events_stitched') }}

),

plan_events as (

    select
        customer_id,
        event_name,
        plan_name,
        event_local_date,
        row_number() over (
            partition by customer_id, event_local_date
            order by event_at desc, event_name desc
        ) as rank_in_day
    from events
    where
        customer_id is not null
        and event_name in (
            'trial_started',
            'subscription_started',
            'plan_changed',
            'subscription_cancelled'
        )

),

plan_days as (

    select
        customer_id,
        event_name,
        plan_name,
        event_local_date as valid_from,
        case
            when event_name = 'trial_started' then 'trial'
            when event_name = 'subscription_cancelled' then 'cancelled'
            else 'active'
        end as plan_status
    from plan_events
    where rank_in_day = 1

),

plan_days_running as (

    select
        *,
        lead(valid_from) over customer_days as valid_to,
        max(
            case when plan_status = 'trial' then valid_from end
        ) over customer_to_date as trial_started_date
    from plan_days
    window
        customer_days as (partition by customer_id order by valid_from),
        customer_to_date as (
            partition by customer_id
            order by valid_from
            rows between unbounded preceding and current row
        )

),

final as (

    select
        customer_id,
        cast(event_name as {{ dbt.type_string() }}) as plan_event_name,
        cast(plan_name as {{ dbt.type_string() }}) as plan_name,
        cast(plan_status as {{ dbt.type_string() }}) as plan_status,
        valid_from,
        valid_to,
        trial_started_date,
        cast(
            {{ dbt.dateadd(
                'day', var('segments__trial_length_days'), 'trial_started_date'
            ) }} as date
        ) as trial_ends_date
    from plan_days_running

)

select * from final
