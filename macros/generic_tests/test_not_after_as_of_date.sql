{#- default implementation of the generic test `not_after_as_of_date` (entry point in tests/generic/test_not_after_as_of_date.sql) -#}
{% macro default__test_not_after_as_of_date(model, column_name) %}
    select
        {{ column_name }} as leaked_date,
        as_of_dates.as_of_date
    from {{ model }}
    cross join {{ ref('int_as_of_date') }} as as_of_dates
    where {{ column_name }} > as_of_dates.as_of_date
{% endmacro %}
