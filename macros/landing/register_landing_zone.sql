{#-
    register_landing_zone(): run by on-run-start.

    Every source flagged `meta: {landing_zone: true}` is read from
    <segments__raw_root>/<table>/*.parquet. On DuckDB this registers one view per raw table in the source's
    schema (`raw`), projecting exactly the contract columns declared in the source YAML:
      - files present: the view reads them all with union_by_name (a file whose column types differ from the
        contract is unified, staging casts and quarantines); a contract column missing from every file is
        added as a typed null; `source_file_name` names the Parquet file each row came from and
        `source_row_number` its row in that file (together, the raw row's identity);
      - folder missing or empty: the view is empty but typed, so every model still builds, and the run log
        says which sources were absent.
    A status table `raw.landing_zone_status` records what was found (table, path, file count, present).
    On engines where raw tables are loaded by an EL tool (Postgres, Spark) the default does nothing.
-#}
{% macro register_landing_zone() %}
    {{ return(adapter.dispatch('register_landing_zone', 'segments')()) }}
{% endmacro %}

{% macro default__register_landing_zone() %}
    {{ return('') }}
{% endmacro %}

{% macro landing_zone_sources() %}
    {%- set found = [] -%}
    {%- for node in graph.sources.values() -%}
        {%- set meta = node.config.get('meta', {}) or node.meta -%}
        {%- if meta.get('landing_zone') or node.meta.get('landing_zone') -%}
            {%- do found.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found | sort(attribute='identifier')) }}
{% endmacro %}

{% macro duckdb__register_landing_zone() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set root = var('segments__raw_root') | string -%}
    {%- set status_rows = [] -%}
    {%- set absent = [] -%}
    {%- for source_node in landing_zone_sources() -%}
        {%- set relation = source_node.schema ~ '.' ~ source_node.identifier -%}
        {%- set file_glob = root ~ '/' ~ source_node.identifier ~ '/*.parquet' -%}
        {%- set glob_sql = "select count(*) from glob('" ~ file_glob ~ "')" -%}
        {%- set file_count = run_query(glob_sql).columns[0].values()[0] -%}
        {%- do run_query('create schema if not exists ' ~ source_node.schema) -%}
        {%- set projections = [] -%}
        {%- if file_count > 0 -%}
            {%- set reader -%}
                read_parquet(
                    '{{ file_glob }}', union_by_name = true, filename = true, file_row_number = true
                )
            {%- endset -%}
            {%- set described = run_query('describe select * from ' ~ reader) -%}
            {%- set present = described.columns[0].values() | map('lower') | list -%}
            {%- for column in source_node.columns.values() -%}
                {%- if column.name | lower in present -%}
                    {%- do projections.append('"' ~ column.name ~ '"') -%}
                {%- else -%}
                    {%- do projections.append('cast(null as ' ~ column.data_type ~ ') as "' ~ column.name ~ '"') -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do projections.append('filename as source_file_name') -%}
            {%- do projections.append('file_row_number as source_row_number') -%}
            {%- set view_sql = 'create or replace view ' ~ relation ~ ' as select ' ~ projections | join(', ')
                ~ ' from ' ~ reader -%}
        {%- else -%}
            {%- for column in source_node.columns.values() -%}
                {%- do projections.append('cast(null as ' ~ column.data_type ~ ') as "' ~ column.name ~ '"') -%}
            {%- endfor -%}
            {%- do projections.append('cast(null as varchar) as source_file_name') -%}
            {%- do projections.append('cast(null as bigint) as source_row_number') -%}
            {%- set view_sql = 'create or replace view ' ~ relation ~ ' as select ' ~ projections | join(', ')
                ~ ' where 1 = 0' -%}
            {%- do absent.append(source_node.identifier) -%}
        {%- endif -%}
        {%- do run_query(view_sql) -%}
        {%- do status_rows.append("('" ~ source_node.identifier ~ "', '" ~ file_glob ~ "', " ~ file_count ~ ", "
            ~ (file_count > 0) ~ ")") -%}
        {{ log('landing zone: ' ~ relation ~ ' <- ' ~ file_glob ~ ' (' ~ file_count ~ ' files)', info=false) }}
    {%- endfor -%}
    {%- if status_rows -%}
        {%- do run_query('create or replace table raw.landing_zone_status as select * from (values '
            ~ status_rows | join(', ')
            ~ ') as status (table_name, file_glob, file_count, is_present)') -%}
    {%- endif -%}
    {%- if absent -%}
        {{ log('Landing zone at ' ~ root ~ ': absent sources (empty, typed views, segments needing them come out '
            ~ 'as unknown): ' ~ absent | join(', '), info=true) }}
    {%- else -%}
        {{ log('Landing zone at ' ~ root ~ ': all ' ~ status_rows | length ~ ' sources present', info=true) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
