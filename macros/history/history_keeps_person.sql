{#-
    history_keeps_person(customer_id, is_current): the join condition that
    keeps a person's row at an as-of date. Customers have a row at every
    as-of date (their segment history); anonymous persons (customer_id null)
    only at the current as-of date D: no mart reads their past rows, and a
    device identified later moves its events to the customer anyway.
-#}
{% macro history_keeps_person(customer_id, is_current) -%}
    ({{ customer_id }} is not null or {{ is_current }})
{%- endmacro %}
