{#-
    segment_memberships: segment_history in SCD2 shape, one row per customer, segment family and unbroken spell
    in one segment: valid_from is the first period end the customer was seen in the segment, valid_to the first
    period end they were seen in another one (exclusive; null while the spell is current). A customer who
    leaves and comes back has two spells. One ordered pass over the wide labels (one row per customer and date)
    marks the first and last row of every spell in every family; the rows are unpivoted to one row per family in
    one pass (macro unpivot_rows), the first and last rows of each spell kept, and a second ordered pass over
    them pairs them.
    Incremental (strategy restate on valid_to): a run replaces the spells still open at the last period end P
    before int_history_restate_from.restate_from, and every later one. It orders the wide rows from P on only;
    a spell that held P continues the stored one, keeping its valid_from and adding its earlier periods.
    Entries are the valid_from dates, exits the valid_to dates. Reconciles with segment_history (test
    assert_segment_memberships_reconcile_with_history); the dbt snapshot customer_segments_snapshot keeps the
    same shape for production runs, from the labels as they were published.
-#}
{{
    config(
        materialized='incremental',
        incremental_strategy='restate',
        restate_column='valid_to',
        on_schema_change='fail',
        tags=['history_restated'],
    )
}}
{%- set families = segment_history_families() %}
{#- per family: its name, label, and whether the row starts or ends a spell #}
{%- set family_boundaries = [] %}
{%- for family in families %}
    {%- do family_boundaries.append([
        "'" ~ family ~ "'",
        family,
        'coalesce(previous_' ~ family ~ ' <> ' ~ family ~ ', true)',
        'coalesce(next_' ~ family ~ ' <> ' ~ family ~ ', true)',
    ]) %}
{%- endfor %}
{%- set restatement = history_restatement() %}
with

labels as (

    {#- An incremental run reads from the period before the first restated #}
    select *
    from {{ ref('int_customers_labeled_as_of_dates') }}
    where
        {{ history_restate_where(from_previous_date=true) }}

),

labels_sequenced as (

    select
        customer_id,
        as_of_date as period_end,
        is_current,
        lead(as_of_date) over customer_periods as next_period_end,
        row_number() over customer_periods as period_number,
        {%- for family in families %}
            {{ family }},
            lag({{ family }}) over customer_periods as previous_{{ family }},
            lead({{ family }}) over customer_periods as next_{{ family }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from labels
    window customer_periods as (
        partition by customer_id
        order by as_of_date
    )

),

families_unpivoted as (

    {#- one row per customer, date and family, in one pass (macro) #}
    {{ unpivot_rows(
        relation='labels_sequenced',
        keep_columns=[
            'customer_id',
            'period_end',
            'is_current',
            'next_period_end',
            'period_number',
        ],
        columns=['segment_family', 'segment', 'is_spell_start', 'is_spell_end'],
        rows=family_boundaries,
    ) }}

),

spell_boundaries as (

    {#- First and last row of every spell (one row for a one-period spell) #}
    select
        customer_id,
        segment_family,
        period_end,
        segment,
        is_current,
        next_period_end,
        period_number,
        is_spell_start,
        is_spell_end
    from families_unpivoted
    where is_spell_start or is_spell_end

),

spell_boundaries_paired as (

    {#- A spell start is followed by its own end row (or is it) #}
    select
        customer_id,
        segment_family,
        segment,
        is_spell_start,
        period_end as valid_from,
        period_number as first_period_number,
        case
            when is_spell_end then period_end
            else lead(period_end) over customer_family_boundaries
        end as last_seen_at,
        case
            when is_spell_end then period_number
            else lead(period_number) over customer_family_boundaries
        end as last_period_number,
        case
            when is_spell_end then next_period_end
            else lead(next_period_end) over customer_family_boundaries
        end as valid_to,
        case
            when is_spell_end then is_current
            else lead(is_current) over customer_family_boundaries
        end as is_current
    from spell_boundaries
    window customer_family_boundaries as (
        partition by customer_id, segment_family
        order by period_end
    )

),

spells as (

    select
        customer_id,
        segment_family,
        segment,
        valid_from,
        valid_to,
        last_seen_at,
        last_period_number - first_period_number + 1 as period_count,
        coalesce(valid_to is null and is_current, false) as is_current
    from spell_boundaries_paired
    where is_spell_start

),
{%- if restatement['mode'] == 'from' %}

    first_period as (

        {#- The last period end before restate_from: the first one read #}
        select
            cast('{{ restatement["previous_date"] }}' as date) as period_end

    ),

    periods_before as (

        {#- Period ends before the first one read, numbered #}
        select
            as_of_date as period_end,
            row_number() over (order by as_of_date) as period_number
        from (
            select distinct as_of_date
            from {{ ref('int_customers_labeled_as_of_dates') }}
            where
                as_of_date <= cast('{{ restatement["previous_date"] }}' as date)
        ) as period_ends

    ),

    continued_spells as (

        {#- Stored spells holding the first period read, begun before it #}
        select
            stored.customer_id,
            stored.segment_family,
            stored.valid_from,
            first_period.period_end as continued_at,
            continued_at_number.period_number
            - valid_from_number.period_number as earlier_period_count
        from {{ this }} as stored
        cross join first_period
        inner join periods_before as valid_from_number
            on stored.valid_from = valid_from_number.period_end
        inner join periods_before as continued_at_number
            on first_period.period_end = continued_at_number.period_end
        where
            stored.valid_from < first_period.period_end
            and coalesce(stored.valid_to, cast('9999-12-31' as date))
            > first_period.period_end

    ),

    spells_continued as (

        select
            spells.customer_id,
            spells.segment_family,
            spells.segment,
            coalesce(continued_spells.valid_from, spells.valid_from)
                as valid_from,
            spells.valid_to,
            spells.last_seen_at,
            spells.period_count
            + coalesce(continued_spells.earlier_period_count, 0) as period_count,
            spells.is_current
        from spells
        left join continued_spells
            on
                spells.customer_id = continued_spells.customer_id
                and spells.segment_family = continued_spells.segment_family
                and spells.valid_from = continued_spells.continued_at

    ),
{%- else %}

    spells_continued as (

        select *
        from spells

    ),
{%- endif %}

final as (

    select
        customer_id,
        segment_family,
        segment,
        valid_from,
        valid_to,
        last_seen_at,
        cast(period_count as {{ dbt.type_int() }}) as period_count,
        is_current
    from spells_continued

)

select * from final
