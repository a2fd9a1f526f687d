{#-
    int_order_lines_completed: one row per order line of a completed order (int_orders_completed: every
    completed order, as-of independent; the aggregates join the as-of spine on ordered_local_date), with
    the product category and whether the line's unit price reaches the segments__quality_price_quantile
    (default 0.75: top quartile) of its category's list prices (continuous percentile over the category's
    products). Lines of unknown products get category 'unknown' and are never top quartile.
    unit_price and line_amount are converted into the reporting currency with their order's rate
    (int_orders_converted); product list prices are taken to be in the reporting currency already.
-#}
with

order_lines as (

    select
        order_line_id,
        order_id,
        product_id,
        quantity,
        unit_price,
        line_amount
    from {{ ref('stg_commerce__order_lines') }}

),

orders as (

    select
        order_id,
        customer_id,
        exchange_rate,
        ordered_local_date
    from {{ ref('int_orders_completed') }}

),

products as (

    select
        product_id,
        product_category,
        list_price
    from {{ ref('stg_commerce__products') }}

),

category_price_thresholds as (

    select
        product_category,
        percentile_cont({{ var('segments__quality_price_quantile') }})
        within group (order by list_price) as top_price_threshold
    from products
    where list_price is not null
    group by product_category

),

order_lines_converted as (

    select
        order_lines.order_line_id,
        order_lines.order_id,
        orders.customer_id,
        order_lines.product_id,
        order_lines.quantity,
        cast(
            round(order_lines.unit_price * orders.exchange_rate, 2)
            as decimal(18, 2)
        ) as unit_price,
        cast(
            round(order_lines.line_amount * orders.exchange_rate, 2)
            as decimal(18, 2)
        ) as line_amount,
        orders.ordered_local_date
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id

),

final as (

    select
        order_lines_converted.order_line_id,
        order_lines_converted.order_id,
        order_lines_converted.customer_id,
        order_lines_converted.product_id,
        coalesce(products.product_category, 'unknown') as product_category,
        order_lines_converted.quantity,
        order_lines_converted.unit_price,
        order_lines_converted.line_amount,
        cast(
            category_price_thresholds.top_price_threshold as decimal(18, 2)
        ) as top_price_threshold,
        coalesce(
            order_lines_converted.unit_price
            >= category_price_thresholds.top_price_threshold,
            false
        ) as is_top_price_quartile,
        order_lines_converted.ordered_local_date
    from order_lines_converted
    left join products
        on order_lines_converted.product_id = products.product_id
    left join category_price_thresholds
        on
            products.product_category
            = category_price_thresholds.product_category

)

select * from final
