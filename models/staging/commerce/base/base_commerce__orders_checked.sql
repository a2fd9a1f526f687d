{#-
    base_commerce__orders_checked: one row per raw order version, typed, with
    the reason it is not staged (null for the latest clean version of each
    order). Checks, first failing wins:
      1. missing_key            order_id blank
      2. unparseable_timestamp  created_at or updated_at missing or
                                unparseable
      3. unparseable_value      an amount present but not a number that fits
                                decimal(18, 2) (more decimals are rounded)
      4. negative_amount        an amount below zero
      5. duplicate              same updated_at as the kept version
      6. superseded_version     an older version of an order
    A version is compared only with clean versions: a rejected latest version
    does not hide the previous clean one.
-#}
{{ config(materialized='table') }}

with

raw_orders as (

    select
        order_id,
        customer_id,
        created_at,
        status,
        currency,
        subtotal,
        discount_total,
        shipping_total,
        tax_total,
        total,
        coupon_code,
        shipping_method,
        sales_channel,
        updated_at,
        source_file_name
    from {{ source('commerce', 'orders') }}

),

orders_typed as (

    select
        {{ clean_string('order_id') }} as order_id,
        {{ clean_string('customer_id') }} as customer_id,
        lower({{ clean_string('status') }}) as order_status,
        upper({{ clean_string('currency') }}) as currency_code,
        upper({{ clean_string('coupon_code') }}) as coupon_code,
        lower({{ clean_string('shipping_method') }}) as shipping_method,
        lower({{ clean_string('sales_channel') }}) as sales_channel,
        {{ clean_string('subtotal') }} as subtotal_text,
        {{ parse_number('subtotal', type_amount()) }} as subtotal_amount,
        {{ clean_string('discount_total') }} as discount_text,
        {{ parse_number('discount_total', type_amount()) }}
            as discount_amount,
        {{ clean_string('shipping_total') }} as shipping_text,
        {{ parse_number('shipping_total', type_amount()) }}
            as shipping_amount,
        {{ clean_string('tax_total') }} as tax_text,
        {{ parse_number('tax_total', type_amount()) }}
            as tax_amount,
        {{ clean_string('total') }} as total_text,
        {{ parse_number('total', type_amount()) }} as order_total,
        {{ parse_timestamp_utc('created_at') }} as ordered_at,
        {{ parse_timestamp_utc('updated_at') }} as updated_at,
        source_file_name,
        {#- raw values as text for the audit record -#}
        cast(order_id as {{ dbt.type_string() }}) as raw_order_id,
        cast(customer_id as {{ dbt.type_string() }}) as raw_customer_id,
        cast(created_at as {{ dbt.type_string() }}) as raw_created_at,
        cast(status as {{ dbt.type_string() }}) as raw_status,
        cast(total as {{ dbt.type_string() }}) as raw_total,
        cast(updated_at as {{ dbt.type_string() }}) as raw_updated_at
    from raw_orders

),

row_checked as (

    select
        *,
        case
            when order_id is null then 'missing_key'
            when ordered_at is null or updated_at is null
                then 'unparseable_timestamp'
            when
                (subtotal_text is not null and subtotal_amount is null)
                or (discount_text is not null and discount_amount is null)
                or (shipping_text is not null and shipping_amount is null)
                or (tax_text is not null and tax_amount is null)
                or (total_text is not null and order_total is null)
                then 'unparseable_value'
            when
                subtotal_amount < 0
                or discount_amount < 0
                or shipping_amount < 0
                or tax_amount < 0
                or order_total < 0
                then 'negative_amount'
        end as row_rejection_reason
    from orders_typed

),

versions_ranked as (

    select
        *,
        row_number() over (
            partition by order_id, row_rejection_reason
            order by updated_at desc, source_file_name desc
        ) as version_number,
        max(updated_at) over (
            partition by order_id, row_rejection_reason
        ) as latest_updated_at
    from row_checked

),

final as (

    select
        order_id,
        customer_id,
        order_status,
        currency_code,
        coupon_code,
        shipping_method,
        sales_channel,
        source_file_name,
        subtotal_amount,
        discount_amount,
        shipping_amount,
        tax_amount,
        order_total,
        ordered_at,
        updated_at,
        coalesce(
            row_rejection_reason,
            case
                when version_number > 1 and updated_at = latest_updated_at
                    then 'duplicate'
                when version_number > 1 then 'superseded_version'
            end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or version_number > 1
                then {{ json_object_text({
                    'order_id': 'raw_order_id',
                    'customer_id': 'raw_customer_id',
                    'created_at': 'raw_created_at',
                    'status': 'raw_status',
                    'total': 'raw_total',
                    'updated_at': 'raw_updated_at',
                }) }}
        end as raw_record
    from versions_ranked

)

select * from final
