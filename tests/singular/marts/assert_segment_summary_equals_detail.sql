{#-
    segment_summary equals the detail: recomputed from customer_segments, every (family, segment) has the same
    customer count, revenue, orders and contactable count (labels absent from the detail must show zeros),
    and within each label family the customer counts add up to all customers. Fails with each mismatch.
-#}
{%- set label_families = segment_label_families() -%}
{%- set purchase_flags = segment_purchase_flags() -%}
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

detail as (

    {%- for family in label_families %}
        select
            '{{ family }}' as segment_family,
            {{ family }} as segment,
            count(*) as customer_count,
            sum(coalesce(spend_365d, 0)) as revenue_365d,
            sum(coalesce(orders_365d, 0)) as order_count_365d,
            sum(case when is_contactable then 1 else 0 end)
                as contactable_customer_count
        from {{ ref('customer_segments') }}
        group by {{ family }}
        union all
    {%- endfor %}
    {%- for flag, flag_column in purchase_flags.items() %}
        select
            'purchase_flag' as segment_family,
            '{{ flag }}' as segment,
            count(*) as customer_count,
            sum(coalesce(spend_365d, 0)) as revenue_365d,
            sum(coalesce(orders_365d, 0)) as order_count_365d,
            sum(case when is_contactable then 1 else 0 end)
                as contactable_customer_count
        from {{ ref('customer_segments') }}
        where {{ flag_column }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

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
    where summary.segment_family != 'purchase_flag'
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
{#- `dbt build --empty` reads segment_summary as no rows, while each purchase
    flag's detail is still one row (a count of nothing): nothing to
    reconcile -#}
{%- if flags.EMPTY %}
where false
{%- endif %}
