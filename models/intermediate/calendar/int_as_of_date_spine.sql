{#-
    int_as_of_date_spine: the as-of spine, one row per date segments are computed as of:
      - every period end (var segments__history_grain: 'week' = the Sunday closing an ISO week, 'month' = the
        last day of a month) from the period holding the first activity up to the as-of date D;
      - D itself (int_current_as_of_date), is_current = true; it is also a period end when it closes a period.
    'none' keeps only D: no history, the cheapest build. Every as-of-dependent intermediate joins this spine
    and is keyed by (as_of_date, customer); the seg_* marts keep the is_current rows and segment_history all.
-#}
{%- set history_grain = var('segments__history_grain') -%}
{%- if history_grain not in ['week', 'month', 'none'] -%}
    {{ exceptions.raise_compiler_error(
        "segments__history_grain must be 'week', 'month' or 'none', got '"
        ~ history_grain ~ "'") }}
{%- endif %}
{#- 'none' still builds the spine query (weekly) but keeps no past period end #}
{%- set period = 'week' if history_grain == 'none' else history_grain %}
{%- set keeps_history = 'false' if history_grain == 'none' else 'true' %}
with

current_as_of as (

    select as_of_date
    from {{ ref('int_current_as_of_date') }}

),

person_days as (

    select event_local_date
    from {{ ref('int_events_aggregated_to_person_days') }}

),

orders as (

    select ordered_local_date
    from {{ ref('int_orders_completed') }}

),

first_activity as (

    {#- least() skips nulls: a shop without tracking or without orders -#}
    select
        least(
            (select min(event_local_date) from person_days),
            (select min(ordered_local_date) from orders)
        ) as first_activity_date

),

bounds as (

    select
        cast(
            {{ dbt.date_trunc(period, 'first_activity.first_activity_date') }}
            as date
        ) as first_period_start,
        current_as_of.as_of_date,
        {{ dbt.datediff(
            dbt.date_trunc(period, 'first_activity.first_activity_date'),
            'current_as_of.as_of_date',
            period,
        ) }} as period_count
    from first_activity
    cross join current_as_of
    where first_activity.first_activity_date <= current_as_of.as_of_date

),

period_numbers as (

    {{ integer_series('(select max(period_count) from bounds)') }}

),

period_ends as (

    select
        cast(
            {{ dbt.dateadd(
                'day',
                -1,
                dbt.dateadd(
                    period,
                    'period_numbers.period_number + 1',
                    'bounds.first_period_start',
                ),
            ) }} as date
        ) as as_of_date
    from bounds
    cross join period_numbers

),

past_period_ends as (

    select period_ends.as_of_date
    from period_ends
    cross join current_as_of
    where
        {{ keeps_history }}
        and period_ends.as_of_date < current_as_of.as_of_date

),

final as (

    select
        as_of_date,
        true as is_current
    from current_as_of

    union all

    select
        as_of_date,
        false as is_current
    from past_period_ends

)

select * from final
