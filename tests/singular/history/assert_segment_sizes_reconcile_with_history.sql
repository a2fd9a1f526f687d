{#-
    segment_sizes counts what segment_history holds: per period end, family
    and segment, its customer_count equals the history's customers (zero
    where the history has none), and every segment of the history is in it.
    Fails with one row per key that differs.
-#}
with

history_counts as (

    select
        period_end,
        segment_family,
        segment,
        count(*) as customer_count
    from {{ ref('segment_history') }}
    group by period_end, segment_family, segment

),

sizes as (

    select
        period_end,
        segment_family,
        segment,
        customer_count
    from {{ ref('segment_sizes') }}

),

compared as (

    select
        coalesce(sizes.period_end, history_counts.period_end) as period_end,
        coalesce(sizes.segment_family, history_counts.segment_family)
            as segment_family,
        coalesce(sizes.segment, history_counts.segment) as segment,
        sizes.customer_count as size_count,
        coalesce(history_counts.customer_count, 0) as history_count
    from sizes
    full outer join history_counts
        on
            sizes.period_end = history_counts.period_end
            and sizes.segment_family = history_counts.segment_family
            and sizes.segment = history_counts.segment

)

select * from compared
where size_count is null or size_count != history_count
