{#-
    iso_weekday(timestamp_expression): ISO day of week of a date or timestamp, 1 = Monday .. 7 = Sunday, as an
    integer. Dispatched: Postgres/DuckDB `extract(isodow ...)`, Spark `extract(dayofweek_iso ...)`.
-#}
{% macro iso_weekday(timestamp_expression) -%}
    {{ return(adapter.dispatch('iso_weekday', 'segments')(timestamp_expression)) }}
{%- endmacro %}

{% macro default__iso_weekday(timestamp_expression) -%}
    cast(extract(isodow from {{ timestamp_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro spark__iso_weekday(timestamp_expression) -%}
    cast(extract(dayofweek_iso from {{ timestamp_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}
