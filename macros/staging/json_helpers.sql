{#-
    JSON helpers for staging. Engine-specific syntax lives here, dispatched in namespace `segments`.

    is_valid_json(expression): true when the text parses as JSON, false when it does not, null when null.
    json_extract_text(expression, key): the top-level `key` of a JSON object as text (numbers as their text),
    null when absent or JSON null. Callers guard with is_valid_json: on some engines malformed text raises.
    json_object_text(fields): a JSON object {"key": value, ...} as text from a mapping of key -> SQL
    expression (insertion order kept), for the audit record of a raw row.
-#}
{% macro is_valid_json(expression) %}
    {{ return(adapter.dispatch('is_valid_json', 'segments')(expression)) }}
{% endmacro %}

{% macro default__is_valid_json(expression) -%}
    pg_input_is_valid({{ expression }}, 'json')
{%- endmacro %}

{% macro duckdb__is_valid_json(expression) -%}
    json_valid({{ expression }})
{%- endmacro %}

{% macro spark__is_valid_json(expression) -%}
    (
        {{ expression }} is null
        or from_json({{ expression }}, 'map<string,string>') is not null
    )
{%- endmacro %}


{% macro json_extract_text(expression, key) %}
    {{ return(adapter.dispatch('json_extract_text', 'segments')(expression, key)) }}
{% endmacro %}

{% macro default__json_extract_text(expression, key) -%}
    (cast({{ expression }} as json) ->> '{{ key }}')
{%- endmacro %}

{% macro duckdb__json_extract_text(expression, key) -%}
    json_extract_string({{ expression }}, '$.{{ key }}')
{%- endmacro %}

{% macro spark__json_extract_text(expression, key) -%}
    get_json_object({{ expression }}, '$.{{ key }}')
{%- endmacro %}


{% macro json_object_text(fields) %}
    {{ return(adapter.dispatch('json_object_text', 'segments')(fields)) }}
{% endmacro %}

{% macro default__json_object_text(fields) -%}
    cast(json_build_object(
        {%- for key, expression in fields.items() %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as text)
{%- endmacro %}

{% macro duckdb__json_object_text(fields) -%}
    cast(json_object(
        {%- for key, expression in fields.items() %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}

{% macro spark__json_object_text(fields) -%}
    to_json(named_struct(
        {%- for key, expression in fields.items() %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ))
{%- endmacro %}
