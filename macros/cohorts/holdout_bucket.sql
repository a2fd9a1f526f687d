{#-
    holdout_bucket(customer_id, experiment): the customer's bucket 0 .. 65535 in an experiment: the first four
    hex digits of md5(experiment || ':' || customer_id) read as an integer. It depends on the customer and
    the experiment alone, so it is stable across runs, engines (md5 is the same everywhere; the digits are
    read with position(), no hex cast) and other customers joining or leaving. A member is in the holdout
    when bucket < share * 65536. segments_tooling.cohort_check recomputes it in Python.
-#}
{% macro holdout_bucket(customer_id, experiment) -%}
    {%- set digest = dbt.hash(dbt.concat([
        "'" ~ experiment | replace("'", "''") ~ ":'", customer_id])) -%}
    {%- set digits = [] -%}
    {%- for index in range(4) -%}
        {%- do digits.append(
            '(' ~ dbt.position(
                'substr(' ~ digest ~ ', ' ~ (index + 1) ~ ', 1)',
                "'0123456789abcdef'"
            ) ~ ' - 1) * ' ~ 16 ** (3 - index)) -%}
    {%- endfor -%}
    ({{ digits | join(' + ') }})
{%- endmacro %}
