{#-
    not_null_columns(model, column_names): the model's never-null columns in one test: one node and one scan
    of the model instead of one per column (every node is a query and its overhead, on every engine). Fails
    with one row per set of columns found null together and its null_rows; the failure count dbt reports is
    the number of rows holding a null.
-#}
{% test not_null_columns(model, column_names) %}
    {{ config(fail_calc='coalesce(sum(null_rows), 0)') }}
    {%- set cases = [] -%}
    {%- for column_name in column_names -%}
        {%- do cases.append("case when " ~ column_name ~ " is null then '" ~ column_name ~ "' end") -%}
    {%- endfor %}
    select
        null_columns,
        count(*) as null_rows
    from (
        select {{ names_of_matching_columns(cases) }} as null_columns
        from {{ model }}
        where
            1 = 0
            {%- for column_name in column_names %} or {{ column_name }} is null{% endfor %}
    ) as rows_with_nulls
    group by null_columns
{% endtest %}
