{#-
    latest_by(value, order_columns, where): an aggregate giving `value` from
    the row that sorts last by `order_columns` (a list of SQL expressions,
    compared in order), among the rows where `where` holds (a SQL condition;
    none = every row). One hash aggregate, no sort of the rows: the cheap
    form of "row_number() over (... order by ... desc) = 1" when only the
    value is kept. Dispatched: DuckDB arg_max and Spark max_by over a struct
    of the ordering columns; Postgres the first element of an ordered
    array_agg.
-#}
{% macro latest_by(value, order_columns, where=none) -%}
    {{ return(adapter.dispatch('latest_by', 'segments')(value, order_columns, where)) }}
{%- endmacro %}

{% macro postgres__latest_by(value, order_columns, where) -%}
    (array_agg({{ value }} order by {{ order_columns | join(' desc, ') }} desc)
    {%- if where %} filter (where {{ where }}){% endif %})[1]
{%- endmacro %}

{% macro duckdb__latest_by(value, order_columns, where) -%}
    arg_max({{ value }}, row({{ order_columns | join(', ') }}))
    {%- if where %} filter (where {{ where }}){% endif %}
{%- endmacro %}

{% macro spark__latest_by(value, order_columns, where) -%}
    max_by({{ value }}, struct({{ order_columns | join(', ') }}))
    {%- if where %} filter (where {{ where }}){% endif %}
{%- endmacro %}
