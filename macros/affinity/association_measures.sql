{#-
    association_measures(pair_count, antecedent_count, consequent_count,
    total_count): the select items `support`, `confidence` and `lift` of an
    association rule "antecedent -> consequent", as doubles, from the count
    of baskets holding both, holding each, and all baskets. Used by
    product_affinity and category_sequences.
-#}
{% macro association_measures(
    pair_count, antecedent_count, consequent_count, total_count
) -%}
    cast(
        {{ pair_count }} * 1.0 / {{ total_count }} as {{ type_double() }}
    ) as support,  -- noqa: RF04
    cast(
        {{ pair_count }} * 1.0 / {{ antecedent_count }} as {{ type_double() }}
    ) as confidence,
    cast(
        {{ pair_count }} * 1.0 * {{ total_count }}
        / ({{ antecedent_count }} * {{ consequent_count }})
        as {{ type_double() }}
    ) as lift
{%- endmacro %}
