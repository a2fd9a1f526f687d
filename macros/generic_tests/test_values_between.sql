{#- default implementation of the generic test `values_between` (entry point in tests/generic/test_values_between.sql) -#}
{% macro default__test_values_between(model, column_name, min_value, max_value) %}
    select {{ column_name }} as out_of_range_value
    from {{ model }}
    where
        {{ column_name }} is not null
        and (
            1 = 0
            {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
            {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
        )
{% endmacro %}
