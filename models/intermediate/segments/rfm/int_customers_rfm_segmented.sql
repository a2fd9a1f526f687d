{#-
    int_customers_rfm_segmented: the RFM label model, one row per as-of date of the spine and CRM customer
    counted at that date (int_customers_as_of_dates): RFM inputs, scores and segment as of that date.
    seg_rfm keeps the current rows (is_current, the as-of date D). rfm_segment comes from seed
    rfm_segment_grid (r_score x f_score, all cells); customers without a completed order on or before the
    date are `no_purchases` with null scores.
-#}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

customer_orders as (

    select
        as_of_date,
        customer_id,
        order_count,
        purchase_days,
        total_revenue,
        avg_order_value,
        avg_revenue_per_purchase_day,
        recency_days,
        first_order_date,
        last_order_date
    from {{ ref_restated('int_orders_aggregated_to_customers') }}

),

rfm_scores as (

    select
        as_of_date,
        customer_id,
        rfm_scoring_method,
        r_score,
        f_score,
        m_score
    from {{ ref_restated('int_customers_rfm_scored') }}

),

rfm_segment_grid as (

    select
        r_score,
        f_score,
        rfm_segment
    from {{ ref('rfm_segment_grid') }}

),

customers_segmented as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        case
            when customer_orders.customer_id is null then 'no_purchases'
            else coalesce(rfm_segment_grid.rfm_segment, 'unknown')
        end as rfm_segment,
        case
            when rfm_scores.r_score is not null
                then
                    {{ dbt.concat([
                        dbt.safe_cast('rfm_scores.r_score', dbt.type_string()),
                        dbt.safe_cast('rfm_scores.f_score', dbt.type_string()),
                        dbt.safe_cast('rfm_scores.m_score', dbt.type_string()),
                    ]) }}
        end as rfm_cell,
        rfm_scores.rfm_scoring_method,
        rfm_scores.r_score,
        rfm_scores.f_score,
        rfm_scores.m_score,
        customer_orders.recency_days,
        coalesce(customer_orders.order_count, 0) as order_count,
        coalesce(customer_orders.purchase_days, 0) as purchase_days,
        coalesce(customer_orders.total_revenue, 0) as total_revenue,
        customer_orders.avg_order_value,
        customer_orders.avg_revenue_per_purchase_day,
        customer_orders.first_order_date,
        customer_orders.last_order_date
    from customers
    left join customer_orders
        on
            customers.as_of_date = customer_orders.as_of_date
            and customers.customer_id = customer_orders.customer_id
    left join rfm_scores
        on
            customers.as_of_date = rfm_scores.as_of_date
            and customers.customer_id = rfm_scores.customer_id
    left join rfm_segment_grid
        on
            rfm_scores.r_score = rfm_segment_grid.r_score
            and rfm_scores.f_score = rfm_segment_grid.f_score

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(rfm_segment as {{ dbt.type_string() }}) as rfm_segment,
        cast(rfm_cell as {{ dbt.type_string() }}) as rfm_cell,
        cast(
            coalesce(
                rfm_scoring_method, '{{ var("segments__rfm_scoring_method") }}'
            ) as {{ dbt.type_string() }}
        ) as rfm_scoring_method,
        cast(r_score as {{ dbt.type_int() }}) as r_score,
        cast(f_score as {{ dbt.type_int() }}) as f_score,
        cast(m_score as {{ dbt.type_int() }}) as m_score,
        cast(recency_days as {{ dbt.type_int() }}) as recency_days,
        cast(order_count as {{ dbt.type_int() }}) as order_count,
        cast(purchase_days as {{ dbt.type_int() }}) as purchase_days,
        cast(total_revenue as decimal(18, 2)) as total_revenue,
        cast(avg_order_value as decimal(18, 2)) as avg_order_value,
        cast(
            avg_revenue_per_purchase_day as decimal(18, 2)
        ) as avg_revenue_per_purchase_day,
        first_order_date,
        last_order_date,
        is_current
    from customers_segmented

)

select * from final
