{#-
    segment_summary: one row per segment family and segment of the registry (plus any label a mart emits), as
    of the as-of date: customers, share of all customers, revenue, orders and average order value in the
    trailing loyalty window, contactable customers and NPS. A flag family (purchase_flag) has one segment per
    flag, counting only flagged customers.
    Label families partition the customers (shares sum to 1 per family). The singular test
    assert_segment_summary_equals_detail recomputes it from customer_segments.
-#}
{%- set label_families = segment_label_families() -%}
{%- set flag_columns = [] -%}
{%- for family in segment_flag_families() -%}
    {%- do flag_columns.extend(family['flags'].values() | list) -%}
{%- endfor -%}
with

customer_segments as (

    select
        customer_id,
        {%- for family in label_families %}
            {{ family }},
        {%- endfor %}
        {%- for flag_column in flag_columns %}
            {{ flag_column }},
        {%- endfor %}
        orders_365d,
        spend_365d,
        is_contactable
    from {{ ref('customer_segments') }}

),

as_of_dates as (

    select as_of_date
    from {{ ref('int_current_as_of_date') }}

),

vocabulary as (

    {{ segment_vocabulary() | indent(4) }}

),

customer_labels as (

    {{ segment_labels_long('customer_segments') | indent(4) }}

),

customer_metrics as (

    select
        customer_labels.segment_family,
        customer_labels.segment,
        customer_labels.customer_id,
        coalesce(customer_segments.orders_365d, 0) as orders_365d,
        coalesce(customer_segments.spend_365d, 0) as spend_365d,
        case
            when customer_segments.is_contactable then 1 else 0
        end as is_contactable_customer,
        case
            when
                customer_segments.nps_category
                in ('promoter', 'passive', 'detractor')
                then 1
            else 0
        end as is_nps_respondent,
        case
            when customer_segments.nps_category = 'promoter' then 1 else 0
        end as is_promoter,
        case
            when customer_segments.nps_category = 'detractor' then 1 else 0
        end as is_detractor
    from customer_labels
    inner join customer_segments
        on customer_labels.customer_id = customer_segments.customer_id

),

segments_measured as (

    select
        segment_family,
        segment,
        count(*) as customer_count,
        sum(spend_365d) as revenue_365d,
        sum(orders_365d) as order_count_365d,
        sum(is_contactable_customer) as contactable_customer_count,
        sum(is_nps_respondent) as nps_respondent_count,
        sum(is_promoter) as promoter_count,
        sum(is_detractor) as detractor_count
    from customer_metrics
    group by segment_family, segment

),

all_segments as (

    select
        segment_family,
        segment
    from vocabulary

    union

    select
        segment_family,
        segment
    from segments_measured

),

customer_totals as (

    select count(*) as total_customer_count
    from customer_segments

),

segments_summarized as (

    select
        all_segments.segment_family,
        all_segments.segment,
        coalesce(segments_measured.customer_count, 0) as customer_count,
        coalesce(segments_measured.revenue_365d, 0) as revenue_365d,
        coalesce(segments_measured.order_count_365d, 0) as order_count_365d,
        coalesce(segments_measured.contactable_customer_count, 0)
            as contactable_customer_count,
        coalesce(segments_measured.nps_respondent_count, 0)
            as nps_respondent_count,
        coalesce(segments_measured.promoter_count, 0) as promoter_count,
        coalesce(segments_measured.detractor_count, 0) as detractor_count,
        customer_totals.total_customer_count,
        as_of_dates.as_of_date
    from all_segments
    left join segments_measured
        on
            all_segments.segment_family = segments_measured.segment_family
            and all_segments.segment = segments_measured.segment
    cross join customer_totals
    cross join as_of_dates

),

final as (

    select
        cast(segment_family as {{ dbt.type_string() }}) as segment_family,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(customer_count as {{ dbt.type_int() }}) as customer_count,
        cast(
            case
                when total_customer_count > 0
                    then
                        cast(customer_count as {{ type_double() }})
                        / total_customer_count
            end as {{ type_double() }}
        ) as customer_share,
        cast(revenue_365d as decimal(18, 2)) as revenue_365d,
        cast(order_count_365d as {{ dbt.type_int() }}) as order_count_365d,
        cast(
            case
                when order_count_365d > 0
                    then revenue_365d / order_count_365d
            end as decimal(18, 2)
        ) as avg_order_value_365d,
        cast(contactable_customer_count as {{ dbt.type_int() }})
            as contactable_customer_count,
        cast(nps_respondent_count as {{ dbt.type_int() }})
            as nps_respondent_count,
        cast(
            case
                when nps_respondent_count > 0
                    then
                        100.0 * (promoter_count - detractor_count)
                        / nps_respondent_count
            end as {{ type_double() }}
        ) as nps,
        as_of_date
    from segments_summarized

)

select * from final
