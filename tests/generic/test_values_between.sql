{#-
    values_between(model, column_name, min_value, max_value): fails with every non-null value outside
    [min_value, max_value] (either bound may be none). Used for counts, shares and scores.
-#}
{% test values_between(model, column_name, min_value=none, max_value=none) %}
    {{ return(adapter.dispatch('test_values_between', 'segments')(model, column_name, min_value, max_value)) }}
{% endtest %}
