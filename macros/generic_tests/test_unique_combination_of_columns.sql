{#- default implementation of the generic test `unique_combination_of_columns` (entry point in tests/generic/test_unique_combination_of_columns.sql) -#}
{% macro default__test_unique_combination_of_columns(model, combination_of_columns) %}
    {%- set column_list = combination_of_columns | join(', ') %}
    select
        {{ column_list }},
        count(*) as row_count
    from {{ model }}
    group by {{ column_list }}
    having count(*) > 1
{% endmacro %}
