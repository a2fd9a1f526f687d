{#-
    segment_transitions: one row per period end, segment family and (from_segment, to_segment) pair: how many
    customers were in from_segment at the previous period end and in to_segment at this one. from_segment is
    null for customers first counted in this period (`new`); a `stay` keeps the segment, a `move` changes it
    (an exit from from_segment and an entry into to_segment). Ready for a Sankey chart; the counts reconcile
    with segment_history (test assert_segment_transitions_reconcile_with_history).
-#}
with

history as (

    select
        customer_id,
        segment_family,
        period_end,
        segment
    from {{ ref('segment_history') }}

),

period_ends as (

    select distinct period_end
    from history

),

period_ends_ordered as (

    select
        period_end,
        lag(period_end) over (order by period_end) as previous_period_end
    from period_ends

),

history_with_previous as (

    select
        history.customer_id,
        history.segment_family,
        history.period_end,
        period_ends_ordered.previous_period_end,
        history.segment as to_segment
    from history
    inner join period_ends_ordered
        on history.period_end = period_ends_ordered.period_end

),

moves as (

    select
        history_with_previous.period_end,
        history_with_previous.previous_period_end,
        history_with_previous.segment_family,
        previous_history.segment as from_segment,
        history_with_previous.to_segment,
        history_with_previous.customer_id
    from history_with_previous
    left join history as previous_history
        on
            history_with_previous.customer_id = previous_history.customer_id
            and history_with_previous.segment_family
            = previous_history.segment_family
            and history_with_previous.previous_period_end
            = previous_history.period_end

),

final as (

    select
        period_end,
        previous_period_end,
        segment_family,
        from_segment,
        to_segment,
        case
            when from_segment is null then 'new'
            when from_segment = to_segment then 'stay'
            else 'move'
        end as transition_type,
        cast(count(*) as {{ dbt.type_int() }}) as customer_count
    from moves
    group by
        period_end,
        previous_period_end,
        segment_family,
        from_segment,
        to_segment

)

select * from final
