{#-
    snapshots_enabled(): whether this engine builds the dbt snapshot (customer_segments_snapshot). Its config
    `enabled` and the tests that wait for it read this, so on an engine without it nothing refers to it.
    Dispatched: dbt-spark snapshots need MERGE (Delta, Iceberg or Hudi), which plain Parquet tables lack.
-#}
{% macro snapshots_enabled() -%}
    {{ return(adapter.dispatch('snapshots_enabled', 'segments')()) }}
{%- endmacro %}

{% macro default__snapshots_enabled() -%}
    {{ return(true) }}
{%- endmacro %}

{% macro spark__snapshots_enabled() -%}
    {{ return(false) }}
{%- endmacro %}
