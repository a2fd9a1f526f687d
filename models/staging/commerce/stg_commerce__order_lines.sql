{#-
    stg_commerce__order_lines: one row per clean order line (order_id +
    line_number) of a staged order. line_amount = quantity * unit_price minus
    the line discount (a missing discount counts as zero).
-#}
with

checked_order_lines as (

    select
        order_line_id,
        order_id,
        product_id,
        line_number,
        quantity,
        unit_price,
        line_discount_amount,
        rejection_reason
    from {{ ref('base_commerce__order_lines_checked') }}

),

final as (

    select
        -- ids
        order_line_id,
        order_id,
        product_id,
        -- numerics
        line_number,
        quantity,
        unit_price,
        line_discount_amount,
        cast(
            quantity * unit_price - coalesce(line_discount_amount, 0)
            as {{ type_amount() }}
        ) as line_amount
    from checked_order_lines
    where rejection_reason is null

)

select * from final
