{#-
    default implementation of the generic test `not_after_as_of_date` (entry point in
    tests/generic/test_not_after_as_of_date.sql). Without as_of_column the column is compared with the current
    as-of date (int_as_of_date); with it, with the row's own as-of date (models keyed by the as-of spine).
-#}
{% macro default__test_not_after_as_of_date(model, column_name, as_of_column=none) %}
    {%- if as_of_column %}
    select
        {{ column_name }} as leaked_date,
        {{ as_of_column }} as as_of_date
    from {{ model }}
    where {{ column_name }} > {{ as_of_column }}
    {%- else %}
    select
        model_rows.{{ column_name }} as leaked_date,
        current_as_of.as_of_date
    from {{ model }} as model_rows
    cross join {{ ref('int_as_of_date') }} as current_as_of
    where model_rows.{{ column_name }} > current_as_of.as_of_date
    {%- endif %}
{% endmacro %}
