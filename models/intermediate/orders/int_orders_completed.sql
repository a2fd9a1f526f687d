{#-
    int_orders_completed: one row per completed order (latest version completed: net of refunds and
    cancellations) of a non-erased CRM customer, over the whole history: as-of independent, so every
    consumer joins the as-of spine (int_as_of_date_spine) on ordered_local_date, the order's date in the
    customer's local time, and computes its days before each as-of date itself. Guest orders (customer
    unknown to the CRM) are dropped. Carries the local timing attributes (hour, daypart, weekday, season,
    holiday window) and the benefit signals (discounted, convenience) every order-based segment reads.
    Amounts are in the reporting currency (int_orders_converted); exchange_rate carries the order's rate to
    its lines.
    Completed: the latest staged version has a status in var segments__completed_order_statuses (default
    completed); a refunded order is removed entirely. The timing attributes come from seeds dayparts,
    weekdays, seasons and holiday_calendar. int_as_of_date_spine reads the first order date.
-#}
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
        discount_amount,
        order_total,
        exchange_rate,
        ordered_at
    from {{ ref('int_orders_converted') }}

),

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

dayparts as (

    select
        daypart,
        daypart_order,
        start_hour,
        end_hour
    from {{ ref('dayparts') }}

),

weekdays as (

    select
        iso_weekday,
        weekday_name,
        is_weekend
    from {{ ref('weekdays') }}

),

seasons as (

    select
        month_number,
        season
    from {{ ref('seasons') }}

),

holiday_calendar as (

    select
        holiday_name,
        start_date,
        end_date
    from {{ ref('holiday_calendar') }}

),

orders_localized as (

    select
        orders.order_id,
        orders.customer_id,
        orders.currency_code,
        orders.coupon_code,
        orders.shipping_method,
        orders.sales_channel,
        orders.discount_amount,
        orders.order_total,
        orders.exchange_rate,
        orders.ordered_at,
        {{ to_local_timestamp('orders.ordered_at', 'customers.time_zone') }}
            as ordered_local_at
    from orders
    inner join customers
        on orders.customer_id = customers.customer_id
    where
        orders.order_status in {{
            sql_string_list(var('segments__completed_order_statuses'))
        }}
        and orders.ordered_at is not null

),

orders_dated as (

    select
        order_id,
        customer_id,
        currency_code,
        coupon_code,
        shipping_method,
        sales_channel,
        discount_amount,
        order_total,
        exchange_rate,
        ordered_at,
        ordered_local_at,
        cast(ordered_local_at as date) as ordered_local_date,
        cast(
            extract(hour from ordered_local_at) as {{ dbt.type_int() }}
        ) as ordered_local_hour,
        {{ iso_weekday('ordered_local_at') }} as iso_weekday,
        cast(
            extract(month from ordered_local_at) as {{ dbt.type_int() }}
        ) as ordered_local_month
    from orders_localized

),

order_holidays as (

    {#- Windows may overlap (Cyber Monday is December gifting) #}
    select
        orders_dated.order_id,
        min(holiday_calendar.holiday_name) as holiday_name
    from orders_dated
    inner join holiday_calendar
        on
            orders_dated.ordered_local_date >= holiday_calendar.start_date
            and orders_dated.ordered_local_date <= holiday_calendar.end_date
    group by orders_dated.order_id

),

orders_classified as (

    select
        orders_dated.order_id,
        orders_dated.customer_id,
        orders_dated.currency_code,
        orders_dated.shipping_method,
        orders_dated.sales_channel,
        dayparts.daypart,
        weekdays.weekday_name,
        seasons.season,
        order_holidays.holiday_name,
        orders_dated.order_total,
        orders_dated.discount_amount,
        orders_dated.exchange_rate,
        orders_dated.ordered_local_hour,
        dayparts.daypart_order,
        orders_dated.iso_weekday,
        (
            coalesce(orders_dated.discount_amount, 0) > 0
            or coalesce(trim(orders_dated.coupon_code), '') <> ''
        ) as is_discounted,
        (
            orders_dated.shipping_method in {{
                sql_string_list(var('segments__convenience_shipping_methods'))
            }}
            or orders_dated.sales_channel in {{
                sql_string_list(var('segments__convenience_sales_channels'))
            }}
        ) as is_convenience_order,
        coalesce(weekdays.is_weekend, false) as is_weekend,
        (order_holidays.holiday_name is not null) as is_holiday,
        orders_dated.ordered_local_date,
        orders_dated.ordered_at,
        orders_dated.ordered_local_at
    from orders_dated
    left join dayparts
        on
            (
                dayparts.start_hour <= dayparts.end_hour
                and orders_dated.ordered_local_hour >= dayparts.start_hour
                and orders_dated.ordered_local_hour <= dayparts.end_hour
            )
            or (
                dayparts.start_hour > dayparts.end_hour
                and (
                    orders_dated.ordered_local_hour >= dayparts.start_hour
                    or orders_dated.ordered_local_hour <= dayparts.end_hour
                )
            )
    left join weekdays
        on orders_dated.iso_weekday = weekdays.iso_weekday
    left join seasons
        on orders_dated.ordered_local_month = seasons.month_number
    left join order_holidays
        on orders_dated.order_id = order_holidays.order_id

),

final as (

    select
        order_id,
        customer_id,
        currency_code,
        shipping_method,
        sales_channel,
        coalesce(daypart, 'unknown') as daypart,
        coalesce(weekday_name, 'unknown') as weekday_name,
        coalesce(season, 'unknown') as season,
        holiday_name,
        cast(order_total as decimal(18, 2)) as order_total,
        cast(
            coalesce(discount_amount, 0) as decimal(18, 2)
        ) as discount_amount,
        exchange_rate,
        ordered_local_hour,
        cast(daypart_order as {{ dbt.type_int() }}) as daypart_order,
        iso_weekday,
        is_discounted,
        coalesce(is_convenience_order, false) as is_convenience_order,
        is_weekend,
        is_holiday,
        ordered_local_date,
        ordered_at,
        cast(ordered_local_at as {{ dbt.type_timestamp() }})
            as ordered_local_at
    from orders_classified

)

select * from final
