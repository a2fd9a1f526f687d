{#-
    Contract and seed column types per engine. The YAML spells types once, as DuckDB does (varchar, double,
    integer, decimal(18,2), boolean, date, timestamp); engine_data_type() gives each engine's spelling, and the
    overrides below apply it wherever dbt reads a YAML type:
    - get_empty_schema_sql (the contract check casts null to each declared type): Postgres, Spark;
    - get_table_columns_and_constraints (the DDL of a contracted table): Postgres (varchar is text there);
    - spark__create_csv_table (seed column_types): Spark 4 refuses VARCHAR without a length.
    dbt_project.yml's dispatch (search order segments, dbt) finds these before the adapters'.
-#}
{% macro engine_data_type(data_type) %}
    {{ return(adapter.dispatch('engine_data_type', 'segments')(data_type)) }}
{% endmacro %}

{% macro default__engine_data_type(data_type) %}
    {{ return(data_type) }}
{% endmacro %}

{% macro postgres__engine_data_type(data_type) %}
    {#- text, not varchar: text functions and dbt.type_string() yield text, and an incremental model whose table
        says character varying would see a type change on its second run (on_schema_change) -#}
    {%- set spelled = {'double': 'double precision', 'varchar': 'text', 'ubigint': 'numeric(20, 0)'} -%}
    {{ return(spelled.get(data_type | string | lower | trim, data_type)) }}
{% endmacro %}

{% macro spark__engine_data_type(data_type) %}
    {%- set spelled = {'varchar': 'string', 'text': 'string', 'double precision': 'double',
        'ubigint': 'decimal(20, 0)'} -%}
    {{ return(spelled.get(data_type | string | lower | trim, data_type)) }}
{% endmacro %}

{#- engine_typed_columns(columns): a copy of a model's columns (name -> column dict) with each data_type in the
    engine's spelling. -#}
{% macro engine_typed_columns(columns) %}
    {%- set typed = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set copied = {} -%}
        {%- do copied.update(column) -%}
        {%- if column.get('data_type') -%}
            {%- do copied.update({'data_type': engine_data_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do typed.update({name: copied}) -%}
    {%- endfor -%}
    {{ return(typed) }}
{% endmacro %}

{% macro postgres__get_empty_schema_sql(columns) %}
    {{ return(dbt.default__get_empty_schema_sql(engine_typed_columns(columns))) }}
{% endmacro %}

{% macro spark__get_empty_schema_sql(columns) %}
    {{ return(dbt.default__get_empty_schema_sql(engine_typed_columns(columns))) }}
{% endmacro %}

{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(
        raw_columns=engine_typed_columns(model['columns'])) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {% for constraint in raw_column_constraints -%}
        {{ constraint }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for constraint in raw_model_constraints -%}
        {{ constraint }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}

{#- dbt-spark's, with the seed's column_types in Spark's spelling -#}
{% macro spark__create_csv_table(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {% set sql %}
        create table {{ this.render() }} (
            {%- for col_name in agate_table.column_names -%}
                {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                {%- set type = engine_data_type(column_override.get(col_name, inferred_type)) -%}
                {%- set column_name = (col_name | string) -%}
                {{ adapter.quote_seed_column(column_name, quote_seed_column) }} {{ type }}
                {%- if not loop.last -%}, {%- endif -%}
            {%- endfor -%}
        )
        {{ file_format_clause() }}
        {{ partition_cols(label="partitioned by") }}
        {{ clustered_cols(label="clustered by") }}
        {{ location_clause() }}
        {{ comment_clause() }}
    {% endset %}
    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}
    {{ return(sql) }}
{% endmacro %}

{#- dbt-spark's, with the seed's column_types in Spark's spelling -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {% set batch_size = get_batch_size() %}
    {% set column_override = model['config'].get('column_types', {}) %}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(batch_size) %}
        {% set bindings = [] %}
        {% for row in chunk %}
            {% do bindings.extend(row) %}
        {% endfor %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    {%- set type = engine_data_type(column_override.get(col_name, inferred_type)) -%}
                    cast({{ get_binding_char() }} as {{ type }})
                    {%- if not loop.last %},{%- endif %}
                {%- endfor -%})
                {%- if not loop.last %},{%- endif %}
            {%- endfor %}
        {% endset %}
        {% do adapter.add_query(sql, bindings=bindings, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}
            {% do statements.append(sql) %}
        {% endif %}
    {% endfor %}
    {{ return(statements[0]) }}
{% endmacro %}
