{#-
    type_double(): the name of an 8-byte floating point type (dbt.type_float() is a 4-byte real on DuckDB,
    too coarse for shares compared against thresholds). Dispatched: Spark spells it `double`.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'segments')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
