{#-
    Parsing helpers for staging: raw columns may arrive with types that differ from the contract (a Parquet
    file with `total` as text), so staging parses every column with these and quarantines rows whose required
    values come out null.

    clean_string(expression): text, trimmed, blank -> null.
    parse_timestamp_utc(expression): a timestamp or timestamp text to a UTC timestamp without time zone; text
        with an offset (2026-03-08T10:00:00+02:00) is converted to UTC; null when unparseable. Dispatched.
    try_cast_value(expression, data_type): cast that yields null instead of failing. Dispatched (dbt.safe_cast
        is a plain cast on DuckDB, which raises).
    parse_number(expression, data_type): a value (text or number) trimmed and try-cast to a numeric or boolean
        type; null when blank or not castable.
    type_amount(): the decimal type of money amounts in staging.
    is_valid_time_zone(expression): true when the text is an IANA time zone the engine knows. Dispatched.
-#}
{% macro clean_string(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}


{% macro parse_timestamp_utc(expression) %}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'segments')(expression)) }}
{% endmacro %}

{% macro default__parse_timestamp_utc(expression) -%}
    (cast({{ expression }} as timestamptz) at time zone 'UTC')
{%- endmacro %}

{% macro duckdb__parse_timestamp_utc(expression) -%}
    {#- the profile pins the session TimeZone to UTC, so naive timestamps stay as they are -#}
    timezone('UTC', try_cast({{ expression }} as timestamptz))
{%- endmacro %}

{% macro spark__parse_timestamp_utc(expression) -%}
    to_utc_timestamp(try_cast({{ expression }} as timestamp), 'UTC')
{%- endmacro %}


{% macro try_cast_value(expression, data_type) %}
    {{ return(adapter.dispatch('try_cast_value', 'segments')(expression, data_type)) }}
{% endmacro %}

{% macro default__try_cast_value(expression, data_type) -%}
    case
        when pg_input_is_valid({{ expression }}, '{{ data_type }}')
            then cast({{ expression }} as {{ data_type }})
    end
{%- endmacro %}

{% macro duckdb__try_cast_value(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro spark__try_cast_value(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}


{% macro parse_number(expression, data_type) -%}
    {{ try_cast_value(clean_string(expression), data_type) }}
{%- endmacro %}


{% macro type_amount() -%}
    decimal(18, 2)
{%- endmacro %}


{% macro is_valid_time_zone(expression) %}
    {{ return(adapter.dispatch('is_valid_time_zone', 'segments')(expression)) }}
{% endmacro %}

{% macro default__is_valid_time_zone(expression) -%}
    ({{ expression }} in (select tz_names.name from pg_timezone_names as tz_names))
{%- endmacro %}

{% macro duckdb__is_valid_time_zone(expression) -%}
    ({{ expression }} in (select tz_names.name from pg_timezone_names() as tz_names))
{%- endmacro %}

{% macro spark__is_valid_time_zone(expression) -%}
    (from_utc_timestamp(timestamp '2000-01-01', {{ expression }}) is not null)
{%- endmacro %}


{#- text_of(expression): the value as text (for audit records). -#}
{% macro text_of(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}
