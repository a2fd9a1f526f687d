{#-
    stg_commerce__products: one row per clean product (product_id). Free
    text is scrubbed of emails, phone numbers and personal URL parameters
    (macro scrub_pii).
-#}
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
        {{ scrub_pii('product_name') }} as product_name,
        {{ scrub_pii('product_category') }} as product_category,
        {{ scrub_pii('product_subcategory') }} as product_subcategory,
        {{ scrub_pii('brand') }} as brand,
        -- numerics
        list_price
    from checked_products
    where rejection_reason is null

)

select * from final
