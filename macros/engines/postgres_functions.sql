{#-
    prepare_engine(): run by on-run-start. On PostgreSQL it creates (or replaces) the SQL functions the
    postgres__ macros call, in the target schema; elsewhere it does nothing.

    - segments_input_is_valid(value, type_name): whether `value` casts to `type_name` without an error, null
      when value is null: pg_input_is_valid of PostgreSQL 16, for 15 too. PL/pgSQL tries the cast and catches
      the data exception (class 22: bad text, out of range); the types staging asks for are static casts (a
      cached plan), any other runs as dynamic SQL. Polymorphic, so a numeric value tried as an integer is cast
      as a number, not as its text.
    - segments_timestamp_utc(value): a timestamp, date or timestamp text as a UTC timestamp without time zone;
      text with an offset converted to UTC, naive text read as UTC; null when unparseable. Runs with TimeZone
      UTC whatever the session says (the DuckDB profile pins its sessions to UTC; this keeps Postgres equal).
    Both are PARALLEL UNSAFE (the default): a subtransaction, which catching an error needs, cannot start
    during a parallel query. Both are VOLATILE although their results are stable: the planner then keeps each
    CTE that calls them as one evaluation per row, where it would otherwise copy the call into every later
    reference of the column, and a value read by nine later expressions would be checked nine times.
    postgres_function(name): the schema-qualified name of one of them.
-#}
{% macro prepare_engine() %}
    {{ return(adapter.dispatch('prepare_engine', 'segments')()) }}
{% endmacro %}

{% macro default__prepare_engine() %}
    {{ return('') }}
{% endmacro %}

{% macro postgres_function(name) -%}
    {{ adapter.quote(target.schema) }}.{{ name }}
{%- endmacro %}

{% macro postgres__prepare_engine() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set create_functions -%}
        create schema if not exists {{ adapter.quote(target.schema) }};

        create or replace function {{ postgres_function('segments_input_is_valid') }}(
            value anyelement, type_name text
        )
        returns boolean
        language plpgsql volatile strict
        as $body$
        begin
            case lower(regexp_replace(type_name, '\s+', '', 'g'))
                when 'decimal(18,2)', 'numeric(18,2)' then perform cast(value as numeric(18, 2));
                when 'decimal(38,9)', 'numeric(38,9)' then perform cast(value as numeric(38, 9));
                when 'integer', 'int', 'int4' then perform cast(value as integer);
                when 'bigint', 'int8' then perform cast(value as bigint);
                when 'boolean' then perform cast(value as boolean);
                when 'json' then perform cast(value as json);
                when 'timestamptz', 'timestampwithtimezone' then perform cast(value as timestamptz);
                when 'timestamp' then perform cast(value as timestamp);
                else execute format('select cast($1 as %s)', type_name) using value;
            end case;
            return true;
        exception
            when data_exception then return false;
        end
        $body$;

        create or replace function {{ postgres_function('segments_timestamp_utc') }}(value anyelement)
        returns timestamp
        language plpgsql volatile strict
        set timezone to 'UTC'
        as $body$
        begin
            return cast(cast(value as text) as timestamptz) at time zone 'UTC';
        exception
            when data_exception then return null;
        end
        $body$;
    {%- endset -%}
    {%- do run_query(create_functions) -%}
    {{ return('') }}
{% endmacro %}
