{#-
    money_quotient(numerator, denominator): an amount divided by a count, rounded to cents half away from zero,
    as decimal(18, 2), the same on every engine (an average order value). Dispatched: Postgres and Spark divide
    decimals exactly and round; DuckDB divides decimals as doubles (160.95 / 2 = 80.4749999..., 80.47 where the
    others say 80.48), so it works in whole cents with integer division. Null when the denominator is 0 or null.
-#}
{% macro money_quotient(numerator, denominator) -%}
    {{ return(adapter.dispatch('money_quotient', 'segments')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__money_quotient(numerator, denominator) -%}
    cast(round(
        cast({{ numerator }} as decimal(38, 9)) / nullif({{ denominator }}, 0), 2
    ) as decimal(18, 2))
{%- endmacro %}

{% macro duckdb__money_quotient(numerator, denominator) -%}
    cast(
        sign({{ numerator }})
        * ((abs(cast(round({{ numerator }} * 100) as hugeint)) * 2 + nullif({{ denominator }}, 0))
            // (2 * nullif({{ denominator }}, 0)))
        * 0.01
        as decimal(18, 2)
    )
{%- endmacro %}
