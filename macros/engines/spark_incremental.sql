{#-
    Incremental models on Spark with plain Parquet tables: no DELETE, no MERGE.

    Our `restate` and `delete+insert` strategies and the post-hooks that delete rows (delete_rows_where) get the
    rows a DELETE then INSERT leaves by rewriting the table (spark_table_rewritten): a staging table takes the
    new rows and the target's rows that are not deleted, `insert overwrite` replaces the target's files from it
    (Spark refuses to overwrite a table the same statement reads), then the staging table is dropped. The
    model's compute stays incremental; the write is the whole table (docs/engines.md has the cost and the
    partitioned design for a cluster). Spark's session cursor runs one statement per call, so each statement is
    its own call.
    - dbt_spark_validate_get_incremental_strategy, dbt_spark_get_incremental_sql: dbt-spark's macros of these
      names (a root-project macro overrides the adapter's), which also accept `restate` and `delete+insert`;
      every other strategy goes to dbt-spark's own.
-#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy in ['restate', 'delete+insert'] -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}

{% macro dbt_spark_get_incremental_sql(
    strategy, source, target, existing, unique_key, incremental_predicates
) -%}
    {%- if strategy == 'restate' -%}
        {{ return(get_incremental_restate_sql({
            'target_relation': target,
            'temp_relation': source,
            'dest_columns': adapter.get_columns_in_relation(target),
            'unique_key': unique_key,
            'incremental_predicates': incremental_predicates,
        })) }}
    {%- elif strategy == 'delete+insert' -%}
        {{ return(get_delete_insert_merge_sql(
            target, source, unique_key, adapter.get_columns_in_relation(target), incremental_predicates)) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_get_incremental_sql(
        strategy, source, target, existing, unique_key, incremental_predicates)) }}
{%- endmacro %}

{#-
    spark_table_rewritten(relation, deleted_where, new_rows): leave in `relation` its rows for which
    `deleted_where` is not true, plus every row of `new_rows` (none: no row), cast to the table's columns.
    Runs every statement but the last, and returns the last (dropping the staging table) for the caller's
    statement or hook to run. `deleted_where` may read the new rows from spark_rewrite_staging(relation): when
    it runs, that table holds exactly them (delete+insert's keys). The target reads as DBT_INTERNAL_DEST, as in
    dbt's delete+insert.
-#}
{% macro spark_table_rewritten(relation, deleted_where, new_rows=none) -%}
    {%- set staging = spark_rewrite_staging(relation) -%}
    {%- set columns_csv = adapter.get_columns_in_relation(relation)
        | map(attribute='quoted') | join(', ') -%}
    {%- do run_query('drop table if exists ' ~ staging) -%}
    {#- the target's own column types, whatever the new rows' query yields -#}
    {%- do run_query('create table ' ~ staging ~ ' using parquet as select ' ~ columns_csv
        ~ ' from ' ~ relation ~ ' where false') -%}
    {%- if new_rows is not none -%}
        {%- do run_query('insert into table ' ~ staging ~ ' select ' ~ columns_csv
            ~ ' from ' ~ new_rows) -%}
    {%- endif -%}
    {%- do run_query('insert into table ' ~ staging ~ ' select ' ~ columns_csv
        ~ ' from ' ~ relation ~ ' as DBT_INTERNAL_DEST where not coalesce((' ~ deleted_where ~ '), false)') -%}
    {%- do run_query('insert overwrite table ' ~ relation ~ ' select ' ~ columns_csv ~ ' from ' ~ staging) -%}
    {{ return('drop table ' ~ staging) }}
{%- endmacro %}

{% macro spark_rewrite_staging(relation) -%}
    {{ return(relation.incorporate(path={'identifier': relation.identifier ~ '__dbt_rewrite'})) }}
{%- endmacro %}

{#- A post-hook's delete: nothing to run (no statement) when no row matches, the usual case on a full build -#}
{% macro spark__delete_rows_where(relation, predicate) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set matched = run_query(
        'select count(*) from ' ~ relation ~ ' as DBT_INTERNAL_DEST where ' ~ predicate
    ).columns[0].values()[0] -%}
    {%- if matched == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(spark_table_rewritten(relation, predicate)) }}
{%- endmacro %}

{% macro spark__rows_replaced_sql(relation, new_rows, columns, deleted_where) -%}
    {%- if deleted_where is none -%}
        {{ return('insert into table ' ~ relation ~ ' select '
            ~ get_quoted_csv(columns | map(attribute='name')) ~ ' from ' ~ new_rows) }}
    {%- endif -%}
    {{ return(spark_table_rewritten(relation, deleted_where, new_rows)) }}
{%- endmacro %}

{#- dbt's delete+insert: the target's rows whose unique_key is among the new rows' (and that match the
    incremental_predicates) are replaced by the new rows -#}
{% macro spark__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
    {%- if not unique_key -%}
        {{ return(spark__rows_replaced_sql(target, source, dest_columns, none)) }}
    {%- endif -%}
    {%- set keys = ([unique_key] if unique_key is string else unique_key) | join(', ') -%}
    {%- set deleted_where = ['(' ~ keys ~ ') in (select distinct ' ~ keys ~ ' from '
        ~ spark_rewrite_staging(target) ~ ')'] -%}
    {%- for predicate in incremental_predicates or [] -%}
        {%- do deleted_where.append('(' ~ predicate ~ ')') -%}
    {%- endfor -%}
    {{ return(spark_table_rewritten(target, deleted_where | join(' and '), source)) }}
{%- endmacro %}
