{#-
    int_customers_benefits_sought_segmented: the benefits-sought label model, one row per as-of date of the
    spine and CRM customer counted at that date (int_customers_as_of_dates): the benefit they seek as of
    that date (orders, order lines and survey responses on or before it, all joined on as_of_date).
    seg_benefits_sought keeps the current rows (is_current, the as-of date D). inferred_benefit, first
    match wins: unknown (no completed order); price (discounted order share >=
    segments__price_benefit_min_share); quality (share of line spend on top-price-quartile lines >=
    segments__quality_benefit_min_share); convenience (share of orders shipped express or placed in the app
    >= segments__convenience_benefit_min_share); none. stated_benefit: primary benefit of the latest survey
    response that states one, else unknown. benefit_segment: stated when known, else inferred.
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
        discounted_order_count,
        convenience_order_count,
        discounted_order_share,
        convenience_order_share
    from {{ ref_restated('int_orders_aggregated_to_customers') }}

),

customer_lines as (

    select
        as_of_date,
        customer_id,
        top_category,
        line_spend,
        top_price_quartile_spend,
        top_category_spend,
        top_price_quartile_spend_share,
        top_category_spend_share
    from {{ ref_restated('int_order_lines_aggregated_to_customers') }}

),

survey_responses as (

    select
        as_of_date,
        customer_id,
        latest_primary_benefit
    from {{ ref_restated('int_survey_responses_aggregated_to_customers') }}

),

customers_inferred as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        case
            when customer_orders.customer_id is null then 'unknown'
            when
                customer_orders.discounted_order_count
                >= {{ var('segments__price_benefit_min_share') }}
                * customer_orders.order_count
                then 'price'
            {#- share compared exactly: spend >= share x line spend #}
            when
                customer_lines.line_spend > 0
                and customer_lines.top_price_quartile_spend
                >= {{ var('segments__quality_benefit_min_share') }}
                * customer_lines.line_spend
                then 'quality'
            when
                customer_orders.convenience_order_count
                >= {{ var('segments__convenience_benefit_min_share') }}
                * customer_orders.order_count
                then 'convenience'
            else 'none'
        end as inferred_benefit,
        coalesce(survey_responses.latest_primary_benefit, 'unknown')
            as stated_benefit,
        coalesce(customer_lines.top_category, 'unknown') as top_category,
        coalesce(customer_orders.order_count, 0) as order_count,
        customer_lines.line_spend,
        customer_lines.top_category_spend,
        customer_orders.discounted_order_share,
        customer_lines.top_price_quartile_spend_share,
        customer_orders.convenience_order_share,
        customer_lines.top_category_spend_share
    from customers
    left join customer_orders
        on
            customers.as_of_date = customer_orders.as_of_date
            and customers.customer_id = customer_orders.customer_id
    left join customer_lines
        on
            customers.as_of_date = customer_lines.as_of_date
            and customers.customer_id = customer_lines.customer_id
    left join survey_responses
        on
            customers.as_of_date = survey_responses.as_of_date
            and customers.customer_id = survey_responses.customer_id

),

customers_segmented as (

    select
        as_of_date,
        customer_id,
        is_current,
        case
            when stated_benefit <> 'unknown' then stated_benefit
            else inferred_benefit
        end as benefit_segment,
        case
            when stated_benefit <> 'unknown' then 'stated'
            when inferred_benefit <> 'unknown' then 'inferred'
            else 'unknown'
        end as benefit_source,
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
    from customers_inferred

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(benefit_segment as {{ dbt.type_string() }}) as benefit_segment,
        cast(benefit_source as {{ dbt.type_string() }}) as benefit_source,
        cast(inferred_benefit as {{ dbt.type_string() }}) as inferred_benefit,
        cast(stated_benefit as {{ dbt.type_string() }}) as stated_benefit,
        cast(top_category as {{ dbt.type_string() }}) as top_category,
        cast(order_count as {{ dbt.type_int() }}) as order_count,
        cast(line_spend as decimal(18, 2)) as line_spend,
        cast(top_category_spend as decimal(18, 2)) as top_category_spend,
        cast(discounted_order_share as {{ type_double() }})
            as discounted_order_share,
        cast(top_price_quartile_spend_share as {{ type_double() }})
            as top_price_quartile_spend_share,
        cast(convenience_order_share as {{ type_double() }})
            as convenience_order_share,
        cast(top_category_spend_share as {{ type_double() }})
            as top_category_spend_share,
        is_current
    from customers_segmented

)

select * from final
