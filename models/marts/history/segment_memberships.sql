{#-
    segment_memberships: segment_history in SCD2 shape, one row per customer, segment family and unbroken spell
    in one segment: valid_from is the first period end the customer was seen in the segment, valid_to the first
    period end they were seen in another one (exclusive; null while the spell is current). A customer who
    leaves and comes back has two spells. One ordered pass over the wide labels (one row per customer and date)
    marks, per family, the rows that start a spell and numbers the rows that end one; a second pass over the
    same order gives every row the first spell end at or after it (a running minimum over the following rows),
    so each start knows its end without sorting one row per family. The rows are unpivoted to one row per
    family in one pass (macro unpivot_rows), the starts kept, and each joined to its end row.
    Incremental (strategy restate on valid_to): a run replaces the spells still open at the last period end P
    before int_history_restate_from.restate_from, and every later one. It orders the wide rows from P on only;
    a spell that held P continues the stored one, keeping its valid_from and adding its earlier periods.
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
{#- per family: its name, label, whether the row starts a spell, and the
    number of the row ending the spell the row is in -#}
{%- set family_spells = [] %}
{%- for family in families %}
    {%- do family_spells.append([
        "'" ~ family ~ "'",
        family,
        'is_spell_start_' ~ family,
        'spell_end_number_' ~ family,
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

    {#- Per family: does the row start a spell (the label differs from the
        previous row's), and its number if it ends one (differs from the
        next row's) -#}
    select
        customer_id,
        as_of_date as period_end,
        is_current,
        lead(as_of_date) over customer_periods as next_period_end,
        row_number() over customer_periods as period_number,
        {%- for family in families %}
            {{ family }},
            coalesce(
                lag({{ family }}) over customer_periods <> {{ family }}, true
            ) as is_spell_start_{{ family }},
            case
                when
                    coalesce(
                        lead({{ family }}) over customer_periods
                        <> {{ family }},
                        true
                    )
                    then row_number() over customer_periods
            end as spell_end_row_{{ family }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from labels
    window customer_periods as (
        partition by customer_id
        order by as_of_date
    )

),

labels_spell_ends as (

    {#- The first spell end at or after each row ends the row's spell #}
    select
        customer_id,
        period_end,
        period_number,
        {%- for family in families %}
            {{ family }},
            is_spell_start_{{ family }},
            min(spell_end_row_{{ family }}) over periods_following
                as spell_end_number_{{ family }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from labels_sequenced
    window periods_following as (
        partition by customer_id
        order by period_end
        rows between current row and unbounded following
    )

),

families_unpivoted as (

    {#- one row per customer, date and family, in one pass (macro) #}
    {{ unpivot_rows(
        relation='labels_spell_ends',
        keep_columns=['customer_id', 'period_end', 'period_number'],
        columns=[
            'segment_family',
            'segment',
            'is_spell_start',
            'spell_end_number',
        ],
        rows=family_spells,
    ) }}

),

spell_starts as (

    select
        customer_id,
        segment_family,
        segment,
        period_end,
        period_number,
        spell_end_number
    from families_unpivoted
    where is_spell_start

),

spells as (

    {#- Each spell start with the row ending it #}
    select
        spell_starts.customer_id,
        spell_starts.segment_family,
        spell_starts.segment,
        spell_starts.period_end as valid_from,
        spell_ends.next_period_end as valid_to,
        spell_ends.period_end as last_seen_at,
        spell_ends.period_number - spell_starts.period_number + 1
            as period_count,
        coalesce(
            spell_ends.next_period_end is null and spell_ends.is_current,
            false
        ) as is_current
    from spell_starts
    inner join labels_sequenced as spell_ends
        on
            spell_starts.customer_id = spell_ends.customer_id
            and spell_starts.spell_end_number = spell_ends.period_number

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
