{#-
    int_history_restate_from: one row, the first date whose segment history this run recomputes. Every model
    tagged history_restated deletes and recomputes its as-of dates on or after restate_from (macros in
    macros/history/history_restatement.sql); the rows before it stay, since a label as of A reads facts dated
    up to A only.
      - no recorded build state (first run, or the last complete build did not record one): the earliest
        date, so everything is recomputed;
      - a changed fact without a date (a rule seed, the history grain): the earliest date as well;
      - else the earliest fact date whose fingerprint changed since the last complete build (rows added,
        changed or gone), and never later than the as-of date D, which every run that changed anything
        recomputes;
      - nothing changed: null, and no row is recomputed;
      - var segments__history_restate_max_days = N: never earlier than D - N days. Older changes still reach
        D and the last N days; earlier periods keep the labels they were built with.
    The state is the table int_fact_dates_fingerprinted__built, saved by the on-run-end hook
    record_history_build_state after a run that built every history model without error.
    The earliest date is 1900-01-01. Every model tagged history_restated (the spine-keyed intermediates, the
    label models and the history marts) is incremental with strategy restate, so the result equals a full
    rebuild (the equivalence test in make test). This model is per-run bookkeeping: it differs between an
    incremental and a full build by design and is left out of that comparison.
-#}
{%- set max_days = var('segments__history_restate_max_days') %}
{%- if max_days is not none and (max_days | int) < 0 %}
    {{ exceptions.raise_compiler_error(
        'segments__history_restate_max_days must be null or >= 0, got ' ~ max_days) }}
{%- endif %}
{%- set max_days = none if max_days is none else max_days | int %}
{%- set state = none %}
{%- if execute %}
    {%- set state_relation = history_build_state_relation() %}
    {%- set state = adapter.get_relation(
        database=state_relation.database,
        schema=state_relation.schema,
        identifier=state_relation.identifier,
    ) %}
{%- endif %}
with

fingerprints as (

    select
        fact_source,
        fact_date,
        row_count,
        fingerprint
    from {{ ref('int_fact_dates_fingerprinted') }}

),

current_as_of as (

    select as_of_date
    from {{ ref('int_current_as_of_date') }}

),

spine as (

    select as_of_date
    from {{ ref('int_as_of_date_spine') }}

),

built_fingerprints as (

    {#- The last complete build's fingerprints; none before the first #}
    select
        fact_source,
        fact_date,
        row_count,
        fingerprint
    {%- if state is not none %}
        from {{ state }}
    {%- else %}
        from fingerprints
        where false
    {%- endif %}

),

changes as (

    {#- A date whose facts were added, changed or removed #}
    select
        coalesce(fingerprints.fact_source, built_fingerprints.fact_source)
            as fact_source,
        coalesce(fingerprints.fact_date, built_fingerprints.fact_date)
            as fact_date
    from fingerprints
    full outer join built_fingerprints
        on
            fingerprints.fact_source = built_fingerprints.fact_source
            and fingerprints.fact_date
            is not distinct from built_fingerprints.fact_date
    where
        fingerprints.fact_source is null
        or built_fingerprints.fact_source is null
        or fingerprints.row_count <> built_fingerprints.row_count
        or fingerprints.fingerprint <> built_fingerprints.fingerprint

),

source_changes as (

    {#- Per source, its earliest changed date: why the run restates #}
    select
        fact_source,
        min(fact_date) as first_changed_date
    from changes
    group by fact_source

),

first_change as (

    {#- The source of the earliest change (undated first, then by name) #}
    select min(source_changes.fact_source) as fact_source
    from source_changes
    where
        source_changes.first_changed_date is null
        or source_changes.first_changed_date = (
            select min(changes.fact_date) from changes
        )

),

change_summary as (

    select
        {{ 'true' if state is not none else 'false' }} as has_recorded_build,
        (
            select
                {{ dbt.listagg(
                    dbt.concat([
                        'fact_source', "': '",
                        dbt.safe_cast('first_changed_date', dbt.type_string())
                    ]),
                    "', '",
                    'order by first_changed_date, fact_source',
                ) }}
            from source_changes
        ) as changed_fact_sources,
        count(*) as change_count,
        sum(case when fact_date is null then 1 else 0 end)
            as undated_change_count,
        min(fact_date) as first_changed_date,
        (
            select first_change.fact_source from first_change
        ) as first_changed_fact_source
    from changes

),

restate_dates as (

    select
        case
            when not change_summary.has_recorded_build
                then cast('1900-01-01' as date)
            when change_summary.undated_change_count > 0
                then cast('1900-01-01' as date)
            when change_summary.change_count = 0
                then cast(null as date)
            when change_summary.first_changed_date < current_as_of.as_of_date
                then change_summary.first_changed_date
            else current_as_of.as_of_date
        end as restate_from,
        case
            when not change_summary.has_recorded_build
                then 'no recorded build'
            when change_summary.undated_change_count > 0
                then 'rule seed or history grain changed'
            when change_summary.change_count = 0
                then 'nothing changed'
            else 'facts changed'
        end as restate_reason,
        case
            when change_summary.has_recorded_build
                then change_summary.first_changed_fact_source
        end as first_changed_fact_source,
        case
            when change_summary.has_recorded_build
                then change_summary.changed_fact_sources
        end as changed_fact_sources,
        cast(
            case
                when change_summary.has_recorded_build
                    then change_summary.change_count
                else 0
            end as {{ dbt.type_bigint() }}
        ) as changed_fact_date_count,
        {%- if max_days is none %}
            cast(null as date) as earliest_restate_date
        {%- else %}
            cast(
                {{ dbt.dateadd('day', -1 * max_days, 'current_as_of.as_of_date') }}
                as date
            ) as earliest_restate_date
        {%- endif %}
    from change_summary
    cross join current_as_of

),

restate_dates_capped as (

    {#- var segments__history_restate_max_days caps how far back a run goes #}
    select
        case
            when
                restate_reason = 'facts changed'
                and restate_from < earliest_restate_date
                then earliest_restate_date
            else restate_from
        end as restate_from,
        restate_reason,
        first_changed_fact_source,
        changed_fact_sources,
        changed_fact_date_count
    from restate_dates

),

final as (

    {#- the history marts also restate the period before restate_from,
        to continue its spells and transitions #}
    select
        restate_from,
        (
            select max(spine.as_of_date)
            from spine
            where spine.as_of_date < restate_dates_capped.restate_from
        ) as previous_as_of_date,
        restate_reason,
        first_changed_fact_source,
        changed_fact_sources,
        changed_fact_date_count
    from restate_dates_capped

)

select * from final
