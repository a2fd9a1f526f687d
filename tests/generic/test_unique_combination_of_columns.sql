{#-
    unique_combination_of_columns(model, combination_of_columns): fails with every combination of the given
    columns that occurs more than once (a compound primary key test, in the style of dbt_utils).
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {{ return(adapter.dispatch('test_unique_combination_of_columns', 'segments')(
        model, combination_of_columns)) }}
{% endtest %}
