{#-
    segment_memberships: segment_history in SCD2 shape, one row per customer, segment family and unbroken spell
    in one segment: valid_from is the first period end the customer was seen in the segment, valid_to the first
    period end they were seen in another one (exclusive; null while the spell is current). A customer who
    leaves and comes back has two spells.
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

history_flagged as (

    select
        customer_id,
        segment_family,
        period_end,
        segment,
        is_current,
        case
            when
                lag(segment) over (
                    partition by customer_id, segment_family
                    order by period_end
                ) = segment
                then 0
            else 1
        end as is_spell_start
    from history

),

history_numbered as (

    {#- Running count of spell starts = spell number within customer x family (gaps and islands) #}
    select
        customer_id,
        segment_family,
        period_end,
        segment,
        is_current,
        sum(is_spell_start) over (
            partition by customer_id, segment_family
            order by period_end
            rows between unbounded preceding and current row
        ) as spell_number
    from history_flagged

),

spells as (

    select
        customer_id,
        segment_family,
        spell_number,
        min(segment) as segment,
        min(period_end) as valid_from,
        max(period_end) as last_seen_at,
        count(*) as period_count,
        max(case when is_current then 1 else 0 end) as has_current_period
    from history_numbered
    group by customer_id, segment_family, spell_number

),

spells_closed as (

    select
        customer_id,
        segment_family,
        segment,
        valid_from,
        lead(valid_from) over (
            partition by customer_id, segment_family
            order by valid_from
        ) as valid_to,
        last_seen_at,
        period_count,
        has_current_period
    from spells

),

final as (

    select
        customer_id,
        segment_family,
        segment,
        valid_from,
        valid_to,
        last_seen_at,
        cast(period_count as {{ dbt.type_int() }}) as period_count,
        (valid_to is null and has_current_period = 1) as is_current
    from spells_closed

)

select * from final
