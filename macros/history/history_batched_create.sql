{#-
    Writing a wide history model in batches of as-of dates (DuckDB).

    A model configured `history_batch_column='as_of_date'` is written by one statement per batch of
    var segments__history_batch_dates spine dates (int_as_of_date_spine) instead of one statement for every date:
    `create table ... as select * from (<model>) where as_of_date < b1`, then one insert per later batch. The
    filter on the spine column reaches every scan through the join keys, so each statement joins a slice.
    int_customers_labeled_as_of_dates joins nine large label tables: in one statement their hash tables spill
    past the profile's memory_limit at the bench's larger sizes; a batch of dates fits in it
    (docs/performance.md has the figures).
    The column must never be null (a null row would be in no batch): it is the spine's as_of_date, which
    int_customers_as_of_dates tests not_null, so `dbt build` stops before a batched model when it fails. (A
    last statement `where as_of_date is null` would cost as much as a batch: it cannot reach the scans.)
      - history_batch_boundaries(): the first spine date of every batch but the first, from the dates the run
        writes (all on a full build, those from restate_from on an incremental one). Empty, so one statement,
        when they fit in one batch, when parsing, and in unit tests (no spine table there).
      - duckdb__create_table_as: dbt-duckdb's macro of the same name (reached through the `dispatch` search
        order in dbt_project.yml), batched when the model asks for it and has batches; otherwise, and always
        for enforced contracts, sql_header or Python models, dbt-duckdb's own. Other engines keep their own
        create_table_as: the batches answer DuckDB's memory limit, not a rule.
-#}
{% macro history_batch_boundaries() -%}
    {%- set batch_dates = var('segments__history_batch_dates') -%}
    {%- if not execute or model.resource_type != 'model' or not batch_dates -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set restatement = history_restatement() -%}
    {%- if restatement['mode'] == 'none' -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set spine = history_graph_relation('int_as_of_date_spine') -%}
    {%- set dates = run_query(
        'select cast(as_of_date as ' ~ dbt.type_string() ~ ') from ' ~ spine
        ~ (" where as_of_date >= cast('" ~ restatement['restate_from'] ~ "' as date)"
            if restatement['mode'] == 'from' else '')
        ~ ' order by as_of_date'
    ).columns[0].values() -%}
    {{ return(dates[batch_dates::batch_dates] | list) }}
{%- endmacro %}

{% macro duckdb__create_table_as(
    temporary, relation, compiled_code, language='sql', partitioned_by=none, sorted_by=none
) -%}
    {%- set column = config.get('history_batch_column') -%}
    {%- set contract_config = config.get('contract') -%}
    {%- set boundaries = history_batch_boundaries()
        if column and language == 'sql' and not contract_config.enforced
            and config.get('sql_header') is none and not partitioned_by and not sorted_by
        else [] -%}
    {%- if boundaries | length == 0 -%}
        {{ return(dbt.duckdb__create_table_as(
            temporary, relation, compiled_code, language, partitioned_by, sorted_by)) }}
    {%- endif -%}
    {%- set target = relation.include(database=(not temporary), schema=(not temporary)) -%}
    create {% if temporary %}temporary {% endif %}table {{ target }} as
    select * from (
        {{ compiled_code }}
    ) as model_subq
    where {{ column }} < cast('{{ boundaries[0] }}' as date);
    {%- for batch_start in boundaries %}
    insert into {{ target }}
    select * from (
        {{ compiled_code }}
    ) as model_subq
    where
        {{ column }} >= cast('{{ batch_start }}' as date)
        {%- if not loop.last %}
        and {{ column }} < cast('{{ boundaries[loop.index] }}' as date)
        {%- endif %};
    {%- endfor %}
{%- endmacro %}
