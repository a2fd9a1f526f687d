{#-
    customer_recommendations: one row per customer and recommended product,
    the top segments__recommendations_per_customer products the customer has
    not bought, from the affinity of what they bought (pairs bought in the
    same order or by the same customers) or viewed (pairs viewed in the same
    session) in the recommendation lookback. Each row names its reason: the
    product it comes from and the pair's lift. Products out of the catalog
    are never recommended. Ties: higher lift, then confidence, then the
    product id.
    Only pairs with lift above segments__recommendation_min_lift count; the
    lookback is segments__recommendation_lookback_days.
-#}
{%- set lookback_start = dbt.dateadd(
    'day', -var('segments__recommendation_lookback_days'), current_as_of_date()
) %}

with

customers as (

    select customer_id
    from {{ ref('int_customers_resolved') }}

),

catalog as (

    select
        product_id,
        product_name,
        product_category
    from {{ ref('stg_commerce__products') }}

),

affinity as (

    select
        basket_kind,
        product_id,
        associated_product_id,
        confidence,
        lift
    from {{ ref('product_affinity') }}

),

order_lines as (

    select
        customer_id,
        product_id,
        ordered_local_date
    from {{ ref('int_order_lines_completed') }}

),

events as (

    select
        customer_id,
        product_id,
        event_name,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

bought_ever as (

    select distinct
        customer_id,
        product_id
    from order_lines
    where
        customer_id is not null
        and product_id is not null
        and ordered_local_date <= {{ current_as_of_date() }}

),

recent_interests as (

    {#- what the customer bought or viewed in the lookback, and which basket
        kinds of affinity speak for it -#}
    select distinct
        customer_id,
        product_id,
        'bought' as interest_kind
    from order_lines
    where
        customer_id is not null
        and product_id is not null
        and ordered_local_date > {{ lookback_start }}
        and ordered_local_date <= {{ current_as_of_date() }}

    union all

    select distinct
        customer_id,
        product_id,
        'viewed' as interest_kind
    from events
    where
        customer_id is not null
        and product_id is not null
        and event_name in {{ sql_string_list(
            var('segments__product_view_event_names')
        ) }}
        and event_local_date > {{ lookback_start }}
        and event_local_date <= {{ current_as_of_date() }}

),

candidates as (

    select
        recent_interests.customer_id,
        affinity.associated_product_id as product_id,
        recent_interests.product_id as source_product_id,
        recent_interests.interest_kind,
        affinity.basket_kind,
        affinity.confidence,
        affinity.lift
    from recent_interests
    inner join affinity
        on
            recent_interests.product_id = affinity.product_id
            and (
                (
                    recent_interests.interest_kind = 'bought'
                    and affinity.basket_kind in ('order', 'customer')
                )
                or (
                    recent_interests.interest_kind = 'viewed'
                    and affinity.basket_kind = 'session'
                )
            )
    where affinity.lift > {{ var('segments__recommendation_min_lift') }}

),

candidates_kept as (

    select candidates.*
    from candidates
    inner join customers
        on candidates.customer_id = customers.customer_id
    inner join catalog
        on candidates.product_id = catalog.product_id
    left join bought_ever
        on
            candidates.customer_id = bought_ever.customer_id
            and candidates.product_id = bought_ever.product_id
    where bought_ever.product_id is null

),

best_reason as (

    {#- one reason per recommended product: its strongest pair -#}
    select
        *,
        row_number() over (
            partition by customer_id, product_id
            order by
                lift desc,
                confidence desc,
                source_product_id asc,
                basket_kind asc
        ) as reason_number
    from candidates_kept

),

ranked as (

    select
        *,
        row_number() over (
            partition by customer_id
            order by lift desc, confidence desc, product_id asc
        ) as recommendation_rank
    from best_reason
    where reason_number = 1

),

final as (

    select
        cast(ranked.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(ranked.recommendation_rank as {{ dbt.type_int() }})
            as recommendation_rank,
        cast(ranked.product_id as {{ dbt.type_string() }}) as product_id,
        cast(catalog.product_name as {{ dbt.type_string() }}) as product_name,
        cast(catalog.product_category as {{ dbt.type_string() }})
            as product_category,
        cast(ranked.source_product_id as {{ dbt.type_string() }})
            as source_product_id,
        cast(ranked.interest_kind as {{ dbt.type_string() }})
            as interest_kind,
        cast(ranked.basket_kind as {{ dbt.type_string() }}) as basket_kind,
        cast(ranked.confidence as {{ type_double() }}) as confidence,
        cast(ranked.lift as {{ type_double() }}) as lift,
        {{ current_as_of_date() }} as as_of_date
    from ranked
    inner join catalog
        on ranked.product_id = catalog.product_id
    where
        ranked.recommendation_rank
        <= {{ var('segments__recommendations_per_customer') }}

)

select * from final
