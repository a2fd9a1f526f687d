{#-
    base_commerce__order_lines_checked: one row per raw order line, typed,
    with the reason it is not staged (null when clean). Checks, first failing
    wins:
      0. schema_drift       its file does not fit the contract
                            (source_schema_issue, macro
                            register_landing_zone)
      1. missing_key        order_id blank or line_number missing or not a
                            number
      2. unparseable_value  quantity, unit_price or line_discount present but
                            not a number
      3. invalid_value      line_number or quantity a number but not a whole
                            one (1.5, '9.5'): never rounded to another line
                            or unit count
      4. negative_amount    quantity, unit_price or line_discount below zero
      5. orphan_order_line  the order is not in stg_commerce__orders (unknown,
                            or every version of it was rejected: a missing
                            exchange rate, an unknown status, ...)
      6. duplicate          a clean line with the same order_id and
                            line_number was kept already
-#}
{{ config(materialized='table') }}

with

raw_order_lines as (

    select
        order_id,
        line_number,
        product_id,
        quantity,
        unit_price,
        line_discount,
        source_file_name,
        source_schema_issue
    from {{ source('commerce', 'order_lines') }}

),

staged_orders as (

    select order_id
    from {{ ref('stg_commerce__orders') }}

),

order_lines_typed as (

    select
        {{ clean_string('order_id') }} as order_id,
        {{ parse_number('line_number', type_any_number()) }}
            as line_number_number,
        {{ parse_integer('line_number') }} as line_number,
        {{ clean_string('product_id') }} as product_id,
        {{ clean_string('quantity') }} as quantity_text,
        {{ parse_number('quantity', type_any_number()) }} as quantity_number,
        {{ parse_integer('quantity') }} as quantity,
        {{ clean_string('unit_price') }} as unit_price_text,
        {{ parse_number('unit_price', type_amount()) }} as unit_price,
        {{ clean_string('line_discount') }} as line_discount_text,
        {{ parse_number('line_discount', type_amount()) }} as line_discount,
        source_file_name,
        source_schema_issue,
        {#- raw values as text for the audit record -#}
        cast(order_id as {{ dbt.type_string() }}) as raw_order_id,
        cast(line_number as {{ dbt.type_string() }}) as raw_line_number,
        cast(product_id as {{ dbt.type_string() }}) as raw_product_id,
        cast(quantity as {{ dbt.type_string() }}) as raw_quantity,
        cast(unit_price as {{ dbt.type_string() }}) as raw_unit_price,
        cast(line_discount as {{ dbt.type_string() }}) as raw_line_discount
    from raw_order_lines

),

row_checked as (

    select
        order_lines_typed.*,
        case
            when order_lines_typed.source_schema_issue is not null
                then 'schema_drift'
            when
                order_lines_typed.order_id is null
                or order_lines_typed.line_number_number is null
                then 'missing_key'
            when
                (
                    order_lines_typed.quantity_text is not null
                    and order_lines_typed.quantity_number is null
                )
                or (
                    order_lines_typed.unit_price_text is not null
                    and order_lines_typed.unit_price is null
                )
                or (
                    order_lines_typed.line_discount_text is not null
                    and order_lines_typed.line_discount is null
                )
                then 'unparseable_value'
            when
                order_lines_typed.line_number is null
                or (
                    order_lines_typed.quantity_number is not null
                    and order_lines_typed.quantity is null
                )
                then 'invalid_value'
            when
                order_lines_typed.quantity < 0
                or order_lines_typed.unit_price < 0
                or order_lines_typed.line_discount < 0
                then 'negative_amount'
            when staged_orders.order_id is null then 'orphan_order_line'
        end as row_rejection_reason
    from order_lines_typed
    left join staged_orders
        on order_lines_typed.order_id = staged_orders.order_id

),

copies_ranked as (

    select
        *,
        row_number() over (
            partition by order_id, line_number, row_rejection_reason
            order by source_file_name asc, product_id asc
        ) as copy_number
    from row_checked

),

final as (

    select
        {{ dbt.concat([
            'order_id',
            "'-'",
            dbt.safe_cast('line_number', dbt.type_string()),
        ]) }} as order_line_id,
        order_id,
        product_id,
        source_file_name,
        line_number,
        quantity,
        unit_price,
        line_discount as line_discount_amount,
        coalesce(
            row_rejection_reason,
            case when copy_number > 1 then 'duplicate' end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or copy_number > 1
                then {{ json_object_text({
                    'order_id': 'raw_order_id',
                    'line_number': 'raw_line_number',
                    'product_id': 'raw_product_id',
                    'quantity': 'raw_quantity',
                    'unit_price': 'raw_unit_price',
                    'line_discount': 'raw_line_discount',
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as raw_record
    from copies_ranked

)

select * from final
