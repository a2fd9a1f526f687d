{#-
    version_content_hash(columns): the md5 (hex text) of a version's
    content, the columns' text joined with '|' and null as '~'. Ties of
    versions at the same clock are ranked by it, so the winner of a
    conflicting tie must not depend on the engine: md5 and the text of
    strings, numbers, booleans, dates and naive timestamps are the same on
    DuckDB, PostgreSQL and Spark, where each engine's own fast hash
    (row_fingerprint) is not.
-#}
{% macro version_content_hash(columns) -%}
    {%- set quoted = [] -%}
    {%- for column in columns -%}
        {%- do quoted.append(adapter.quote(column)) -%}
    {%- endfor -%}
    {{ content_md5(quoted) }}
{%- endmacro %}

{#- content_md5(expressions): that md5 of any SQL expressions; also the
    portable default of row_fingerprint (macros/history) -#}
{% macro content_md5(expressions) -%}
    md5(concat_ws('|'
    {%- for expression in expressions %},
        coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '~')
    {%- endfor %}))
{%- endmacro %}
