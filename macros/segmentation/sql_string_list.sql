{#-
    sql_string_list(values): a parenthesised, quoted SQL list of string literals for `in (...)`, from a list var,
    e.g. sql_string_list(var('segments__desire_event_names')) -> ('product_added', 'cart_viewed').
    Single quotes inside values are doubled. An empty list renders (null), which matches nothing.
-#}
{% macro sql_string_list(values) -%}
    {%- if values is string -%}{%- set values = [values] -%}{%- endif -%}
    {%- if values | length == 0 -%}
        (null)
    {%- else -%}
        ({%- for value in values -%}
            '{{ value | string | replace("'", "''") }}'{{ ", " if not loop.last }}
        {%- endfor -%})
    {%- endif -%}
{%- endmacro %}
