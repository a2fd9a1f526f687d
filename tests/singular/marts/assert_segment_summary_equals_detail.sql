{#-
    segment_summary equals the detail: recomputed from customer_segments, every (family, segment) has the same
    customer count, revenue, orders and contactable count (labels absent from the detail must show zeros),
    and within each label family the customer counts add up to all customers. Fails with each mismatch.
-#}
{%- set flag_families = [] -%}
{%- for family in segment_flag_families() -%}
    {%- do flag_families.append(family['name']) -%}
{%- endfor -%}
with

summary as (

    select
        segment_family,
        segment,
        customer_count,
        revenue_365d,
        order_count_365d,
        contactable_customer_count
    from {{ ref('segment_summary') }}

),

customer_labels as (

    {{ segment_labels_long(ref('customer_segments')) | indent(4) }}

),

detail as (

    select
        customer_labels.segment_family,
        customer_labels.segment,
        count(*) as customer_count,
        sum(coalesce(customer_segments.spend_365d, 0)) as revenue_365d,
        sum(coalesce(customer_segments.orders_365d, 0)) as order_count_365d,
        sum(case when customer_segments.is_contactable then 1 else 0 end)
            as contactable_customer_count
    from customer_labels
    inner join {{ ref('customer_segments') }} as customer_segments
        on customer_labels.customer_id = customer_segments.customer_id
    group by customer_labels.segment_family, customer_labels.segment

),

customer_totals as (

    select count(*) as total_customer_count
    from {{ ref('customer_segments') }}

),

mismatches as (

    select
        coalesce(summary.segment_family, detail.segment_family)
            as segment_family,
        coalesce(summary.segment, detail.segment) as segment,
        summary.customer_count as summary_customer_count,
        detail.customer_count as detail_customer_count
    from summary
    full outer join detail
        on
            summary.segment_family = detail.segment_family
            and summary.segment = detail.segment
    where
        (detail.segment_family is null and summary.customer_count != 0)
        or (
            detail.segment_family is not null
            and (
                summary.segment_family is null
                or summary.customer_count != detail.customer_count
                or summary.revenue_365d != detail.revenue_365d
                or summary.order_count_365d != detail.order_count_365d
                or summary.contactable_customer_count
                != detail.contactable_customer_count
            )
        )

),

family_totals as (

    select
        summary.segment_family,
        '(all segments)' as segment,
        sum(summary.customer_count) as summary_customer_count,
        max(customer_totals.total_customer_count) as detail_customer_count
    from summary
    cross join customer_totals
    where summary.segment_family not in {{ sql_string_list(flag_families) }}
    group by summary.segment_family
    having
        sum(summary.customer_count)
        != max(customer_totals.total_customer_count)

),

final as (

    select * from mismatches
    union all
    select * from family_totals

)

select * from final
