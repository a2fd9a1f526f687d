{#-
    int_orders_converted: one row per staged order (every status, guests included; orders of erased
    customers are left out, as everywhere past staging), every amount converted
    from the order's currency into the reporting currency (var segments__reporting_currency, default USD):
    amount x the seed exchange_rates rate into the reporting currency valid on the order's UTC date (1 for an
    order already in the reporting currency), rounded to cents. Staging rejects an order without such a rate
    (missing_exchange_rate), so every order here has one. The one place money changes currency: every model
    downstream (order totals, discounts, line prices) reads its amounts from here.
    A rate holds from valid_from (inclusive) to valid_to (exclusive).
-#}
{%- set reporting_currency = var('segments__reporting_currency') %}
with

orders as (

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
        updated_at
    from {{ ref('stg_commerce__orders') }}

),

erased_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

exchange_rates as (

    select
        from_currency_code,
        valid_from,
        valid_to,
        rate
    from {{ ref('exchange_rates') }}
    where to_currency_code = '{{ reporting_currency }}'

),

orders_rated as (

    select
        orders.*,
        case
            when orders.currency_code = '{{ reporting_currency }}'
                then cast(1 as decimal(18, 10))
            else exchange_rates.rate
        end as exchange_rate
    from orders
    left join exchange_rates
        on
            orders.currency_code = exchange_rates.from_currency_code
            and cast(orders.ordered_at as date) >= exchange_rates.valid_from
            and cast(orders.ordered_at as date) < exchange_rates.valid_to
    left join erased_customers
        on orders.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null

),

final as (

    select
        order_id,
        customer_id,
        order_status,
        currency_code,
        '{{ reporting_currency }}' as reporting_currency_code,
        coupon_code,
        shipping_method,
        sales_channel,
        exchange_rate,
        cast(
            round(subtotal_amount * exchange_rate, 2) as {{ type_amount() }}
        ) as subtotal_amount,
        cast(
            round(discount_amount * exchange_rate, 2) as {{ type_amount() }}
        ) as discount_amount,
        cast(
            round(shipping_amount * exchange_rate, 2) as {{ type_amount() }}
        ) as shipping_amount,
        cast(
            round(tax_amount * exchange_rate, 2) as {{ type_amount() }}
        ) as tax_amount,
        cast(
            round(order_total * exchange_rate, 2) as {{ type_amount() }}
        ) as order_total,
        ordered_at,
        updated_at
    from orders_rated

)

select * from final
