{#-
    int_order_timing_aggregated_to_customers: one row per as-of date of the spine (int_as_of_date_spine) and
    customer with at least one completed order on or before that date: the timing profile of those orders
    in local time. preferred_daypart /
    preferred_weekday are the modes (ties: earliest daypart in seed order / Monday first); dominant_season is
    the season holding most orders (ties: seed order, winter first); weekend and holiday-window shares.
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

orders as (

    select
        order_id,
        customer_id,
        daypart,
        weekday_name,
        season,
        daypart_order,
        iso_weekday,
        is_weekend,
        is_holiday,
        ordered_local_date
    from {{ ref('int_orders_completed') }}

),

seasons as (

    select distinct
        season,
        season_order
    from {{ ref('seasons') }}

),

orders_as_of as (

    select
        as_of_dates.as_of_date,
        orders.order_id,
        orders.customer_id,
        orders.daypart,
        orders.weekday_name,
        orders.season,
        orders.daypart_order,
        orders.iso_weekday,
        orders.is_weekend,
        orders.is_holiday
    from orders
    inner join as_of_dates
        on orders.ordered_local_date <= as_of_dates.as_of_date

),

daypart_counts as (

    select
        as_of_date,
        customer_id,
        daypart,
        daypart_order,
        count(*) as order_count
    from orders_as_of
    group by as_of_date, customer_id, daypart, daypart_order

),

daypart_ranked as (

    select
        as_of_date,
        customer_id,
        daypart,
        row_number() over (
            partition by as_of_date, customer_id
            order by order_count desc, daypart_order asc
        ) as daypart_rank
    from daypart_counts

),

weekday_counts as (

    select
        as_of_date,
        customer_id,
        weekday_name,
        iso_weekday,
        count(*) as order_count
    from orders_as_of
    group by as_of_date, customer_id, weekday_name, iso_weekday

),

weekday_ranked as (

    select
        as_of_date,
        customer_id,
        weekday_name,
        row_number() over (
            partition by as_of_date, customer_id
            order by order_count desc, iso_weekday asc
        ) as weekday_rank
    from weekday_counts

),

season_counts as (

    select
        orders_as_of.as_of_date,
        orders_as_of.customer_id,
        orders_as_of.season,
        seasons.season_order,
        count(*) as order_count
    from orders_as_of
    left join seasons
        on orders_as_of.season = seasons.season
    group by
        orders_as_of.as_of_date,
        orders_as_of.customer_id,
        orders_as_of.season,
        seasons.season_order

),

season_ranked as (

    select
        as_of_date,
        customer_id,
        season,
        order_count,
        row_number() over (
            partition by as_of_date, customer_id
            order by order_count desc, season_order asc
        ) as season_rank
    from season_counts

),

orders_per_customer as (

    select
        as_of_date,
        customer_id,
        count(*) as order_count,
        sum(case when is_weekend then 1 else 0 end) as weekend_order_count,
        sum(case when is_holiday then 1 else 0 end) as holiday_order_count
    from orders_as_of
    group by as_of_date, customer_id

),

final as (

    select
        orders_per_customer.as_of_date,
        orders_per_customer.customer_id,
        daypart_ranked.daypart as preferred_daypart,
        weekday_ranked.weekday_name as preferred_weekday,
        season_ranked.season as dominant_season,
        cast(orders_per_customer.order_count as {{ dbt.type_int() }})
            as order_count,
        cast(
            orders_per_customer.weekend_order_count as {{ dbt.type_int() }}
        ) as weekend_order_count,
        cast(
            orders_per_customer.holiday_order_count as {{ dbt.type_int() }}
        ) as holiday_order_count,
        cast(season_ranked.order_count as {{ dbt.type_int() }})
            as dominant_season_order_count,
        cast(
            orders_per_customer.weekend_order_count as {{ type_double() }}
        ) / orders_per_customer.order_count as weekend_order_share,
        cast(
            orders_per_customer.holiday_order_count as {{ type_double() }}
        ) / orders_per_customer.order_count as holiday_order_share,
        cast(season_ranked.order_count as {{ type_double() }})
        / orders_per_customer.order_count as dominant_season_share
    from orders_per_customer
    left join daypart_ranked
        on
            orders_per_customer.as_of_date = daypart_ranked.as_of_date
            and orders_per_customer.customer_id = daypart_ranked.customer_id
            and daypart_ranked.daypart_rank = 1
    left join weekday_ranked
        on
            orders_per_customer.as_of_date = weekday_ranked.as_of_date
            and orders_per_customer.customer_id = weekday_ranked.customer_id
            and weekday_ranked.weekday_rank = 1
    left join season_ranked
        on
            orders_per_customer.as_of_date = season_ranked.as_of_date
            and orders_per_customer.customer_id = season_ranked.customer_id
            and season_ranked.season_rank = 1

)

select * from final
