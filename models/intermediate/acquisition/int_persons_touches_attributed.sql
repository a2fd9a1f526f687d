{#-
    int_persons_touches_attributed: one row per person (identified customer
    or anonymous device) with a session up to the as-of date: the source,
    medium and campaign of their first session (first touch) and of their
    last session before their first completed order, or up to the as-of
    date without one (last touch). Anonymous sessions before sign-in count
    for the customer, through stitching. A session without UTM values is
    `(direct)` / `(none)`.
-#}
with

sessions as (

    select
        person_id,
        customer_id,
        utm_source,
        utm_medium,
        utm_campaign,
        session_started_at,
        session_start_local_date
    from {{ ref('int_sessions') }}

),

orders as (

    select
        customer_id,
        ordered_at,
        ordered_local_date
    from {{ ref('int_orders_completed') }}

),

first_orders as (

    select
        customer_id,
        min(ordered_at) as first_ordered_at
    from orders
    where ordered_local_date <= {{ current_as_of_date() }}
    group by customer_id

),

sessions_sourced as (

    select
        sessions.person_id,
        sessions.customer_id,
        coalesce(sessions.utm_source, '(direct)') as touch_source,
        coalesce(
            sessions.utm_medium,
            case when sessions.utm_source is null then '(none)' end,
            '(not set)'
        ) as touch_medium,
        coalesce(sessions.utm_campaign, '(not set)') as touch_campaign,
        sessions.session_started_at,
        sessions.session_start_local_date,
        first_orders.first_ordered_at
    from sessions
    left join first_orders
        on sessions.customer_id = first_orders.customer_id
    where sessions.session_start_local_date <= {{ current_as_of_date() }}

),

touches_ranked as (

    select
        *,
        row_number() over (
            partition by person_id
            order by session_started_at asc, touch_source asc
        ) as first_touch_number,
        row_number() over (
            partition by person_id
            order by
                case
                    when
                        first_ordered_at is null
                        or session_started_at <= first_ordered_at
                        then 0
                    else 1
                end asc,
                session_started_at desc,
                touch_source asc
        ) as last_touch_number,
        count(*) over (partition by person_id) as session_count
    from sessions_sourced

),

first_touches as (

    select *
    from touches_ranked
    where first_touch_number = 1

),

last_touches as (

    select *
    from touches_ranked
    where last_touch_number = 1

),

final as (

    select
        first_touches.person_id,
        first_touches.customer_id,
        first_touches.touch_source as first_touch_source,
        first_touches.touch_medium as first_touch_medium,
        first_touches.touch_campaign as first_touch_campaign,
        last_touches.touch_source as last_touch_source,
        last_touches.touch_medium as last_touch_medium,
        last_touches.touch_campaign as last_touch_campaign,
        first_touches.session_count,
        first_touches.session_start_local_date as first_session_date,
        first_touches.session_started_at as first_session_started_at
    from first_touches
    inner join last_touches
        on first_touches.person_id = last_touches.person_id

)

select * from final
