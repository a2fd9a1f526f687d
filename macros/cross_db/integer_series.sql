{#-
    integer_series(upper_bound): a select of one column `period_number` holding 0 .. upper_bound (inclusive);
    upper_bound is a SQL expression (a scalar subquery is fine). Dispatched: DuckDB and Postgres use
    generate_series, Spark explodes sequence().
-#}
{% macro integer_series(upper_bound) -%}
    {{ return(adapter.dispatch('integer_series')(upper_bound)) }}
{%- endmacro %}

{% macro postgres__integer_series(upper_bound) -%}
    select cast(series.period_number as {{ dbt.type_int() }}) as period_number
    {# the bound cast: dbt-postgres's datediff of months is a double precision #}
    from generate_series(0, cast({{ upper_bound }} as {{ dbt.type_int() }})) as series (period_number)
{%- endmacro %}

{% macro duckdb__integer_series(upper_bound) -%}
    {{ postgres__integer_series(upper_bound) }}
{%- endmacro %}

{% macro spark__integer_series(upper_bound) -%}
    select explode(sequence(0, {{ upper_bound }})) as period_number
{%- endmacro %}
