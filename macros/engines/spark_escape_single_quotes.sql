{#-
    spark__escape_single_quotes(expression): text made safe inside a Spark SQL string literal. dbt-spark's
    escapes the quote only, but Spark reads backslash escapes in literals, so a backslash of the text (JSON's
    \" in a unit-test fixture, a column description) would be lost; it is doubled first. Reached before
    dbt-spark's through the `dispatch` search order in dbt_project.yml.
-#}
{% macro spark__escape_single_quotes(expression) -%}
    {{ expression | replace('\\', '\\\\') | replace("'", "\\'") }}
{%- endmacro %}
