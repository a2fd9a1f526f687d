{#-
    JSON helpers for staging. Engine-specific syntax lives here, dispatched in namespace `segments`.

    is_valid_json(expression): true when the text parses as JSON, false when it does not, null when null.
    json_extract_texts(expression, keys): the top-level `keys` of a JSON object as one array of texts, in the
    order given (numbers as their text; null when absent or JSON null), parsing the document once. Read an
    element with array_element. Callers guard with is_valid_json: on some engines malformed text raises.
    array_element(expression, position): the element at a 1-based position of an array.
    json_object_text(fields): a JSON object {"key": value, ...} as text from a mapping of key -> SQL
    expression (insertion order kept), for the audit record of a raw row.
    json_decoded_once(expression): double-encoded JSON (a JSON string whose value is the text of a JSON
    object) as that object's text; any other text unchanged. Callers guard with is_valid_json.
-#}
{% macro is_valid_json(expression) %}
    {{ return(adapter.dispatch('is_valid_json', 'segments')(expression)) }}
{% endmacro %}

{% macro postgres__is_valid_json(expression) -%}
    {{ postgres_function('segments_input_is_valid') }}({{ expression }}, 'json')
{%- endmacro %}

{% macro duckdb__is_valid_json(expression) -%}
    json_valid({{ expression }})
{%- endmacro %}

{% macro spark__is_valid_json(expression) -%}
    {#- any JSON value, as DuckDB's json_valid: wrapped as the value of a one-key object, since from_json of a
        JSON string or number as a map is null (a double-encoded object would read as malformed) -#}
    case
        when {{ expression }} is not null
            then from_json(
                concat('{"v": ', {{ expression }}, '}'), 'map<string,string>'
            ) is not null
    end
{%- endmacro %}


{% macro json_extract_texts(expression, keys) %}
    {{ return(adapter.dispatch('json_extract_texts', 'segments')(expression, keys)) }}
{% endmacro %}

{% macro postgres__json_extract_texts(expression, keys) -%}
    array[
        {%- for key in keys %}
        cast({{ expression }} as json) ->> '{{ key }}'{{ ',' if not loop.last }}
        {%- endfor %}
    ]
{%- endmacro %}

{% macro duckdb__json_extract_texts(expression, keys) -%}
    {#- one parse for all paths (a path list returns a list) -#}
    json_extract_string({{ expression }}, [
        {%- for key in keys -%}
        '$.{{ key }}'{{ ', ' if not loop.last }}
        {%- endfor -%}
    ])
{%- endmacro %}

{% macro spark__json_extract_texts(expression, keys) -%}
    array(
        {%- for key in keys %}
        get_json_object({{ expression }}, '$.{{ key }}'){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}


{% macro array_element(expression, position) %}
    {{ return(adapter.dispatch('array_element', 'segments')(expression, position)) }}
{% endmacro %}

{% macro default__array_element(expression, position) -%}
    ({{ expression }})[{{ position }}]
{%- endmacro %}

{% macro spark__array_element(expression, position) -%}
    element_at({{ expression }}, {{ position }})
{%- endmacro %}


{% macro json_object_text(fields) %}
    {{ return(adapter.dispatch('json_object_text', 'segments')(fields)) }}
{% endmacro %}

{% macro postgres__json_object_text(fields) -%}
    {#- compact, as DuckDB's json_object writes it ({"k":v}; json_build_object adds spaces), timestamps as
        their text (to_json writes 2026-01-01T10:00:00) -#}
    (
        '{'
        {%- for key, expression in fields.items() %}
        || '{{ '"' ~ key ~ '":' }}' || coalesce(cast(case
            when pg_typeof({{ expression }}) in ('timestamp'::regtype, 'timestamptz'::regtype)
                then to_json(cast({{ expression }} as text))
            else to_json({{ expression }})
        end as text), 'null'){{ " || ','" if not loop.last }}
        {%- endfor %}
        || '}'
    )
{%- endmacro %}

{% macro duckdb__json_object_text(fields) -%}
    cast(json_object(
        {%- for key, expression in fields.items() %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}

{% macro spark__json_object_text(fields) -%}
    {#- ignoreNullFields false: a null is written as null, as on DuckDB, not left out -#}
    to_json(named_struct(
        {%- for key, expression in fields.items() %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}


{% macro json_decoded_once(expression) %}
    {{ return(adapter.dispatch('json_decoded_once', 'segments')(expression)) }}
{% endmacro %}

{% macro postgres__json_decoded_once(expression) -%}
    case
        when
            ltrim({{ expression }}) like '"%'
            and json_typeof(cast({{ expression }} as json)) = 'string'
            and {{ postgres_function('segments_input_is_valid') }}(
                cast({{ expression }} as json) #>> '{}', 'json'
            )
            and json_typeof(cast(cast({{ expression }} as json) #>> '{}' as json))
            = 'object'
            then cast({{ expression }} as json) #>> '{}'
        else {{ expression }}
    end
{%- endmacro %}

{% macro duckdb__json_decoded_once(expression) -%}
    case
        {# the prefix test first: most rows skip the second parse #}
        when
            ltrim({{ expression }}) like '"%'
            and json_type({{ expression }}) = 'VARCHAR'
            and json_valid(json_extract_string({{ expression }}, '$'))
            and json_type(json_extract_string({{ expression }}, '$')) = 'OBJECT'
            then json_extract_string({{ expression }}, '$')
        else {{ expression }}
    end
{%- endmacro %}

{% macro spark__json_decoded_once(expression) -%}
    case
        when
            ltrim({{ expression }}) like '"%'
            and ltrim(get_json_object(
                concat('{"v": ', {{ expression }}, '}'), '$.v'
            )) like '{{ '{' }}%'
            then get_json_object(concat('{"v": ', {{ expression }}, '}'), '$.v')
        else {{ expression }}
    end
{%- endmacro %}
