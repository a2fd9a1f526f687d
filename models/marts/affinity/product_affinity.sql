{#-
    product_affinity: one row per basket kind and ordered pair of products
    (product_id -> associated_product_id) found together in enough baskets:
    support (share of the kind's baskets holding both), confidence (share of
    the baskets holding product_id that also hold the associated product)
    and lift (confidence over the associated product's own share).
    Pairs under segments__affinity_min_support or
    segments__affinity_min_pair_count are left out.
-#}
with

baskets as (

    select
        basket_kind,
        basket_id,
        product_id
    from {{ ref('int_product_baskets') }}

),

catalog as (

    select
        product_id,
        product_name
    from {{ ref('stg_commerce__products') }}

),

kind_totals as (

    select
        basket_kind,
        count(distinct basket_id) as basket_count
    from baskets
    group by basket_kind

),

product_totals as (

    select
        basket_kind,
        product_id,
        count(*) as product_basket_count
    from baskets
    group by basket_kind, product_id

),

pairs as (

    select
        antecedent.basket_kind,
        antecedent.product_id,
        consequent.product_id as associated_product_id,
        count(*) as pair_basket_count
    from baskets as antecedent
    inner join baskets as consequent
        on
            antecedent.basket_kind = consequent.basket_kind
            and antecedent.basket_id = consequent.basket_id
            and antecedent.product_id != consequent.product_id
    group by
        antecedent.basket_kind,
        antecedent.product_id,
        consequent.product_id

),

pairs_measured as (

    select
        pairs.basket_kind,
        pairs.product_id,
        pairs.associated_product_id,
        pairs.pair_basket_count,
        antecedent_names.product_name,
        consequent_names.product_name as associated_product_name,
        antecedents.product_basket_count,
        consequents.product_basket_count as associated_product_basket_count,
        kind_totals.basket_count,
        {{ association_measures(
            'pairs.pair_basket_count',
            'antecedents.product_basket_count',
            'consequents.product_basket_count',
            'kind_totals.basket_count',
        ) }}
    from pairs
    inner join kind_totals
        on pairs.basket_kind = kind_totals.basket_kind
    inner join product_totals as antecedents
        on
            pairs.basket_kind = antecedents.basket_kind
            and pairs.product_id = antecedents.product_id
    inner join product_totals as consequents
        on
            pairs.basket_kind = consequents.basket_kind
            and pairs.associated_product_id = consequents.product_id
    left join catalog as antecedent_names
        on pairs.product_id = antecedent_names.product_id
    left join catalog as consequent_names
        on pairs.associated_product_id = consequent_names.product_id

),

final as (

    select
        cast(basket_kind as {{ dbt.type_string() }}) as basket_kind,
        cast(product_id as {{ dbt.type_string() }}) as product_id,
        cast(associated_product_id as {{ dbt.type_string() }})
            as associated_product_id,
        cast(product_name as {{ dbt.type_string() }}) as product_name,
        cast(associated_product_name as {{ dbt.type_string() }})
            as associated_product_name,
        cast(pair_basket_count as {{ dbt.type_int() }}) as pair_basket_count,
        cast(product_basket_count as {{ dbt.type_int() }})
            as product_basket_count,
        cast(associated_product_basket_count as {{ dbt.type_int() }})
            as associated_product_basket_count,
        cast(basket_count as {{ dbt.type_int() }}) as basket_count,
        support,  -- noqa: RF04
        confidence,
        lift,
        {{ current_as_of_date() }} as as_of_date
    from pairs_measured
    where
        pair_basket_count >= {{ var('segments__affinity_min_pair_count') }}
        and support >= {{ var('segments__affinity_min_support') }}

)

select * from final
