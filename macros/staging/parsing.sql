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
    canonical_time_zone(expression): the engine's spelling of an IANA time zone given in any case
        (america/new_york -> America/New_York); the text unchanged when the engine knows no such zone. Dispatched.
    parse_integer(expression): a whole number (text or number) to an integer; null when blank, not a number,
        not whole (1.5, '9.5') or beyond the integer range. Never rounds.
    type_any_number(): the wide decimal a value is read as to tell "not a number" from "not a whole number".
    load_time(): the load time plausible timestamps are judged against: var segments__load_time, else the
        start of the dbt run (run_started_at, UTC).
    is_implausible_timestamp(expression): true when a UTC timestamp is before var
        segments__earliest_plausible_date or later than load_time() plus var
        segments__load_time_tolerance_minutes.
-#}
{% macro clean_string(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}


{% macro parse_timestamp_utc(expression) %}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'segments')(expression)) }}
{% endmacro %}

{% macro postgres__parse_timestamp_utc(expression) -%}
    {#- a function (macros/engines/postgres_functions.sql): null instead of an error, and naive text read as UTC
        whatever the session's TimeZone -#}
    {{ postgres_function('segments_timestamp_utc') }}({{ expression }})
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

{% macro postgres__try_cast_value(expression, data_type) -%}
    {#- PostgreSQL 15 has no pg_input_is_valid (16+): a function tries the cast (macros/engines) -#}
    case
        when {{ postgres_function('segments_input_is_valid') }}({{ expression }}, '{{ data_type }}')
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

{% macro postgres__is_valid_time_zone(expression) -%}
    ({{ expression }} in (select tz_names.name from pg_timezone_names as tz_names))
{%- endmacro %}

{% macro duckdb__is_valid_time_zone(expression) -%}
    ({{ expression }} in (select tz_names.name from pg_timezone_names() as tz_names))
{%- endmacro %}

{#- spark_time_zone_names(): Java's region-based zone ids as an array (Spark has no zone table; from_utc_timestamp
    raises on an unknown zone in Spark 4) -#}
{% macro spark_time_zone_names() -%}
    split(regexp_replace(reflect('java.time.ZoneId', 'getAvailableZoneIds'), '^\\[|\\]$', ''), ', ')
{%- endmacro %}

{% macro spark__is_valid_time_zone(expression) -%}
    coalesce(array_contains({{ spark_time_zone_names() }}, {{ expression }}), false)
{%- endmacro %}


{#- text_of(expression): the value as text (for audit records). -#}
{% macro text_of(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}


{% macro canonical_time_zone(expression) %}
    {{ return(adapter.dispatch('canonical_time_zone', 'segments')(expression)) }}
{% endmacro %}

{% macro postgres__canonical_time_zone(expression) -%}
    coalesce(
        (
            select min(tz_names.name)
            from pg_timezone_names as tz_names
            where lower(tz_names.name) = lower({{ expression }})
        ),
        {{ expression }}
    )
{%- endmacro %}

{% macro duckdb__canonical_time_zone(expression) -%}
    coalesce(
        (
            select min(tz_names.name)
            from pg_timezone_names() as tz_names
            where lower(tz_names.name) = lower({{ expression }})
        ),
        {{ expression }}
    )
{%- endmacro %}

{% macro spark__canonical_time_zone(expression) -%}
    coalesce(
        element_at(filter({{ spark_time_zone_names() }}, zone -> lower(zone) = lower({{ expression }})), 1),
        {{ expression }}
    )
{%- endmacro %}


{% macro type_any_number() -%}
    decimal(38, 9)
{%- endmacro %}


{% macro parse_integer(expression) -%}
    {#- read wide first, so 1.5 or '9.5' is seen as a fraction, never rounded by an integer cast -#}
    {%- set number = parse_number(expression, type_any_number()) -%}
    case
        when {{ number }} = floor({{ number }})
            then {{ try_cast_value(number, dbt.type_int()) }}
    end
{%- endmacro %}


{% macro load_time() -%}
    {%- set configured = var('segments__load_time', none) -%}
    {%- set load_time_text = configured
        if configured else run_started_at.strftime('%Y-%m-%d %H:%M:%S') -%}
    cast('{{ load_time_text }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{% macro is_implausible_timestamp(expression) -%}
    (
        {{ expression }} < cast(
            '{{ var("segments__earliest_plausible_date") }}'
            as {{ dbt.type_timestamp() }}
        )
        or {{ expression }} > {{ dbt.dateadd(
            'minute',
            var('segments__load_time_tolerance_minutes'),
            load_time(),
        ) }}
    )
{%- endmacro %}
