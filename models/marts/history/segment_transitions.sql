{#-
    segment_transitions: one row per period end, segment family and (from_segment, to_segment) pair: how many
    customers were in from_segment at the previous period end and in to_segment at this one. from_segment is
    null for customers first counted in this period (`new`); a `stay` keeps the segment, a `move` changes it
    (an exit from from_segment and an entry into to_segment). Ready for a Sankey chart; the counts reconcile
    with segment_history (test assert_segment_transitions_reconcile_with_history).
    The wide rows are counted per family by grouping sets before they are unpivoted.
    Incremental (strategy restate): a run recomputes the periods from int_history_restate_from.restate_from on,
    reading the period before them for from_segment.
    Entries into a segment = new + moves into it; exits = moves out of it.
-#}
{{
    config(
        materialized='incremental',
        incremental_strategy='restate',
        restate_column='period_end',
        on_schema_change='fail',
        tags=['history_restated'],
    )
}}
{%- set families = segment_history_families() %}
{#- per family, from the counted rows: its name, the pair, and whether the
    row is that family's grouping set -#}
{%- set family_counts = [] %}
{%- for family in families %}
    {%- do family_counts.append([
        "'" ~ family ~ "'",
        'from_' ~ family,
        'to_' ~ family,
        'is_counted_' ~ family,
    ]) %}
{%- endfor %}
with

labels as (

    {#- An incremental run reads the period before the first restated one too #}
    select *
    from {{ ref('int_customers_labeled_as_of_dates') }}
    where
        {{ history_restate_where(from_previous_date=true) }}

),

period_ends as (

    select distinct as_of_date as period_end
    from labels

),

period_ends_ordered as (

    select
        period_end,
        lag(period_end) over (order by period_end) as previous_period_end
    from period_ends

),

labels_sequenced as (

    {#- The customer's previous row: the previous period end unless new #}
    select
        customer_id,
        as_of_date as period_end,
        lag(as_of_date) over customer_periods as customer_previous_period_end,
        {%- for family in families %}
            {{ family }},
            lag({{ family }}) over customer_periods as previous_{{ family }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from labels
    window customer_periods as (
        partition by customer_id
        order by as_of_date
    )

),

labels_with_previous_period as (

    select
        labels_sequenced.*,
        period_ends_ordered.previous_period_end,
        coalesce(
            labels_sequenced.customer_previous_period_end
            = period_ends_ordered.previous_period_end,
            false
        ) as was_counted_before
    from labels_sequenced
    inner join period_ends_ordered
        on labels_sequenced.period_end = period_ends_ordered.period_end

),

moves as (

    {#- each family's previous label (if counted before) and label #}
    select
        period_end,
        previous_period_end,
        {%- for family in families %}
            case
                when was_counted_before then previous_{{ family }}
            end as from_{{ family }},
            {{ family }} as to_{{ family }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from labels_with_previous_period
    where {{ history_restate_where('period_end') }}

),

moves_counted as (

    {#- One grouping set per family, in one pass over the wide rows: the
        count is taken before the rows are unpivoted, so the unpivot reads
        a few thousand counts instead of customers x families rows -#}
    select
        period_end,
        previous_period_end,
        {%- for family in families %}
            from_{{ family }},
            to_{{ family }},
            grouping(to_{{ family }}) = 0 as is_counted_{{ family }},
        {%- endfor %}
        count(*) as customer_count
    from moves
    -- sqlfluff's duckdb dialect cannot parse GROUPING SETS yet
    -- noqa: disable=PRS
    group by grouping sets (
        {%- for family in families %}
            (
                period_end,
                previous_period_end,
                from_{{ family }},
                to_{{ family }}
            ){% if not loop.last %},{% endif %}
        {%- endfor %}
    )
    -- noqa: enable=PRS

),

family_counts as (

    {#- one row per count and family (macro); each count is one family's #}
    {{ unpivot_rows(
        relation='moves_counted',
        keep_columns=['period_end', 'previous_period_end', 'customer_count'],
        columns=[
            'segment_family', 'from_segment', 'to_segment', 'is_counted',
        ],
        rows=family_counts,
    ) }}

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
        cast(customer_count as {{ dbt.type_int() }}) as customer_count
    from family_counts
    where is_counted

)

select * from final
