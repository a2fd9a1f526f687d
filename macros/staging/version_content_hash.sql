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
    md5(concat_ws('|'
    {%- for column in columns %},
        coalesce(cast({{ adapter.quote(column) }} as {{ dbt.type_string() }}), '~')
    {%- endfor %}))
{%- endmacro %}
