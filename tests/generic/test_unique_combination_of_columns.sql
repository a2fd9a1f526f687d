{#-
    unique_combination_of_columns(model, combination_of_columns): fails with every combination of the given
    columns that occurs more than once (a compound primary key test, in the style of dbt_utils).
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {%- set column_list = combination_of_columns | join(', ') %}
    select
        {{ column_list }},
        count(*) as row_count
    from {{ model }}
    group by {{ column_list }}
    having count(*) > 1
{% endtest %}
