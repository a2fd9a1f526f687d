{#-
    seg_benefits_sought: one row per non-erased CRM customer as of the as-of date D: the benefit they seek
    (benefit_segment, stated or inferred) with the signals behind it. The current rows (is_current, the
    as-of date D) of the label model int_customers_benefits_sought_segmented, which holds the rules and the
    history over the as-of spine.
-#}
with

segmented as (

    select
        customer_id,
        benefit_segment,
        benefit_source,
        inferred_benefit,
        stated_benefit,
        top_category,
        order_count,
        line_spend,
        top_category_spend,
        discounted_order_share,
        top_price_quartile_spend_share,
        convenience_order_share,
        top_category_spend_share
    from {{ ref('int_customers_benefits_sought_segmented') }}
    where is_current

),

final as (

    select
        customer_id,
        benefit_segment,
        benefit_source,
        inferred_benefit,
        stated_benefit,
        top_category,
        order_count,
        line_spend,
        top_category_spend,
        discounted_order_share,
        top_price_quartile_spend_share,
        convenience_order_share,
        top_category_spend_share
    from segmented

)

select * from final
