{#-
    segment_memberships reconciles with segment_history, per customer and family:
      - the spells cover every history row once (sum of period_count = history rows);
      - a new spell starts exactly where the label changes (spells = label changes + 1);
      - exactly one spell is current, in the segment of the current history row;
      - spells are ordered and do not overlap (valid_from < valid_to, and valid_to is the next valid_from).
    Fails with each (customer, family) breaking one of them.
-#}
with

history as (

    select
        customer_id,
        segment_family,
        period_end,
        segment,
        is_current
    from {{ ref('segment_history') }}

),

memberships as (

    select
        customer_id,
        segment_family,
        segment,
        valid_from,
        valid_to,
        period_count,
        is_current
    from {{ ref('segment_memberships') }}

),

history_changes as (

    select
        customer_id,
        segment_family,
        segment,
        is_current,
        case
            when
                lag(segment) over (
                    partition by customer_id, segment_family
                    order by period_end
                ) <> segment
                then 1
            else 0
        end as is_change
    from history

),

history_per_customer as (

    select
        customer_id,
        segment_family,
        count(*) as history_rows,
        sum(is_change) + 1 as expected_spells,
        max(case when is_current then segment end) as current_segment
    from history_changes
    group by customer_id, segment_family

),

memberships_ordered as (

    select
        customer_id,
        segment_family,
        segment,
        valid_from,
        valid_to,
        period_count,
        is_current,
        lead(valid_from) over (
            partition by customer_id, segment_family
            order by valid_from
        ) as next_valid_from
    from memberships

),

memberships_per_customer as (

    select
        customer_id,
        segment_family,
        sum(period_count) as covered_rows,
        count(*) as spells,
        sum(case when is_current then 1 else 0 end) as current_spells,
        max(case when is_current then segment end) as current_segment,
        sum(
            case
                when
                    valid_to <= valid_from
                    or coalesce(valid_to, cast('9999-12-31' as date))
                    <> coalesce(next_valid_from, cast('9999-12-31' as date))
                    then 1
                else 0
            end
        ) as broken_spells
    from memberships_ordered
    group by customer_id, segment_family

),

final as (

    select
        coalesce(
            history_counts.customer_id,
            spells_per_customer.customer_id
        ) as customer_id,
        coalesce(
            history_counts.segment_family,
            spells_per_customer.segment_family
        ) as segment_family,
        history_counts.history_rows,
        spells_per_customer.covered_rows,
        history_counts.expected_spells,
        spells_per_customer.spells,
        spells_per_customer.current_spells,
        history_counts.current_segment as history_current_segment,
        spells_per_customer.current_segment as membership_current_segment,
        spells_per_customer.broken_spells
    from history_per_customer as history_counts
    full outer join memberships_per_customer as spells_per_customer
        on
            history_counts.customer_id
            = spells_per_customer.customer_id
            and history_counts.segment_family
            = spells_per_customer.segment_family
    where
        history_counts.customer_id is null
        or spells_per_customer.customer_id is null
        or history_counts.history_rows
        <> spells_per_customer.covered_rows
        or history_counts.expected_spells
        <> spells_per_customer.spells
        or spells_per_customer.current_spells <> 1
        or history_counts.current_segment
        <> spells_per_customer.current_segment
        or spells_per_customer.broken_spells > 0

)

select * from final
