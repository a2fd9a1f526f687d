{#-
    Deleting rows of an incremental model's table, on every engine.

    - delete_rows_where(relation, predicate): delete the rows of `relation` for which `predicate` is true (a row
      whose predicate is null stays, as with DELETE). The post-hooks of the incremental event models call it.
    - rows_replaced_sql(relation, new_rows, columns, deleted_where): delete the rows matching `deleted_where`
      (none: no row), then insert every row of `new_rows`. The `restate` strategy (macros/history) calls it.
    Both are dispatched: a DELETE and an INSERT wherever the engine has them; Spark's plain Parquet tables have
    no DELETE, so spark__ bodies (macros/engines/spark_incremental.sql) rewrite the table to the same rows.
    - key_absent_from(column, relation, key_column): the predicate "`column` (never null) is none of the
      `key_column` values of `relation`", for these deletes. A correlated NOT EXISTS: every engine runs it as a
      hash anti-join, inside OR and coalesce too, where Spark runs a NOT IN as a nested loop over both tables.
-#}
{% macro delete_rows_where(relation, predicate) -%}
    {{ return(adapter.dispatch('delete_rows_where', 'segments')(relation, predicate)) }}
{%- endmacro %}

{% macro default__delete_rows_where(relation, predicate) -%}
    delete from {{ relation }}
    where {{ predicate }}
{%- endmacro %}

{% macro rows_replaced_sql(relation, new_rows, columns, deleted_where) -%}
    {{ return(adapter.dispatch('rows_replaced_sql', 'segments')(
        relation, new_rows, columns, deleted_where)) }}
{%- endmacro %}

{% macro default__rows_replaced_sql(relation, new_rows, columns, deleted_where) -%}
    {%- set columns_csv = get_quoted_csv(columns | map(attribute='name')) -%}
    {%- if deleted_where is not none %}
        {{ delete_rows_where(relation, deleted_where) }};
    {%- endif %}

    insert into {{ relation }} ({{ columns_csv }})
    select {{ columns_csv }}
    from {{ new_rows }}
{%- endmacro %}

{#- relation: a table, or a parenthesized subquery with an alias. Only present_key is visible inside the
    subquery, so the unqualified `column` names the outer (deleted from) table's column. -#}
{% macro key_absent_from(column, relation, key_column) -%}
    not exists (
        select 1
        from (
            select {{ key_column }} as present_key
            from {{ relation }}
        ) as present_keys
        where present_keys.present_key = {{ column }}
    )
{%- endmacro %}
