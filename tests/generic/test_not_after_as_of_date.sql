{#-
    not_after_as_of_date(model, column_name, as_of_column=none): fails with every row whose date column is later
    than the as-of date: the current one (int_current_as_of_date), or with as_of_column the row's own as-of date (models
    keyed by the spine int_as_of_date_spine). Proves nothing dated after the as-of date leaks into a metric. Nulls pass.
-#}
{% test not_after_as_of_date(model, column_name, as_of_column=none) %}
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
    cross join {{ ref('int_current_as_of_date') }} as current_as_of
    where model_rows.{{ column_name }} > current_as_of.as_of_date
    {%- endif %}
{% endtest %}
