{#-
    no_pii(model, column_name): fails when any value of the column holds an email address, a phone number or a
    personal URL parameter (what macro scrub_pii would replace). On every id and free-text column of the staging
    models: severity error, so `dbt build` stops before anything downstream of the model is built, and the
    failure names the model and column (the test's name). Returns one row with the count, never the values.
-#}
{% test no_pii(model, column_name) %}
    select
        '{{ column_name }}' as column_name,
        count(*) as pii_row_count
    from {{ model }}
    where {{ has_pii(column_name) }}
    having count(*) > 0
{% endtest %}
