{#-
    Nothing dated after the as-of date D leaks into a segment. Rebuilds the key metric of each mart straight
    from the stitched / staged data, keeping only local dates on or before D (int_current_as_of_date), and compares:
    active days and last active date (seg_usage_behavior), last event date (seg_journey_stage), sessions in
    the short window (seg_engagement), latest NPS score (seg_satisfaction), completed orders
    (customer_segments). Meaningful when D is earlier than the data (`--vars '{as_of_date: ...}'`); with the
    default D it still proves the metrics equal their definitions. Fails with (check_name, key, values).
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref('int_current_as_of_date') }}

),

events as (

    select
        person_id,
        customer_id,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

sessions as (

    select
        customer_id,
        session_start_local_date
    from {{ ref('int_sessions') }}

),

survey_responses as (

    select
        response_id,
        customer_id,
        survey_type,
        score,
        submitted_at
    from {{ ref('stg_survey__survey_responses') }}

),

orders as (

    select
        order_id,
        customer_id,
        order_status,
        ordered_at
    from {{ ref('stg_commerce__orders') }}

),

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

usage_mart as (

    select
        customer_id,
        usage_active_days,
        last_active_date
    from {{ ref('seg_usage_behavior') }}

),

journey_mart as (

    select
        person_id,
        last_event_date
    from {{ ref('seg_journey_stage') }}

),

engagement_mart as (

    select
        customer_id,
        session_count_30d
    from {{ ref('seg_engagement') }}

),

satisfaction_mart as (

    select
        customer_id,
        latest_nps_score
    from {{ ref('seg_satisfaction') }}

),

segments_mart as (

    select
        customer_id,
        order_count
    from {{ ref('customer_segments') }}

),

events_as_of as (

    select
        events.person_id,
        events.event_local_date,
        {{ dbt.datediff('events.event_local_date', 'as_of_dates.as_of_date',
            'day') }} as days_before_as_of
    from events
    cross join as_of_dates
    where events.event_local_date <= as_of_dates.as_of_date

),

rebuilt_usage as (

    select
        person_id,
        count(
            distinct case
                when
                    days_before_as_of
                    < {{ var('segments__usage_window_days') }}
                    then event_local_date
            end
        ) as usage_active_days,
        max(event_local_date) as last_event_date
    from events_as_of
    group by person_id

),

rebuilt_sessions as (

    select
        sessions.customer_id,
        count(*) as session_count_30d
    from sessions
    cross join as_of_dates
    where
        sessions.customer_id is not null
        and sessions.session_start_local_date <= as_of_dates.as_of_date
        and {{ dbt.datediff('sessions.session_start_local_date',
            'as_of_dates.as_of_date', 'day') }}
        < {{ var('segments__engagement_short_window_days') }}
    group by sessions.customer_id

),

nps_as_of as (

    select
        survey_responses.customer_id,
        survey_responses.score,
        row_number() over (
            partition by survey_responses.customer_id
            order by
                survey_responses.submitted_at desc,
                survey_responses.response_id desc
        ) as recency_rank
    from survey_responses
    inner join customers
        on survey_responses.customer_id = customers.customer_id
    cross join as_of_dates
    where
        survey_responses.survey_type = 'nps'
        and survey_responses.score is not null
        and cast(
            {{ to_local_timestamp('survey_responses.submitted_at',
                'customers.time_zone') }} as date
        ) <= as_of_dates.as_of_date

),

orders_as_of as (

    select
        orders.customer_id,
        count(*) as order_count
    from orders
    inner join customers
        on orders.customer_id = customers.customer_id
    cross join as_of_dates
    where
        orders.order_status in {{
            sql_string_list(var('segments__completed_order_statuses'))
        }}
        and cast(
            {{ to_local_timestamp('orders.ordered_at',
                'customers.time_zone') }} as date
        ) <= as_of_dates.as_of_date
    group by orders.customer_id

),

usage_mismatches as (

    select
        'seg_usage_behavior' as check_name,
        usage_mart.customer_id as segment_key,
        cast(usage_mart.usage_active_days as {{ dbt.type_string() }})
            as mart_value,
        cast(
            coalesce(rebuilt_usage.usage_active_days, 0)
            as {{ dbt.type_string() }}
        ) as rebuilt_value
    from usage_mart
    left join rebuilt_usage
        on usage_mart.customer_id = rebuilt_usage.person_id
    where
        usage_mart.usage_active_days
        != coalesce(rebuilt_usage.usage_active_days, 0)
        or coalesce(usage_mart.last_active_date, cast('1900-01-01' as date))
        != coalesce(rebuilt_usage.last_event_date, cast('1900-01-01' as date))

),

journey_mismatches as (

    select
        'seg_journey_stage' as check_name,
        journey_mart.person_id as segment_key,
        cast(journey_mart.last_event_date as {{ dbt.type_string() }})
            as mart_value,
        cast(rebuilt_usage.last_event_date as {{ dbt.type_string() }})
            as rebuilt_value
    from journey_mart
    left join rebuilt_usage
        on journey_mart.person_id = rebuilt_usage.person_id
    where
        coalesce(journey_mart.last_event_date, cast('1900-01-01' as date))
        != coalesce(rebuilt_usage.last_event_date, cast('1900-01-01' as date))

),

engagement_mismatches as (

    select
        'seg_engagement' as check_name,
        engagement_mart.customer_id as segment_key,
        cast(engagement_mart.session_count_30d as {{ dbt.type_string() }})
            as mart_value,
        cast(
            coalesce(rebuilt_sessions.session_count_30d, 0)
            as {{ dbt.type_string() }}
        ) as rebuilt_value
    from engagement_mart
    left join rebuilt_sessions
        on engagement_mart.customer_id = rebuilt_sessions.customer_id
    where
        engagement_mart.session_count_30d
        != coalesce(rebuilt_sessions.session_count_30d, 0)

),

satisfaction_mismatches as (

    select
        'seg_satisfaction' as check_name,
        satisfaction_mart.customer_id as segment_key,
        cast(satisfaction_mart.latest_nps_score as {{ dbt.type_string() }})
            as mart_value,
        cast(nps_as_of.score as {{ dbt.type_string() }}) as rebuilt_value
    from satisfaction_mart
    left join nps_as_of
        on
            satisfaction_mart.customer_id = nps_as_of.customer_id
            and nps_as_of.recency_rank = 1
    where
        coalesce(satisfaction_mart.latest_nps_score, -1)
        != coalesce(nps_as_of.score, -1)

),

order_mismatches as (

    select
        'customer_segments' as check_name,
        segments_mart.customer_id as segment_key,
        cast(segments_mart.order_count as {{ dbt.type_string() }})
            as mart_value,
        cast(
            coalesce(orders_as_of.order_count, 0) as {{ dbt.type_string() }}
        ) as rebuilt_value
    from segments_mart
    left join orders_as_of
        on segments_mart.customer_id = orders_as_of.customer_id
    where
        coalesce(segments_mart.order_count, 0)
        != coalesce(orders_as_of.order_count, 0)

),

final as (

    select * from usage_mismatches
    union all
    select * from journey_mismatches
    union all
    select * from engagement_mismatches
    union all
    select * from satisfaction_mismatches
    union all
    select * from order_mismatches

)

select * from final
