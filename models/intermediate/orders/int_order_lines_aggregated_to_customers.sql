{#-
    int_order_lines_aggregated_to_customers: one row per customer with at least one line of a completed order
    on or before the as-of date: line spend, spend on top-price-quartile lines (the quality benefit signal)
    and the category with the most spend (ties: alphabetical) with its share of spend.
-#}
with

order_lines as (

    select
        customer_id,
        product_category,
        line_amount,
        is_top_price_quartile
    from {{ ref('int_order_lines_completed') }}

),

category_spend as (

    select
        customer_id,
        product_category,
        sum(coalesce(line_amount, 0)) as category_spend
    from order_lines
    group by customer_id, product_category

),

category_ranked as (

    select
        customer_id,
        product_category,
        category_spend,
        row_number() over (
            partition by customer_id
            order by category_spend desc, product_category asc
        ) as category_rank
    from category_spend

),

lines_per_customer as (

    select
        customer_id,
        count(*) as line_count,
        sum(coalesce(line_amount, 0)) as line_spend,
        sum(
            case
                when is_top_price_quartile then coalesce(line_amount, 0) else 0
            end
        ) as top_price_quartile_spend
    from order_lines
    group by customer_id

),

final as (

    select
        lines_per_customer.customer_id,
        category_ranked.product_category as top_category,
        cast(lines_per_customer.line_count as {{ dbt.type_int() }})
            as line_count,
        cast(lines_per_customer.line_spend as decimal(18, 2)) as line_spend,
        cast(
            lines_per_customer.top_price_quartile_spend as decimal(18, 2)
        ) as top_price_quartile_spend,
        cast(category_ranked.category_spend as decimal(18, 2))
            as top_category_spend,
        case
            when lines_per_customer.line_spend > 0
                then
                    cast(
                        lines_per_customer.top_price_quartile_spend
                        as {{ type_double() }}
                    )
                    / cast(lines_per_customer.line_spend as {{ type_double() }})
            else 0
        end as top_price_quartile_spend_share,
        case
            when lines_per_customer.line_spend > 0
                then
                    cast(category_ranked.category_spend as {{ type_double() }})
                    / cast(lines_per_customer.line_spend as {{ type_double() }})
            else 0
        end as top_category_spend_share
    from lines_per_customer
    left join category_ranked
        on
            lines_per_customer.customer_id = category_ranked.customer_id
            and category_ranked.category_rank = 1

)

select * from final
