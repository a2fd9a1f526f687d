{#-
    Incremental segment history: restate from the first changed date.

    Every model keyed by the as-of spine (tag `history_restated`) is incremental. A run recomputes only the
    as-of dates on or after `restate_from` (model int_history_restate_from): the earliest local date whose facts
    changed since the last complete build, compared by per-date fingerprints (int_fact_dates_fingerprinted).
    A label as of date A depends on facts up to A only, so every earlier row is still exact.

    - history_restate_where(column): the filter of a spine-keyed import CTE. On an incremental run it keeps the
      rows with `column` >= restate_from; on a full build (first run, --full-refresh) it keeps every row. The
      date is read at run time (history_restatement) and written as a literal, so the filter reaches the scan.
    - get_incremental_restate_sql(arg_dict): incremental strategy `restate`. Deletes the rows whose
      `restate_column` (config, default as_of_date; null counts as open-ended) is on or after restate_from,
      then inserts the model's new rows (rows_replaced_sql, macros/incremental: a rewrite on Spark).
    - ref_restated(model_name): ref() of a spine-keyed input restricted to the restated as-of dates (below).
    - history_restate_relation(): ref('int_history_restate_from'), so every model reading the restatement
      depends on it; unit tests, always full builds, read nothing of it.
    - record_history_build_state(): on-run-end. When a `dbt run` or `dbt build` built the fingerprints and every
      history_restated model without error, it saves the fingerprints as the state the next run compares with.
-#}
{% macro history_restate_relation() -%}
    {%- if model.resource_type == 'unit_test' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(ref('int_history_restate_from')) }}
{%- endmacro %}

{#-
    A model's relation found in the graph, for the on-run-end hook and the materialization's batching, which
    run outside any model's ref()s.
-#}
{% macro history_graph_relation(model_name) -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ model_name) -%}
    {{ return(api.Relation.create(
        database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}

{#-
    history_restatement(): what this model's run recomputes, read once per call at run time, as literals so the
    filters reach the scans: {'mode': 'all' | 'from' | 'none', 'restate_from': date text, 'previous_date': the
    last spine date before restate_from}. 'all' on a full build, and when restate_from is on or before the
    first as-of date; 'none' when nothing changed, and in `dbt run --empty` (no rows to restate). A missing
    int_history_restate_from row otherwise stops the run with an error rather than guessing.
-#}
{% macro history_restatement() -%}
    {%- set everything = {'mode': 'all', 'restate_from': none, 'previous_date': none} -%}
    {%- set nothing = {'mode': 'none', 'restate_from': none, 'previous_date': none} -%}
    {%- set restate_relation = history_restate_relation() -%}
    {%- if not execute or not is_incremental() or restate_relation is none -%}
        {{ return(everything) }}
    {%- endif -%}
    {#- A model built from cohort definitions restates every date when they changed (or it has no rows) -#}
    {%- if config.get('restate_on_cohort_change') -%}
        {%- set built = run_query(
            "select count(*) from " ~ this ~ " where definitions_fingerprint = '"
            ~ cohort_definitions_fingerprint() ~ "'"
        ).rows -%}
        {%- if built[0][0] == 0 -%}
            {{ return(everything) }}
        {%- endif -%}
    {%- endif -%}
    {%- set rows = run_query(
        'select cast(restate_from as ' ~ dbt.type_string() ~ '),'
        ~ ' cast(previous_as_of_date as ' ~ dbt.type_string() ~ ')'
        ~ ' from ' ~ restate_relation
    ).rows -%}
    {%- if rows | length == 0 -%}
        {#- `dbt run --empty` reads every ref as no rows, so the one-row model is empty: restate nothing -#}
        {%- if flags.EMPTY -%}
            {{ return(nothing) }}
        {%- endif -%}
        {{ exceptions.raise_compiler_error(
            restate_relation ~ ' has no row, so what to restate is unknown. It always has one after a'
            ~ ' run that built it: build it again, or the whole project with --full-refresh.') }}
    {%- endif -%}
    {%- set found = rows[0] -%}
    {%- if found[0] is none -%}
        {{ return(nothing) }}
    {%- elif found[1] is none -%}
        {{ return(everything) }}
    {%- endif -%}
    {{ return({'mode': 'from', 'restate_from': found[0], 'previous_date': found[1]}) }}
{%- endmacro %}

{#-
    history_restate_where(column, from_previous_date): the restated rows. With from_previous_date, from the last
    spine date before restate_from instead: segment_transitions needs the previous period of the first restated
    one, and segment_memberships continues the spells holding it.
-#}
{% macro history_restate_where(column='as_of_date', from_previous_date=false) -%}
    {%- set restatement = history_restatement() -%}
    {%- if restatement['mode'] == 'all' -%}
        true
    {%- elif restatement['mode'] == 'none' -%}
        false
    {%- else -%}
        {{ column }} >= cast('{{ restatement[
            'previous_date' if from_previous_date else 'restate_from'
        ] }}' as date)
    {%- endif -%}
{%- endmacro %}

{% macro get_incremental_restate_sql(arg_dict) -%}
    {%- set column = config.get('restate_column', 'as_of_date') -%}
    {%- set restatement = history_restatement() -%}
    {%- set deleted_where = none -%}
    {%- if restatement['mode'] == 'all' -%}
        {%- set deleted_where = 'true' -%}
    {%- elif restatement['mode'] == 'from' -%}
        {%- set deleted_where = 'coalesce(' ~ column ~ ", cast('9999-12-31' as date))"
            ~ " >= cast('" ~ restatement['restate_from'] ~ "' as date)" -%}
    {%- endif -%}
    {{ return(rows_replaced_sql(
        arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['dest_columns'], deleted_where)) }}
{%- endmacro %}

{#- The state table the next run compares with: the fingerprints' relation name plus __built -#}
{% macro history_build_state_relation() -%}
    {%- set fingerprints = history_graph_relation('int_fact_dates_fingerprinted') -%}
    {{ return(fingerprints.incorporate(
        path={'identifier': fingerprints.identifier ~ '__built'})) }}
{%- endmacro %}

{% macro record_history_build_state() -%}
    {#- Only a run or build that executed the models; `dbt compile` reports its nodes as successes too #}
    {%- if execute and flags.WHICH in ['run', 'build'] and not flags.EMPTY -%}
        {%- set succeeded = [] -%}
        {%- for result in results
            if result.node.resource_type == 'model' and result.status == 'success' -%}
            {%- do succeeded.append(result.node.unique_id) -%}
        {%- endfor -%}
        {%- set required = [
            'model.' ~ project_name ~ '.int_fact_dates_fingerprinted',
            'model.' ~ project_name ~ '.int_history_restate_from',
        ] -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and 'history_restated' in node.tags -%}
            {%- do required.append(node.unique_id) -%}
        {%- endfor -%}
        {%- set missing = required | reject('in', succeeded) | list -%}
        {%- if missing | length == 0 -%}
            {%- set state = history_build_state_relation() -%}
            {%- do log('segment history: recording the build state in ' ~ state, info=false) -%}
            {#- one statement per call: Spark's session cursor runs only one -#}
            {%- call statement('record_history_build_state_dropped') -%}
                drop table if exists {{ state }}
            {%- endcall -%}
            {%- call statement('record_history_build_state') -%}
                create table {{ state }} as
                select * from {{ history_graph_relation('int_fact_dates_fingerprinted') }}
            {%- endcall -%}
            {%- do adapter.commit() -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#-
    row_fingerprint(relation, exclude, only): a 64-bit integer hash of every column of `relation` but `exclude`
    (read from the database at run time, so a new column is fingerprinted too), or of the columns `only`;
    int_fact_dates_fingerprinted folds them per date with bit_xor. Dispatched: DuckDB hash(), Spark
    xxhash64(), elsewhere the first 64 bits of an md5 of the row's text.
-#}
{% macro row_fingerprint(relation, exclude=[], only=none) -%}
    {%- set columns = [] -%}
    {%- if only is not none -%}
        {%- for column in only -%}
            {%- do columns.append(adapter.quote(column)) -%}
        {%- endfor -%}
    {%- elif execute -%}
        {%- for column in adapter.get_columns_in_relation(relation)
            if column.name | lower not in exclude -%}
            {%- do columns.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if columns | length == 0 -%}
        {%- do columns.append("'no columns yet'") -%}
    {%- endif -%}
    {{ return(adapter.dispatch('row_fingerprint', 'segments')(columns)) }}
{%- endmacro %}

{% macro default__row_fingerprint(columns) -%}
    cast(cast('x' || substr({{ content_md5(columns) }}, 1, 16) as bit(64)) as bigint)
{%- endmacro %}

{% macro duckdb__row_fingerprint(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__row_fingerprint(columns) -%}
    xxhash64({{ columns | join(', ') }})
{%- endmacro %}

{#-
    ref_restated(model_name): ref() of a model keyed by the as-of spine, restricted to the as-of dates this run
    builds: every date on a full build, the restated ones on an incremental run (history_restate_where). Label
    models read their spine-keyed inputs through it and need nothing else of the history machinery.
-#}
{% macro ref_restated(model_name) -%}
    {%- set relation = ref(model_name) -%}
    {%- set restated_rows = history_restate_where() | trim -%}
    {%- if restated_rows == 'true' -%}
        {{ relation }}
    {%- else -%}
        (select * from {{ relation }} where {{ restated_rows }}) as {{ model_name }}
    {%- endif -%}
{%- endmacro %}
