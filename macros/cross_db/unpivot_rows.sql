{#-
    unpivot_rows(relation, keep_columns, columns, rows): the select of an
    unpivot. Each row of `relation` (a CTE or relation name) gives one row
    per entry of `rows`; an entry is a list of SQL expressions over that row,
    one per name in `columns`; `keep_columns` are carried as they are. One
    pass over the relation, not a union of one scan per entry. Dispatched:
    DuckDB unnests a list of structs (a projection), Postgres joins lateral
    VALUES, Spark inlines an array of structs.
-#}
{% macro unpivot_rows(relation, keep_columns, columns, rows) -%}
    {{ return(adapter.dispatch('unpivot_rows', 'segments')(
        relation, keep_columns, columns, rows)) }}
{%- endmacro %}

{% macro postgres__unpivot_rows(relation, keep_columns, columns, rows) -%}
    select
        {%- for column in keep_columns %}
        {{ relation }}.{{ column }},
        {%- endfor %}
        {%- for column in columns %}
        unpivoted.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    cross join lateral (
        values
        {%- for row in rows %}
            ({{ row | join(', ') }}){{ ',' if not loop.last }}
        {%- endfor %}
    ) as unpivoted ({{ columns | join(', ') }})
{%- endmacro %}

{% macro duckdb__unpivot_rows(relation, keep_columns, columns, rows) -%}
    {#- a lateral VALUES join is decorrelated into a hash join on DuckDB;
        unnest stays a projection -#}
    select
        {%- for column in keep_columns %}
        {{ column }},
        {%- endfor %}
        unnest([
            {%- for row in rows %}
            {
                {%- for column in columns -%}
                '{{ column }}': {{ row[loop.index0] }}{{ ', ' if not loop.last }}
                {%- endfor -%}
            }{{ ',' if not loop.last }}
            {%- endfor %}
        ], recursive := true)
    from {{ relation }}
{%- endmacro %}

{% macro spark__unpivot_rows(relation, keep_columns, columns, rows) -%}
    select
        {%- for column in keep_columns %}
        {{ column }},
        {%- endfor %}
        {%- for column in columns %}
        unpivoted.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {# named_struct: every entry's struct has the same field names (struct() names a field after its column,
       and an array needs one struct type); Spark widens differing field types to a common one #}
    lateral view inline(array(
        {%- for row in rows %}
            named_struct(
                {%- for column in columns -%}
                '{{ column }}', {{ row[loop.index0] }}{{ ', ' if not loop.last }}
                {%- endfor -%}
            ){{ ',' if not loop.last }}
        {%- endfor %}
    )) unpivoted as {{ columns | join(', ') }}
{%- endmacro %}
