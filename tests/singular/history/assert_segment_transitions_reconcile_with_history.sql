{#-
    segment_transitions reconciles with segment_history, per period end and family:
      - arrivals: the customers counted into each to_segment = the history rows in that segment at that period
        end;
      - departures: the customers counted out of each from_segment = the history rows in that segment at the
        previous period end (nobody leaves the history unseen);
      - the first period end has only `new` transitions.
    Fails with each (check, period, family, segment) whose counts differ.
-#}
with

history as (

    select
        period_end,
        segment_family,
        segment
    from {{ ref('segment_history') }}

),

transitions as (

    select
        period_end,
        previous_period_end,
        segment_family,
        from_segment,
        to_segment,
        transition_type,
        customer_count
    from {{ ref('segment_transitions') }}

),

history_counts as (

    select
        period_end,
        segment_family,
        segment,
        count(*) as customer_count
    from history
    group by period_end, segment_family, segment

),

period_ends as (

    select distinct
        period_end,
        previous_period_end
    from transitions

),

arrivals as (

    select
        period_end,
        segment_family,
        to_segment as segment,
        sum(customer_count) as customer_count
    from transitions
    group by period_end, segment_family, to_segment

),

departures as (

    {#- keyed by the previous period end, where these customers were counted #}
    select
        previous_period_end as period_end,
        segment_family,
        from_segment as segment,
        sum(customer_count) as customer_count
    from transitions
    where from_segment is not null
    group by previous_period_end, segment_family, from_segment

),

arrival_mismatches as (

    select
        'arrivals' as check_name,
        coalesce(history_counts.period_end, arrivals.period_end) as period_end,
        coalesce(history_counts.segment_family, arrivals.segment_family)
            as segment_family,
        coalesce(history_counts.segment, arrivals.segment) as segment,
        history_counts.customer_count as history_count,
        arrivals.customer_count as transition_count
    from history_counts
    full outer join arrivals
        on
            history_counts.period_end = arrivals.period_end
            and history_counts.segment_family = arrivals.segment_family
            and history_counts.segment = arrivals.segment
    where
        coalesce(history_counts.customer_count, -1)
        <> coalesce(arrivals.customer_count, -1)

),

history_before_last_period as (

    {#- every period end but the last is some period's previous period end #}
    select history_counts.*
    from history_counts
    inner join period_ends
        on history_counts.period_end = period_ends.previous_period_end

),

departure_mismatches as (

    select
        'departures' as check_name,
        coalesce(
            history_before_last_period.period_end, departures.period_end
        ) as period_end,
        coalesce(
            history_before_last_period.segment_family, departures.segment_family
        ) as segment_family,
        coalesce(history_before_last_period.segment, departures.segment)
            as segment,
        history_before_last_period.customer_count as history_count,
        departures.customer_count as transition_count
    from history_before_last_period
    full outer join departures
        on
            history_before_last_period.period_end = departures.period_end
            and history_before_last_period.segment_family
            = departures.segment_family
            and history_before_last_period.segment = departures.segment
    where
        coalesce(history_before_last_period.customer_count, -1)
        <> coalesce(departures.customer_count, -1)

),

first_period_not_new as (

    select
        'first_period_not_new' as check_name,
        period_end,
        segment_family,
        to_segment as segment,
        cast(null as {{ dbt.type_bigint() }}) as history_count,
        customer_count as transition_count
    from transitions
    where previous_period_end is null and transition_type <> 'new'

),

final as (

    select * from arrival_mismatches
    union all
    select * from departure_mismatches
    union all
    select * from first_period_not_new

)

select * from final
