{#-
    not_after_as_of_date(model, column_name): fails with every row whose date column is later than the as-of
    date (int_as_of_date). Proves nothing dated after the as-of date leaks into a metric. Nulls pass.
-#}
{% test not_after_as_of_date(model, column_name) %}
    {{ return(adapter.dispatch('test_not_after_as_of_date', 'segments')(model, column_name)) }}
{% endtest %}
