{#-
    median(expression): aggregate, the continuous median of a numeric expression. Dispatched: Spark has no
    ordered-set aggregates.
-#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'segments')(expression)) }}
{%- endmacro %}

{% macro default__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
