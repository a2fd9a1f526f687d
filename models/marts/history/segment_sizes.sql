{#-
    segment_sizes: one row per period end, segment family and segment of the
    registry (segment_vocabulary), zero rows included, so a chart of sizes over time needs no
    zero-filling. Counted from segment_transitions: the customers in a
    segment are those arriving in it (new, stay or move), entries are new
    customers and moves in, exits are moves out.
-#}
with

transitions as (

    select
        period_end,
        segment_family,
        from_segment,
        to_segment,
        transition_type,
        customer_count
    from {{ ref('segment_transitions') }}

),

vocabulary as (

    {{ segment_vocabulary() | indent(4) }}

),

period_ends as (

    select distinct period_end
    from transitions

),

tracked_families as (

    select distinct segment_family
    from transitions

),

grid as (

    {#- every registered segment of every tracked family at every period end -#}
    select
        period_ends.period_end,
        vocabulary.segment_family,
        vocabulary.segment
    from period_ends
    cross join vocabulary
    inner join tracked_families
        on vocabulary.segment_family = tracked_families.segment_family

),

arrivals as (

    select
        period_end,
        segment_family,
        to_segment as segment,
        sum(customer_count) as customer_count,
        sum(
            case when transition_type in ('new', 'move') then customer_count end
        ) as entered_count
    from transitions
    group by period_end, segment_family, to_segment

),

departures as (

    select
        period_end,
        segment_family,
        from_segment as segment,
        sum(customer_count) as exited_count
    from transitions
    where transition_type = 'move'
    group by period_end, segment_family, from_segment

),

sized as (

    select
        grid.period_end,
        grid.segment_family,
        grid.segment,
        coalesce(arrivals.customer_count, 0) as customer_count,
        coalesce(arrivals.entered_count, 0) as entered_count,
        coalesce(departures.exited_count, 0) as exited_count
    from grid
    left join arrivals
        on
            grid.period_end = arrivals.period_end
            and grid.segment_family = arrivals.segment_family
            and grid.segment = arrivals.segment
    left join departures
        on
            grid.period_end = departures.period_end
            and grid.segment_family = departures.segment_family
            and grid.segment = departures.segment

),

family_sized as (

    select
        *,
        sum(customer_count) over (
            partition by period_end, segment_family
        ) as family_customer_count
    from sized

),

final as (

    select
        segment_family,
        segment,
        cast(customer_count as integer) as customer_count,
        cast(family_customer_count as integer) as family_customer_count,
        cast(entered_count as integer) as entered_count,
        cast(exited_count as integer) as exited_count,
        {#- divided as doubles, which every engine rounds alike (Spark
            divides a decimal to a scale of its own) -#}
        cast(customer_count as {{ type_double() }})
        / nullif(family_customer_count, 0) as customer_share,
        period_end = max(period_end) over () as is_current,
        period_end
    from family_sized

)

select * from final
