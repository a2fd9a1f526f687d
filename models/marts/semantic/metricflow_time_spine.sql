{#-
    metricflow_time_spine: one row per day from the first as-of date of the
    history to the as-of date, the time spine MetricFlow joins time-based
    metrics to.
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref('int_as_of_date_spine') }}

),

date_range as (

    select
        min(as_of_date) as first_date,
        max(as_of_date) as last_date
    from as_of_dates

),

day_numbers as (

    {{ integer_series(
        '(select ' ~ dbt.datediff('first_date', 'last_date', 'day')
        ~ ' from date_range)'
    ) }}

),

final as (

    select
        cast(
            {{ dbt.dateadd(
                'day', 'day_numbers.period_number', 'date_range.first_date'
            ) }} as date
        ) as date_day
    from date_range
    cross join day_numbers

)

select * from final
