{#-
    Helpers for the privacy tests (tests/singular/privacy): they look at what is actually built in the
    schemas past staging, so a model added later by anyone is covered without touching the tests.

    columns_in_schemas(schemas): the columns (schema, table, column, data type) of every table and view built
    in the given schemas of the target database, read at run time; [] at parse time. Dispatched:
    information_schema (DuckDB, Postgres); Spark has none, so its catalog is listed table by table.
    is_string_type(data_type): true for text-like column types.
-#}
{% macro columns_in_schemas(schemas) %}
    {{ return(adapter.dispatch('columns_in_schemas', 'segments')(schemas)) }}
{% endmacro %}

{% macro default__columns_in_schemas(schemas) %}
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

{% macro spark__columns_in_schemas(schemas) %}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set existing = [] -%}
    {%- for row in run_query('show databases').rows -%}
        {%- do existing.append(row[0] | lower) -%}
    {%- endfor -%}
    {%- set found = [] -%}
    {%- for schema in schemas | sort if schema | lower in existing -%}
        {%- set tables = [] -%}
        {%- for row in run_query('show tables in ' ~ schema).rows if not row[2] -%}
            {%- do tables.append(row[1]) -%}
        {%- endfor -%}
        {%- for table in tables | sort -%}
            {%- set relation = api.Relation.create(schema=schema, identifier=table) -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do found.append({
                    'schema': schema, 'table': table, 'column': column.name, 'data_type': column.dtype | lower,
                }) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}

{% macro is_string_type(data_type) %}
    {%- set text_types = ['varchar', 'text', 'string', 'character varying', 'char', 'character'] -%}
    {{ return(data_type.split('(')[0] | trim in text_types) }}
{% endmacro %}
