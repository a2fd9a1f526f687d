{#-
    category_sequences: one row per product category and the category bought
    next: over the consecutive completed orders of each customer in the
    affinity window, how often an order holding category_from is followed by
    one holding next_category, with support, confidence, lift and the median
    days between the two orders. Pairs under the minimum support or count
    are left out.
-#}
{%- set window_start = dbt.dateadd(
    'day', -var('segments__affinity_window_days'), current_as_of_date()
) %}

with

order_lines as (

    select
        order_id,
        customer_id,
        product_category,
        ordered_local_date
    from {{ ref('int_order_lines_completed') }}

),

order_categories as (

    select distinct
        order_id,
        customer_id,
        product_category,
        ordered_local_date
    from order_lines
    where
        customer_id is not null
        and ordered_local_date > {{ window_start }}
        and ordered_local_date <= {{ current_as_of_date() }}

),

orders_sequenced as (

    select
        order_id,
        customer_id,
        ordered_local_date,
        lead(order_id) over customer_orders as next_order_id,
        lead(ordered_local_date) over customer_orders as next_ordered_local_date
    from (
        select distinct
            order_id,
            customer_id,
            ordered_local_date
        from order_categories
    ) as orders
    window customer_orders as (
        partition by customer_id
        order by ordered_local_date, order_id
    )

),

transitions as (

    {#- every category of an order with every category of the next one -#}
    select
        orders_sequenced.order_id,
        current_categories.product_category,
        next_categories.product_category as next_category,
        {{ dbt.datediff(
            'orders_sequenced.ordered_local_date',
            'orders_sequenced.next_ordered_local_date',
            'day',
        ) }} as days_between
    from orders_sequenced
    inner join order_categories as current_categories
        on orders_sequenced.order_id = current_categories.order_id
    inner join order_categories as next_categories
        on orders_sequenced.next_order_id = next_categories.order_id

),

order_pair_total as (

    select count(distinct order_id) as sequence_count
    from transitions

),

from_totals as (

    select
        product_category,
        count(distinct order_id) as from_sequence_count
    from transitions
    group by product_category

),

next_totals as (

    select
        next_category,
        count(distinct order_id) as next_sequence_count
    from transitions
    group by next_category

),

pairs as (

    select
        product_category,
        next_category,
        count(*) as sequence_pair_count,
        {{ median('days_between') }} as median_days_between
    from transitions
    group by product_category, next_category

),

pairs_measured as (

    select
        pairs.product_category,
        pairs.next_category,
        pairs.sequence_pair_count,
        pairs.median_days_between,
        order_pair_total.sequence_count,
        {{ association_measures(
            'pairs.sequence_pair_count',
            'from_totals.from_sequence_count',
            'next_totals.next_sequence_count',
            'order_pair_total.sequence_count',
        ) }}
    from pairs
    cross join order_pair_total
    inner join from_totals
        on pairs.product_category = from_totals.product_category
    inner join next_totals
        on pairs.next_category = next_totals.next_category

),

final as (

    select
        cast(product_category as {{ dbt.type_string() }}) as product_category,
        cast(next_category as {{ dbt.type_string() }}) as next_category,
        cast(sequence_pair_count as {{ dbt.type_int() }})
            as sequence_pair_count,
        cast(sequence_count as {{ dbt.type_int() }}) as sequence_count,
        support,  -- noqa: RF04
        confidence,
        lift,
        cast(median_days_between as {{ type_double() }})
            as median_days_between,
        {{ current_as_of_date() }} as as_of_date
    from pairs_measured
    where
        sequence_pair_count
        >= {{ var('segments__affinity_min_pair_count') }}
        and support >= {{ var('segments__affinity_min_support') }}

)

select * from final
