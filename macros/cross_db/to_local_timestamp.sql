{#-
    to_local_timestamp(utc_timestamp, time_zone): a UTC timestamp (without time zone) converted to the wall-clock
    time of an IANA time zone, DST-correct. Dispatched: DuckDB (ICU), Postgres, Spark.
-#}
{% macro to_local_timestamp(utc_timestamp, time_zone) %}
    {{ return(adapter.dispatch('to_local_timestamp', 'segments')(utc_timestamp, time_zone)) }}
{% endmacro %}

{% macro postgres__to_local_timestamp(utc_timestamp, time_zone) -%}
    (({{ utc_timestamp }}) at time zone 'UTC') at time zone ({{ time_zone }})
{%- endmacro %}

{% macro duckdb__to_local_timestamp(utc_timestamp, time_zone) -%}
    timezone({{ time_zone }}, cast({{ utc_timestamp }} as timestamptz))
{%- endmacro %}

{% macro spark__to_local_timestamp(utc_timestamp, time_zone) -%}
    from_utc_timestamp({{ utc_timestamp }}, {{ time_zone }})
{%- endmacro %}
