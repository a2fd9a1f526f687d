{#-
    not_after_as_of_date(model, column_name, as_of_column=none): fails with every row whose date column is later
    than the as-of date: the current one (int_as_of_date), or with as_of_column the row's own as-of date (models
    keyed by the spine int_as_of_dates). Proves nothing dated after the as-of date leaks into a metric. Nulls pass.
-#}
{% test not_after_as_of_date(model, column_name, as_of_column=none) %}
    {{ return(adapter.dispatch('test_not_after_as_of_date', 'segments')(model, column_name, as_of_column)) }}
{% endtest %}
