{#- default implementation of the generic test `no_pii` (entry point in tests/generic/test_no_pii.sql) -#}
{% macro default__test_no_pii(model, column_name) %}
    select
        '{{ column_name }}' as column_name,
        count(*) as pii_row_count
    from {{ model }}
    where {{ has_pii(column_name) }}
    having count(*) > 0
{% endmacro %}
