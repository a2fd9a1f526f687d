{#-
    stg_commerce__orders: one row per order, its latest clean version. Guest
    orders (customer unknown to the CRM) are kept; rejected and superseded
    versions are in audit.rejected_rows. Free text is scrubbed of emails,
    phone numbers and personal URL parameters (macro scrub_pii).
-#}
with

checked_orders as (

    select
        order_id,
        customer_id,
        order_status,
        currency_code,
        coupon_code,
        shipping_method,
        sales_channel,
        subtotal_amount,
        discount_amount,
        shipping_amount,
        tax_amount,
        order_total,
        ordered_at,
        updated_at,
        rejection_reason
    from {{ ref('base_commerce__orders_checked') }}

),

final as (

    select
        -- ids
        order_id,
        customer_id,
        -- strings
        order_status,
        currency_code,
        {{ scrub_pii('coupon_code') }} as coupon_code,
        {{ scrub_pii('shipping_method') }} as shipping_method,
        {{ scrub_pii('sales_channel') }} as sales_channel,
        -- numerics
        subtotal_amount,
        discount_amount,
        shipping_amount,
        tax_amount,
        order_total,
        -- timestamps
        ordered_at,
        updated_at
    from checked_orders
    where rejection_reason is null

)

select * from final
