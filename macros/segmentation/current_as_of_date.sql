{#-
    current_as_of_date(): the date every segment is computed as of, as a scalar SQL expression.
    The one-row model int_current_as_of_date resolves it: the var `as_of_date` when set, else the local date of the
    latest clean event. Calling this macro makes the model depend on int_current_as_of_date; unit tests give that
    input one row.
-#}
{% macro current_as_of_date() -%}
    (select as_of_date from {{ ref('int_current_as_of_date') }})
{%- endmacro %}
