{#-
    hash_pii(expression): salted hash of a PII value (trimmed, lower-cased), usable as a join key without the
    value in clear. The salt is the var segments__pii_salt. Null stays null.
-#}
{% macro hash_pii(expression) -%}
    case
        when {{ expression }} is not null
            then {{ dbt.hash(dbt.concat(["'" ~ var('segments__pii_salt') ~ "'", "lower(trim(" ~ expression ~ "))"])) }}
    end
{%- endmacro %}
