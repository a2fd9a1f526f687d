{#-
    association_measures(pair_count, antecedent_count, consequent_count,
    total_count): the select items `support`, `confidence` and `lift` of an
    association rule "antecedent -> consequent", as doubles, from the count
    of baskets holding both, holding each, and all baskets. Divided as
    doubles, which every engine rounds alike (Spark divides a decimal to a
    scale of its own). Used by product_affinity and category_sequences.
-#}
{% macro association_measures(
    pair_count, antecedent_count, consequent_count, total_count
) -%}
    cast({{ pair_count }} as {{ type_double() }})
    / {{ total_count }} as support,  -- noqa: RF04
    cast({{ pair_count }} as {{ type_double() }})
    / {{ antecedent_count }} as confidence,
    cast({{ pair_count }} as {{ type_double() }}) * {{ total_count }}
    / ({{ antecedent_count }} * {{ consequent_count }}) as lift
{%- endmacro %}
