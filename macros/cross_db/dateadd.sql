{#-
    spark__dateadd: dbt-spark's, with the interval parenthesized. dbt-spark writes `cast(<interval> * 7 as int)`
    for weeks, so an interval such as `period_number + 1` became `period_number + 7` (consecutive days instead
    of week ends in the as-of spine, silently). dbt_project.yml's dispatch puts this project before dbt, so
    every dbt.dateadd on Spark comes here.
-#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    {{ return(dbt.spark__dateadd(datepart, '(' ~ interval ~ ')', from_date_or_timestamp)) }}
{%- endmacro %}
