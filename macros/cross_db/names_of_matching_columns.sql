{#-
    names_of_matching_columns(cases): from one `case when <match> then '<column>' end` per column, the names of
    the columns a row matches, comma-separated (null when none). concat_ws skips nulls on every engine; nested in
    groups of 50 to stay under Postgres' limit of 100 function arguments.
-#}
{% macro names_of_matching_columns(cases) %}
    {%- if cases | length <= 50 -%}
        {{ return("concat_ws(', ', " ~ cases | join(', ') ~ ")") }}
    {%- endif -%}
    {%- set groups = [] -%}
    {%- for group in cases | batch(50) -%}
        {%- do groups.append("nullif(concat_ws(', ', " ~ group | join(', ') ~ "), '')") -%}
    {%- endfor -%}
    {{ return(names_of_matching_columns(groups)) }}
{% endmacro %}
