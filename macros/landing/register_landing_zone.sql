{#-
    register_landing_zone(): run by on-run-start.

    Every source flagged `meta: {landing_zone: true}` is read from the folder
    <segments__raw_root>/<table>/, sub-folders included (hive partition
    folders such as `dt=2026-05/` are read as plain folders: their values are
    not added as columns). On DuckDB this:
      1. lists every file and writes the inventory `raw.landing_files`: one
         row per file with its path relative to the root, the rows and size
         from disk, and a status: `loaded`, `quarantined` (schema drift),
         `skipped` (not data: hidden and macOS `._` files, `_SUCCESS` and other
         `_` markers, files not named .parquet, Parquet files with no columns)
         or `deleted` (listed by an earlier run, gone now); compared with the
         previous run's inventory, so a changed or deleted file is reported;
      2. reads each data file's schema (one parquet_schema query), groups the
         files by schema and maps every contract column of the source YAML to
         a file column per group (macro landing_column_mapping): same name,
         other case, normalized name (userId = user_id) or an alias declared in
         the column's meta. A column missing from a file (unless declared
         `optional` in its meta, then a typed null) or of a type that cannot be
         read exactly (a decimal in a text id, an epoch number in a timestamp)
         is schema drift: the file is still read, and its rows carry the
         finding in `source_schema_issue`, which every base model quarantines
         first (`schema_drift`);
      3. registers one view per raw table in the source's schema (`raw`): the
         groups' projections unioned by name, with `source_file_name` (the
         file's path relative to the landing root, so moving the root re-reads
         nothing), `source_row_number` (its row in the file) and
         `source_schema_issue`. A folder missing or without data files gives an
         empty typed view, so every model still builds;
      4. writes `raw.landing_zone_status` (one row per source) and says in the
         run log what was absent, skipped, quarantined, changed or deleted,
         and what to do.
    A file that is not readable Parquet (truncated, zero bytes, not Parquet)
    fails the run with DuckDB's error naming it.
    On engines where raw tables are loaded by an EL tool (Postgres, Spark) the
    default does nothing; those tables carry the contract columns and
    source_file_name, source_row_number and source_schema_issue.
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

{#- landing_sql_text(text): a SQL string literal of `text` (quotes doubled,
    so a landing-zone path with an apostrophe stays one literal). -#}
{% macro landing_sql_text(text) -%}
    '{{ text | string | replace("'", "''") }}'
{%- endmacro %}

{#- landing_sql_list(texts): a SQL list literal of strings. -#}
{% macro landing_sql_list(texts) -%}
    [{%- for text in texts -%}
        {{ landing_sql_text(text) }}{{ ', ' if not loop.last }}
    {%- endfor -%}]
{%- endmacro %}

{#- landing_root(): var segments__raw_root without trailing slashes. -#}
{% macro landing_root() %}
    {%- set root = var('segments__raw_root') | string -%}
    {%- set trimmed = root.rstrip('/') -%}
    {{ return(trimmed if trimmed else root) }}
{% endmacro %}

{#- landing_path_prefix(root): the prefix of the file names DuckDB lists under
    `root`: the root as its glob writes it (`.` and empty parts dropped, `..`
    resolved where it can be), then a slash; empty for the working directory.
    source_file_name is the rest of the name. -#}
{% macro landing_path_prefix(root) %}
    {%- set parts = [] -%}
    {%- for part in root.split('/') -%}
        {%- if part == '..' and parts and parts[-1] != '..' -%}
            {%- do parts.pop() -%}
        {%- elif part not in ['', '.'] -%}
            {%- do parts.append(part) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set normalized = ('/' if root.startswith('/') else '') ~ parts | join('/') -%}
    {{ return(normalized if normalized.endswith('/') or not normalized else normalized ~ '/') }}
{% endmacro %}

{#- landing_relation_exists(schema, table, column=none): whether a table
    (with that column) exists in the target database. -#}
{% macro landing_relation_exists(schema, table, column=none) %}
    {%- set query -%}
        select count(*)
        from information_schema.columns
        where
            table_catalog = current_database()
            and table_schema = {{ landing_sql_text(schema) }}
            and table_name = {{ landing_sql_text(table) }}
            {%- if column %}
            and column_name = {{ landing_sql_text(column) }}
            {%- endif %}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0] > 0) }}
{% endmacro %}

{#- landing_type_class(data_type): the family of a column type (text,
    integer, decimal, float, boolean, date, timestamp, uuid, null, other). -#}
{% macro landing_type_class(data_type) %}
    {%- set type_name = data_type | string | upper | trim -%}
    {%- if type_name in ['VARCHAR', 'TEXT', 'STRING', 'JSON'] or type_name.startswith('VARCHAR(') -%}
        {{ return('text') }}
    {%- elif type_name in ['TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'HUGEINT', 'UTINYINT',
        'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT'] -%}
        {{ return('integer') }}
    {%- elif type_name.startswith('DECIMAL') or type_name.startswith('NUMERIC') -%}
        {{ return('decimal') }}
    {%- elif type_name in ['FLOAT', 'DOUBLE', 'REAL'] -%}
        {{ return('float') }}
    {%- elif type_name == 'BOOLEAN' -%}
        {{ return('boolean') }}
    {%- elif type_name == 'DATE' -%}
        {{ return('date') }}
    {%- elif type_name.startswith('TIMESTAMP') -%}
        {{ return('timestamp') }}
    {%- elif type_name == 'UUID' -%}
        {{ return('uuid') }}
    {%- elif type_name in ['NULL', '"NULL"'] -%}
        {{ return('null') }}
    {%- else -%}
        {{ return('other') }}
    {%- endif -%}
{% endmacro %}

{#- landing_decimal_scale(data_type): the scale of a DECIMAL(p, s) type. -#}
{% macro landing_decimal_scale(data_type) %}
    {%- set found = modules.re.search('\\(\\s*\\d+\\s*,\\s*(\\d+)\\s*\\)', data_type | string) -%}
    {{ return(found.group(1) | int if found else 0) }}
{% endmacro %}

{#-
    landing_type_fit(contract_type, file_type): how a file column of
    `file_type` is read as a contract column of `contract_type`: `as_is`
    (staging parses it, as it parses text), `text` (cast to text, exact: an
    integer or integral decimal id), `null` (a column of the Parquet null
    type: a typed null) or, when no exact reading exists, the problem in
    words (schema drift).
-#}
{% macro landing_type_fit(contract_type, file_type) %}
    {%- set wanted = landing_type_class(contract_type) -%}
    {%- set found = landing_type_class(file_type) -%}
    {%- set shown = file_type | string | upper -%}
    {%- if found == 'null' -%}
        {{ return('null') }}
    {%- elif found == 'text' or found == wanted -%}
        {{ return('as_is') }}
    {%- elif wanted == 'text' -%}
        {%- if found in ['integer', 'uuid']
            or (found == 'decimal' and landing_decimal_scale(file_type) == 0) -%}
            {{ return('text') }}
        {%- elif found in ['float', 'decimal'] -%}
            {{ return(shown ~ ' where text is expected: a number with decimals (2.0) is not the text id (2)') }}
        {%- endif -%}
    {%- elif wanted == 'timestamp' -%}
        {%- if found == 'date' -%}
            {{ return('as_is') }}
        {%- elif found in ['integer', 'decimal', 'float'] -%}
            {{ return(shown ~ ' where a timestamp is expected: an epoch number is ambiguous (seconds or '
                ~ 'milliseconds, which time zone)') }}
        {%- endif -%}
    {%- elif wanted in ['decimal', 'integer', 'float'] -%}
        {%- if found in ['integer', 'decimal', 'float'] -%}
            {{ return('as_is') }}
        {%- endif -%}
    {%- elif wanted == 'boolean' and found == 'integer' -%}
        {#- 0 / 1 flags parse as booleans; any other number is unparseable_value -#}
        {{ return('as_is') }}
    {%- endif -%}
    {{ return(shown ~ ' where ' ~ contract_type ~ ' is expected') }}
{% endmacro %}

{#- landing_normalized_name(name): lower case, non-alphanumerics removed, so
    userId, user_id and USER-ID compare equal. -#}
{% macro landing_normalized_name(name) %}
    {{ return(modules.re.sub('[^a-z0-9]', '', name | string | lower)) }}
{% endmacro %}

{#- landing_quoted(name): a quoted SQL identifier. -#}
{% macro landing_quoted(name) -%}
    "{{ name | string | replace('"', '""') }}"
{%- endmacro %}

{#-
    landing_column_mapping(column, file_columns): how one group of files
    provides the contract column `column` (a source YAML column: name,
    data_type, meta `optional` and `aliases`) from `file_columns` (a list of
    [name, type]). Returns {sql, issue, note}: `sql` the projection, `issue`
    the schema drift found (none when it reads exactly), `note` a renaming or
    a typed null worth reporting. The first match wins, in this order: the
    same name, the same name in another case, the same normalized name, an
    alias; two file columns matching at the same level are drift.
-#}
{% macro landing_column_mapping(column, file_columns) %}
    {%- set meta = (column.get('config') or {}).get('meta') or column.get('meta') or {} -%}
    {%- set contract_name = column.name -%}
    {%- set contract_type = column.data_type -%}
    {%- set target = landing_quoted(contract_name) -%}
    {%- set typed_null = 'cast(null as ' ~ contract_type ~ ') as ' ~ target -%}
    {%- set aliases = [] -%}
    {%- for alias in meta.get('aliases') or [] -%}
        {%- do aliases.append(landing_normalized_name(alias)) -%}
    {%- endfor -%}
    {%- set levels = [[], [], [], []] -%}
    {%- for file_column in file_columns -%}
        {%- set name = file_column[0] -%}
        {%- if name == contract_name -%}
            {%- do levels[0].append(file_column) -%}
        {%- elif name | lower == contract_name | lower -%}
            {%- do levels[1].append(file_column) -%}
        {%- elif landing_normalized_name(name) == landing_normalized_name(contract_name) -%}
            {%- do levels[2].append(file_column) -%}
        {%- elif landing_normalized_name(name) in aliases -%}
            {%- do levels[3].append(file_column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set matches = (levels | select | list or [[]])[0] -%}
    {%- if matches | length == 0 -%}
        {%- if meta.get('optional') -%}
            {{ return({'sql': typed_null, 'issue': none,
                'note': contract_name ~ ' absent (optional: null)'}) }}
        {%- endif -%}
        {{ return({'sql': typed_null, 'issue': contract_name ~ ' is missing', 'note': none}) }}
    {%- elif matches | length > 1 -%}
        {{ return({'sql': typed_null, 'note': none,
            'issue': contract_name ~ ' is ambiguous: columns '
                ~ matches | map('first') | join(', ') ~ ' all match it'}) }}
    {%- endif -%}
    {%- set file_name = matches[0][0] -%}
    {%- set source = landing_quoted(file_name) -%}
    {%- set renamed = file_name ~ ' read as ' ~ contract_name if file_name != contract_name else none -%}
    {%- set fit = landing_type_fit(contract_type, matches[0][1]) -%}
    {%- if fit == 'as_is' -%}
        {{ return({'sql': source ~ ' as ' ~ target, 'issue': none, 'note': renamed}) }}
    {%- elif fit == 'text' -%}
        {{ return({'sql': 'cast(' ~ source ~ ' as varchar) as ' ~ target, 'issue': none,
            'note': renamed or (file_name ~ ' ' ~ matches[0][1] ~ ' read as text')}) }}
    {%- elif fit == 'null' -%}
        {{ return({'sql': typed_null, 'issue': none, 'note': file_name ~ ' has no type (all null)'}) }}
    {%- endif -%}
    {#- drift: the raw value as text, for the audit record -#}
    {{ return({'sql': 'try_cast(' ~ source ~ ' as varchar) as ' ~ target,
        'issue': (file_name ~ ' (as ' ~ contract_name ~ ')' if renamed else contract_name) ~ ' is ' ~ fit,
        'note': none}) }}
{% endmacro %}

{#- landing_list_files(root, sources): writes raw.landing_files_found, every
    file under each source's folder with the reason it is not data (null for
    a candidate data file). -#}
{% macro landing_list_files(root, prefix, sources) %}
    {%- do run_query('create or replace table raw.landing_files_found (table_name varchar, file_name varchar, '
        ~ 'file_path varchar, size_bytes bigint, last_modified timestamp, skip_reason varchar)') -%}
    {%- for source_node in sources -%}
        {%- set folder = root ~ '/' ~ source_node.identifier -%}
        {%- set pattern = landing_sql_text(folder ~ '/**') -%}
        {%- if run_query('select count(*) from glob(' ~ pattern ~ ')').columns[0].values()[0] > 0 -%}
            {%- set insert_files -%}
                insert into raw.landing_files_found
                with listed as (
                    select
                        filename as file_name,
                        substr(filename, {{ prefix | length + 1 }}) as file_path,
                        substr(
                            filename, {{ prefix | length + source_node.identifier | length + 2 }}
                        ) as path_in_table,
                        size as size_bytes,
                        timezone('UTC', last_modified) as last_modified
                    from read_blob({{ pattern }})
                )
                select
                    {{ landing_sql_text(source_node.identifier) }},
                    file_name,
                    file_path,
                    size_bytes,
                    last_modified,
                    case
                        when regexp_matches(path_in_table, '(^|/)\._')
                            then 'macOS resource-fork file (._*): not data'
                        when regexp_matches(path_in_table, '(^|/)\.')
                            then 'hidden file or folder: not data'
                        when regexp_matches(path_in_table, '(^|/)_')
                            then 'marker or metadata file (_SUCCESS, _*): not data'
                        when not ends_with(path_in_table, '.parquet')
                            then 'not a .parquet file: not data'
                    end
                from listed
            {%- endset -%}
            {%- do run_query(insert_files) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set strays = run_query('select file_name from raw.landing_files_found where not starts_with(file_name, '
        ~ landing_sql_text(prefix) ~ ') limit 1').columns[0].values() -%}
    {%- if strays -%}
        {{ exceptions.raise_compiler_error('Landing zone: ' ~ strays[0] ~ ' is listed outside the root '
            ~ root ~ ' as written; set SEGMENTS_RAW_ROOT (var segments__raw_root) to a plain absolute path.') }}
    {%- endif -%}
    {#- DuckDB cannot open a Parquet file with no columns at all, so small
        candidates are probed first: a footer whose schema list holds only the
        root element (thrift bytes 15 xx 19 1C) has no columns. -#}
    {%- set small_files = run_query('select file_name from raw.landing_files_found where skip_reason is null '
        ~ 'and size_bytes between 12 and ' ~ var('segments__landing_zero_column_probe_bytes') | int
        ~ ' order by file_name').columns[0].values() -%}
    {%- if small_files | length > 0 -%}
        {%- set probe -%}
            update raw.landing_files_found
            set skip_reason = 'Parquet file with no columns: not data'
            where file_name in (
                with blobs as (
                    select
                        filename as file_name,
                        hex(content) as content_hex,
                        octet_length(content) as byte_count
                    from read_blob({{ landing_sql_list(small_files) }})
                ),
                footers as (
                    select
                        file_name,
                        content_hex,
                        byte_count - 8 - (
                            {%- for position in range(4) %}
                            {{ 256 ** position }} * cast('0x' || substr(
                                content_hex, 2 * (byte_count - {{ 8 - position }}) + 1, 2
                            ) as integer){{ ' +' if not loop.last }}
                            {%- endfor %}
                        ) as footer_start
                    from blobs
                    where substr(content_hex, 2 * byte_count - 7) = '50415231'
                )
                select file_name
                from footers
                where
                    footer_start >= 4
                    and regexp_matches(substr(content_hex, 2 * footer_start + 1, 8), '^15..191C$')
            )
        {%- endset -%}
        {%- do run_query(probe) -%}
    {%- endif -%}
{% endmacro %}

{#- landing_read_schemas(): writes raw.landing_file_schemas, one row per data
    file with its row count (footer) and schema group (files with the same
    schema, numbered per table). -#}
{% macro landing_read_schemas() %}
    {%- set data_files = run_query('select file_name from raw.landing_files_found where skip_reason is null '
        ~ 'order by file_name').columns[0].values() -%}
    {%- if not data_files -%}
        {%- do run_query('create or replace table raw.landing_file_schemas (table_name varchar, '
            ~ 'file_name varchar, row_count bigint, schema_group bigint)') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set files_sql = landing_sql_list(data_files) -%}
    {%- set read_schemas -%}
        create or replace table raw.landing_file_schemas as
        with signatures as (
            select
                file_name,
                string_agg(
                    name || ' ' || coalesce(duckdb_type, '') || ' '
                    || coalesce(cast(num_children as varchar), ''),
                    ', ' order by column_id
                ) as schema_signature
            from parquet_schema({{ files_sql }})
            group by file_name
        ),
        row_counts as (
            select
                file_name,
                num_rows as row_count
            from parquet_file_metadata({{ files_sql }})
        )
        select
            found.table_name,
            found.file_name,
            row_counts.row_count,
            dense_rank() over (
                partition by found.table_name order by signatures.schema_signature
            ) as schema_group
        from raw.landing_files_found as found
        inner join signatures on found.file_name = signatures.file_name
        inner join row_counts on found.file_name = row_counts.file_name
    {%- endset -%}
    {%- do run_query(read_schemas) -%}
{% endmacro %}

{#- landing_group_select(source_node, files, prefix): the select of one
    schema group of a raw table, and its schema issue and notes. -#}
{% macro landing_group_select(source_node, files, prefix) %}
    {%- set described = run_query('describe select * from read_parquet(' ~ landing_sql_text(files[0])
        ~ ', hive_partitioning = false)') -%}
    {%- set file_columns = [] -%}
    {%- for row in described.rows -%}
        {%- do file_columns.append([row[0], row[1]]) -%}
    {%- endfor -%}
    {%- set projections = [] -%}
    {%- set issues = [] -%}
    {%- set notes = [] -%}
    {%- for column in source_node.columns.values() -%}
        {%- set mapping = landing_column_mapping(column, file_columns) -%}
        {%- do projections.append(mapping.sql) -%}
        {%- if mapping.issue -%}{%- do issues.append(mapping.issue) -%}{%- endif -%}
        {%- if mapping.note -%}{%- do notes.append(mapping.note) -%}{%- endif -%}
    {%- endfor -%}
    {%- set file_path = 'substr(filename, ' ~ (prefix | length + 1) ~ ')' -%}
    {%- do projections.append(file_path ~ ' as source_file_name') -%}
    {%- do projections.append('file_row_number as source_row_number') -%}
    {%- if issues -%}
        {%- do projections.append(file_path ~ " || ': ' || " ~ landing_sql_text(issues | join('; '))
            ~ ' as source_schema_issue') -%}
    {%- else -%}
        {%- do projections.append('cast(null as varchar) as source_schema_issue') -%}
    {%- endif -%}
    {%- set select_sql = 'select ' ~ projections | join(', ') ~ ' from read_parquet(' ~ landing_sql_list(files)
        ~ ', hive_partitioning = false, filename = true, file_row_number = true)' -%}
    {{ return({'sql': select_sql, 'issue': issues | join('; ') or none, 'notes': notes | join('; ') or none}) }}
{% endmacro %}

{#- landing_empty_select(source_node): the select of an empty typed view. -#}
{% macro landing_empty_select(source_node) %}
    {%- set projections = [] -%}
    {%- for column in source_node.columns.values() -%}
        {%- do projections.append('cast(null as ' ~ column.data_type ~ ') as ' ~ landing_quoted(column.name)) -%}
    {%- endfor -%}
    {%- do projections.append('cast(null as varchar) as source_file_name') -%}
    {%- do projections.append('cast(null as bigint) as source_row_number') -%}
    {%- do projections.append('cast(null as varchar) as source_schema_issue') -%}
    {{ return('select ' ~ projections | join(', ') ~ ' where 1 = 0') }}
{% endmacro %}

{#- landing_log_files(title, rows, advice): one run-log line naming up to ten
    files of `rows` (file_path, detail). -#}
{% macro landing_log_files(title, rows, advice, warn=false) %}
    {%- if rows | length == 0 -%}{{ return('') }}{%- endif -%}
    {%- set listed = [] -%}
    {%- for row in rows[:10] -%}
        {%- do listed.append(row[0] ~ (' (' ~ row[1] ~ ')' if row[1] else '')) -%}
    {%- endfor -%}
    {%- set message = 'Landing zone: ' ~ title ~ ': ' ~ listed | join('; ')
        ~ ('; and ' ~ (rows | length - 10) ~ ' more' if rows | length > 10 else '') ~ '. ' ~ advice -%}
    {%- if warn -%}
        {%- do exceptions.warn(message) -%}
    {%- else -%}
        {{ log(message, info=true) }}
    {%- endif -%}
{% endmacro %}

{% macro duckdb__register_landing_zone() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set root = landing_root() -%}
    {%- set prefix = landing_path_prefix(root) -%}
    {%- set sources = landing_zone_sources() -%}
    {%- do run_query('create schema if not exists raw') -%}
    {%- set has_previous = landing_relation_exists('raw', 'landing_files', 'previous_row_count') -%}
    {%- set previous_root = none -%}
    {%- if landing_relation_exists('raw', 'landing_zone_status', 'landing_root') -%}
        {%- set previous_roots = run_query('select distinct landing_root from raw.landing_zone_status')
            .columns[0].values() -%}
        {%- set previous_root = previous_roots[0] if previous_roots | length == 1 else none -%}
    {%- endif -%}

    {%- do landing_list_files(root, prefix, sources) -%}
    {%- do landing_read_schemas() -%}

    {#- one select per schema group of each source -#}
    {%- set group_rows = run_query('select table_name, schema_group, file_name from raw.landing_file_schemas '
        ~ 'order by table_name, schema_group, file_name') -%}
    {%- set groups = {} -%}
    {%- for row in group_rows.rows -%}
        {%- set key = row[0] ~ '|' ~ row[1] -%}
        {%- if key not in groups -%}{%- do groups.update({key: []}) -%}{%- endif -%}
        {%- do groups[key].append(row[2]) -%}
    {%- endfor -%}
    {%- set group_findings = [] -%}
    {%- set views = [] -%}
    {%- set absent = [] -%}
    {%- for source_node in sources -%}
        {%- set selects = [] -%}
        {%- for key in groups if key.split('|')[0] == source_node.identifier -%}
            {%- set group = landing_group_select(source_node, groups[key], prefix) -%}
            {%- do selects.append(group.sql) -%}
            {%- do group_findings.append('(' ~ landing_sql_text(source_node.identifier) ~ ', '
                ~ key.split('|')[1] ~ ', ' ~ (landing_sql_text(group.issue) if group.issue else 'null') ~ ', '
                ~ (landing_sql_text(group.notes) if group.notes else 'null') ~ ')') -%}
        {%- endfor -%}
        {%- if not selects -%}
            {%- do selects.append(landing_empty_select(source_node)) -%}
            {%- do absent.append(source_node.identifier) -%}
        {%- endif -%}
        {%- do views.append([source_node, selects | join(' union all by name ')]) -%}
    {%- endfor -%}

    {#- the inventory: this run's files, compared with the previous run's -#}
    {%- set write_inventory -%}
        create or replace table raw.landing_files as
        with group_findings as (
            select *
            from (values {{ group_findings | join(', ') or "(null, null, null, null)" }})
                as findings (table_name, schema_group, schema_issue, schema_notes)
        ),
        current_files as (
            select
                found.table_name,
                found.file_path,
                case
                    when found.skip_reason is not null then 'skipped'
                    when group_findings.schema_issue is not null then 'quarantined'
                    else 'loaded'
                end as status,
                coalesce(found.skip_reason, group_findings.schema_issue) as reason,
                group_findings.schema_notes,
                schemas.row_count,
                found.size_bytes,
                found.last_modified
            from raw.landing_files_found as found
            left join raw.landing_file_schemas as schemas
                on found.file_name = schemas.file_name
            left join group_findings
                on
                    schemas.table_name = group_findings.table_name
                    and schemas.schema_group = group_findings.schema_group
        ),
        previous_files as (
            {%- if has_previous %}
            select
                table_name,
                file_path,
                status,
                reason,
                row_count,
                size_bytes,
                last_modified
            from raw.landing_files
            {%- else %}
            select
                cast(null as varchar) as table_name,
                cast(null as varchar) as file_path,
                cast(null as varchar) as status,
                cast(null as varchar) as reason,
                cast(null as bigint) as row_count,
                cast(null as bigint) as size_bytes,
                cast(null as timestamp) as last_modified
            where false
            {%- endif %}
        ),
        append_only_tables as (
            select *
            from (values
                {%- for source_node in sources %}
                ({{ landing_sql_text(source_node.identifier) }}, {{ 'true' if (source_node.config.get('meta', {})
                    or source_node.meta).get('append_only') else 'false' }}){{ ',' if not loop.last }}
                {%- endfor %}
            ) as tables (table_name, is_append_only)
        )
        select
            current_files.table_name,
            current_files.file_path,
            current_files.status,
            current_files.reason,
            current_files.schema_notes,
            current_files.row_count,
            current_files.size_bytes,
            current_files.last_modified,
            case
                when previous_files.file_path is null then 'new'
                when previous_files.status = 'deleted' then 'landed again'
                when
                    current_files.status != 'skipped'
                    and (
                        previous_files.row_count is distinct from current_files.row_count
                        or previous_files.size_bytes is distinct from current_files.size_bytes
                    )
                    then 'changed'
                else 'unchanged'
            end as change,
            previous_files.row_count as previous_row_count,
            previous_files.size_bytes as previous_size_bytes
        from current_files
        left join previous_files
            on
                current_files.table_name = previous_files.table_name
                and current_files.file_path = previous_files.file_path

        {#- a data file of an earlier run that is gone (retention, a move): the
            append-only sources keep its rows (their parsed models are
            incremental), the others are rebuilt from the files on disk #}
        union all

        select
            previous_files.table_name,
            previous_files.file_path,
            'deleted' as status,
            case
                when previous_files.status = 'deleted' then previous_files.reason
                when append_only_tables.is_append_only
                    then 'gone from the landing zone: its rows stay in the warehouse (append-only source, '
                    || 'counted as retained in audit.source_reconciliation)'
                else 'gone from the landing zone: its rows are no longer in the warehouse (this source is '
                    || 'rebuilt from the files on disk)'
            end as reason,
            cast(null as varchar) as schema_notes,
            previous_files.row_count,
            previous_files.size_bytes,
            previous_files.last_modified,
            case when previous_files.status = 'deleted' then 'unchanged' else 'deleted' end as change,
            previous_files.row_count as previous_row_count,
            previous_files.size_bytes as previous_size_bytes
        from previous_files
        left join current_files
            on
                previous_files.table_name = current_files.table_name
                and previous_files.file_path = current_files.file_path
        left join append_only_tables
            on previous_files.table_name = append_only_tables.table_name
        where
            current_files.file_path is null
            and previous_files.status != 'skipped'
    {%- endset -%}
    {%- do run_query(write_inventory) -%}
    {%- do run_query('drop table raw.landing_files_found') -%}
    {%- do run_query('drop table raw.landing_file_schemas') -%}

    {%- for view in views -%}
        {%- do run_query('create or replace view ' ~ view[0].schema ~ '.' ~ view[0].identifier ~ ' as '
            ~ view[1]) -%}
    {%- endfor -%}

    {%- set write_status -%}
        create or replace table raw.landing_zone_status as
        with tables as (
            select *
            from (values
                {%- for source_node in sources %}
                ({{ landing_sql_text(source_node.identifier) }}){{ ',' if not loop.last }}
                {%- endfor %}
            ) as tables (table_name)
        )
        select
            tables.table_name,
            {{ landing_sql_text(root ~ '/') }} || tables.table_name || '/**/*.parquet' as file_glob,
            count(files.file_path) filter (where files.status in ('loaded', 'quarantined')) as file_count,
            count(files.file_path) filter (where files.status in ('loaded', 'quarantined')) > 0 as is_present,
            {{ landing_sql_text(root) }} as landing_root,
            count(files.file_path) filter (where files.status = 'quarantined') as quarantined_file_count,
            count(files.file_path) filter (where files.status = 'skipped') as skipped_file_count,
            count(files.file_path) filter (where files.status = 'deleted') as deleted_file_count
        from tables
        left join raw.landing_files as files
            on tables.table_name = files.table_name
        group by tables.table_name
        order by tables.table_name
    {%- endset -%}
    {%- do run_query(write_status) -%}

    {#- the run log: what was found, and what to do about it -#}
    {%- if absent -%}
        {{ log('Landing zone at ' ~ root ~ ': absent sources (empty, typed views, segments needing them come out '
            ~ 'as unknown): ' ~ absent | join(', '), info=true) }}
    {%- else -%}
        {{ log('Landing zone at ' ~ root ~ ': all ' ~ sources | length ~ ' sources present', info=true) }}
    {%- endif -%}
    {%- if previous_root is not none and landing_path_prefix(previous_root) != prefix -%}
        {%- set unchanged = run_query("select count(*) from raw.landing_files where change = 'unchanged' "
            ~ "and status in ('loaded', 'quarantined')").columns[0].values()[0] -%}
        {{ log('Landing zone: the root moved from ' ~ previous_root ~ ' to ' ~ root ~ '. Files are known by their '
            ~ 'path relative to the root, so the ' ~ unchanged ~ ' unchanged files are not read again; new, '
            ~ 'changed and deleted files are listed in raw.landing_files (column change).', info=true) }}
    {%- endif -%}
    {%- set findings = run_query("select status, change, file_path, coalesce(reason, '') as reason, "
        ~ "coalesce(schema_notes, '') as notes, row_count, previous_row_count from raw.landing_files "
        ~ "order by table_name, file_path") -%}
    {%- set skipped = [] -%}
    {%- set quarantined = [] -%}
    {%- set renamed = [] -%}
    {%- set changed = [] -%}
    {%- set deleted = [] -%}
    {%- for row in findings.rows -%}
        {%- if row[0] == 'skipped' and row[1] != 'unchanged' -%}{%- do skipped.append([row[2], row[3]]) -%}{%- endif -%}
        {%- if row[0] == 'quarantined' -%}{%- do quarantined.append([row[2], row[3]]) -%}{%- endif -%}
        {%- if row[4] and row[0] != 'skipped' and row[1] != 'unchanged' -%}
            {%- do renamed.append([row[2], row[4]]) -%}
        {%- endif -%}
        {%- if row[1] == 'changed' -%}
            {%- do changed.append([row[2], row[6] ~ ' rows before, ' ~ row[5] ~ ' now']) -%}
        {%- endif -%}
        {%- if row[1] == 'deleted' -%}{%- do deleted.append([row[2], row[3]]) -%}{%- endif -%}
    {%- endfor -%}
    {%- do landing_log_files('files skipped as not data', skipped,
        'They are not read; move data out of hidden or _ names (raw.landing_files, status skipped).') -%}
    {%- do landing_log_files('columns read under another name or absent', renamed,
        'Read as the contract says (raw.landing_files, column schema_notes).') -%}
    {%- do landing_log_files('schema drift, every row of these files is quarantined as schema_drift', quarantined,
        'Fix the file and land it again, or declare the column name in the aliases of the source YAML; the '
        ~ 'rows are in audit.rejected_rows.', warn=true) -%}
    {%- do landing_log_files('files changed in place since the last run', changed,
        'They are read again: the incremental event models re-parse them, and test '
        ~ 'assert_incremental_events_complete fails if rows came in before the lookback window: then run '
        ~ 'dbt build --full-refresh.', warn=true) -%}
    {%- do landing_log_files('files gone since the last run', deleted,
        'Expected after retention; otherwise land them again (raw.landing_files, status deleted).', warn=true) -%}
    {{ return('') }}
{% endmacro %}

{#-
    landing_data_files(): a select of the raw data files per source table
    (source_table as in staged_sources(), file_path, row_count), for the
    reconciliation. On DuckDB: the loaded and quarantined files of the
    inventory, with their rows counted from the Parquet footers. Elsewhere
    (raw tables loaded by an EL tool): the raw table's rows per
    source_file_name.
-#}
{% macro landing_data_files() %}
    {{ return(adapter.dispatch('landing_data_files', 'segments')()) }}
{% endmacro %}

{% macro default__landing_data_files() -%}
    {%- for staged in staged_sources() %}
    select
        '{{ staged.source_table }}' as source_table,
        source_file_name as file_path,
        count(*) as row_count
    from {{ source(staged.source[0], staged.source[1]) }}
    group by source_file_name
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro duckdb__landing_data_files() -%}
    select
        case landing_files.table_name
            {%- for staged in staged_sources() %}
            when '{{ staged.source[1] }}' then '{{ staged.source_table }}'
            {%- endfor %}
        end as source_table,
        landing_files.file_path,
        landing_files.row_count
    from {{ source('landing', 'landing_files') }} as landing_files
    where landing_files.status in ('loaded', 'quarantined')
{%- endmacro %}
