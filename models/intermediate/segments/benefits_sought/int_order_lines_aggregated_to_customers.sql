{#-
    int_order_lines_aggregated_to_customers: one row per as-of date of the spine (int_as_of_date_spine) and
    customer with at least one line of a completed order on or before that date: line spend, spend on
    top-price-quartile lines (the quality benefit signal) and the category with the most spend (ties:
    alphabetical) with its share of spend. Lines are summed per customer, category and local order date
    first, so the spine join fans out days, not lines.
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

order_lines as (

    select
        customer_id,
        product_category,
        line_amount,
        is_top_price_quartile,
        ordered_local_date
    from {{ ref('int_order_lines_completed') }}

),

category_days as (

    select
        customer_id,
        product_category,
        ordered_local_date,
        count(*) as line_count,
        sum(coalesce(line_amount, 0)) as line_spend,
        sum(
            case
                when is_top_price_quartile then coalesce(line_amount, 0) else 0
            end
        ) as top_price_quartile_spend
    from order_lines
    group by customer_id, product_category, ordered_local_date

),

category_days_as_of as (

    select
        as_of_dates.as_of_date,
        category_days.customer_id,
        category_days.product_category,
        category_days.line_count,
        category_days.line_spend,
        category_days.top_price_quartile_spend
    from category_days
    inner join as_of_dates
        on category_days.ordered_local_date <= as_of_dates.as_of_date

),

category_spend as (

    select
        as_of_date,
        customer_id,
        product_category,
        sum(line_count) as line_count,
        sum(line_spend) as category_spend,
        sum(top_price_quartile_spend) as top_price_quartile_spend
    from category_days_as_of
    group by as_of_date, customer_id, product_category

),

category_ranked as (

    select
        as_of_date,
        customer_id,
        product_category,
        category_spend,
        row_number() over (
            partition by as_of_date, customer_id
            order by category_spend desc, product_category asc
        ) as category_rank
    from category_spend

),

lines_per_customer as (

    select
        as_of_date,
        customer_id,
        sum(line_count) as line_count,
        sum(category_spend) as line_spend,
        sum(top_price_quartile_spend) as top_price_quartile_spend
    from category_spend
    group by as_of_date, customer_id

),

final as (

    select
        lines_per_customer.as_of_date,
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
            lines_per_customer.as_of_date = category_ranked.as_of_date
            and lines_per_customer.customer_id = category_ranked.customer_id
            and category_ranked.category_rank = 1

)

select * from final
