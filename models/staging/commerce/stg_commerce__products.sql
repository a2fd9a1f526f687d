{#- stg_commerce__products: one row per clean product (product_id). -#}
with

checked_products as (

    select
        product_id,
        product_name,
        product_category,
        product_subcategory,
        brand,
        list_price,
        rejection_reason
    from {{ ref('base_commerce__products_checked') }}

),

final as (

    select
        -- ids
        product_id,
        -- strings
        product_name,
        product_category,
        product_subcategory,
        brand,
        -- numerics
        list_price
    from checked_products
    where rejection_reason is null

)

select * from final
