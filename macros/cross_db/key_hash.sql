{#-
    key_hash(expression): a 64-bit integer hash of a text key, for grouping
    many distinct keys cheaply (an integer per row instead of the text).
    Equal keys hash equal; different keys may collide, rarely, so a caller
    treats a shared hash as a candidate, never as proof of equality.
    Dispatched: DuckDB hash, Spark xxhash64, Postgres hashtextextended.
-#}
{% macro key_hash(expression) -%}
    {{ return(adapter.dispatch('key_hash', 'segments')(expression)) }}
{%- endmacro %}

{% macro postgres__key_hash(expression) -%}
    hashtextextended({{ expression }}, 0)
{%- endmacro %}

{% macro duckdb__key_hash(expression) -%}
    hash({{ expression }})
{%- endmacro %}

{% macro spark__key_hash(expression) -%}
    xxhash64({{ expression }})
{%- endmacro %}
