{#-
    Helpers for the privacy tests (tests/singular/privacy): they look at what is actually built in the
    schemas past staging, so a model added later by anyone is covered without touching the tests.

    columns_in_schemas(schemas): the columns (schema, table, column, data type) of every table and view built
    in the given schemas of the target database, read from information_schema at run time; [] at parse time.
    is_string_type(data_type): true for text-like column types.
-#}
{% macro columns_in_schemas(schemas) %}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set query -%}
        select
            table_schema,
            table_name,
            column_name,
            lower(data_type) as data_type
        from information_schema.columns
        where
            lower(table_catalog) = lower('{{ target.database }}')
            and lower(table_schema) in ('{{ schemas | join("', '") }}')
        order by table_schema, table_name, ordinal_position
    {%- endset -%}
    {%- set found = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- do found.append({
            'schema': row[0], 'table': row[1], 'column': row[2], 'data_type': row[3],
        }) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}

{% macro is_string_type(data_type) %}
    {%- set text_types = ['varchar', 'text', 'string', 'character varying', 'char', 'character'] -%}
    {{ return(data_type.split('(')[0] | trim in text_types) }}
{% endmacro %}
