{#-
    int_customers_rfm_scored: one row per as-of date of the spine (int_as_of_date_spine) and customer with at least
    one completed order on or before that date, with recency / frequency / monetary scores
    1..segments__rfm_score_bins, scored among the customers of the same as-of date.
    var segments__rfm_scoring_method:
      - 'quantile' (default): tie-safe quantiles (macro tie_safe_score, partitioned by as_of_date), score =
        1 + floor(bins * customers with a strictly worse value / customers with orders at that date); worse
        = more recency_days, fewer purchase_days, less total_revenue. Equal values always share a score;
        bins a large tie skips stay empty and are reported by rfm_score_bins.
      - 'fixed': half-open ranges [lower_bound, upper_bound) per dimension from seed rfm_fixed_cut_points.
-#}
{%- set scoring_method = var('segments__rfm_scoring_method') -%}
{%- if scoring_method not in ['quantile', 'fixed'] -%}
    {{ exceptions.raise_compiler_error(
        "segments__rfm_scoring_method must be 'quantile' or 'fixed', got '"
        ~ scoring_method ~ "'") }}
{%- endif %}
{%- set method_prefix = 'fixed' if scoring_method == 'fixed' else 'quantile' %}
with

customer_orders as (

    select
        as_of_date,
        customer_id,
        recency_days,
        purchase_days,
        total_revenue
    from {{ ref_restated('int_orders_aggregated_to_customers') }}

),

cut_points as (

    select
        rfm_dimension,
        score,
        lower_bound,
        upper_bound
    from {{ ref('rfm_fixed_cut_points') }}

),

customers_scored as (

    {#- Both methods are computed (cheap); the var picks one in `final`. #}
    select
        customer_orders.as_of_date,
        customer_orders.customer_id,
        customer_orders.recency_days,
        customer_orders.purchase_days,
        customer_orders.total_revenue,
        {{ tie_safe_score(
            'customer_orders.recency_days',
            var('segments__rfm_score_bins'),
            higher_is_better=false,
            partition_by='customer_orders.as_of_date',
        ) }} as quantile_r_score,
        {{ tie_safe_score(
            'customer_orders.purchase_days',
            var('segments__rfm_score_bins'),
            partition_by='customer_orders.as_of_date',
        ) }} as quantile_f_score,
        {{ tie_safe_score(
            'customer_orders.total_revenue',
            var('segments__rfm_score_bins'),
            partition_by='customer_orders.as_of_date',
        ) }} as quantile_m_score,
        recency_cut_points.score as fixed_r_score,
        frequency_cut_points.score as fixed_f_score,
        monetary_cut_points.score as fixed_m_score
    from customer_orders
    left join cut_points as recency_cut_points
        on
            recency_cut_points.rfm_dimension = 'recency'
            and customer_orders.recency_days >= recency_cut_points.lower_bound
            and (
                recency_cut_points.upper_bound is null
                or customer_orders.recency_days < recency_cut_points.upper_bound
            )
    left join cut_points as frequency_cut_points
        on
            frequency_cut_points.rfm_dimension = 'frequency'
            and customer_orders.purchase_days
            >= frequency_cut_points.lower_bound
            and (
                frequency_cut_points.upper_bound is null
                or customer_orders.purchase_days
                < frequency_cut_points.upper_bound
            )
    left join cut_points as monetary_cut_points
        on
            monetary_cut_points.rfm_dimension = 'monetary'
            and customer_orders.total_revenue >= monetary_cut_points.lower_bound
            and (
                monetary_cut_points.upper_bound is null
                or customer_orders.total_revenue
                < monetary_cut_points.upper_bound
            )

),

final as (

    select
        as_of_date,
        customer_id,
        '{{ scoring_method }}' as rfm_scoring_method,
        cast({{ method_prefix }}_r_score as {{ dbt.type_int() }}) as r_score,
        cast({{ method_prefix }}_f_score as {{ dbt.type_int() }}) as f_score,
        cast({{ method_prefix }}_m_score as {{ dbt.type_int() }}) as m_score,
        recency_days,
        purchase_days,
        total_revenue
    from customers_scored

)

select * from final
