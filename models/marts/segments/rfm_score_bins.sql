{#-
    rfm_score_bins: one row per RFM dimension (recency, frequency, monetary) and score 1..bins, as of the
    as-of date D (the is_current date of the spine int_as_of_date_spine; int_customers_rfm_scored holds every
    date): how many customers got the score and the range of values behind it. Tie-safe quantiles leave
    a bin empty when a tie spans it (e.g. the one-purchase-day majority takes F=1 and F=2, F=3 stay empty):
    empty bins are reported here (is_empty) and by a warning test, never merged into their neighbours.
    The warning test is assert_rfm_score_bins_reported_empty.
-#}
{%- set bin_count = var('segments__rfm_score_bins') | int -%}
with

current_as_of as (

    select as_of_date
    from {{ ref('int_as_of_date_spine') }}
    where is_current

),

rfm_scores_history as (

    select
        as_of_date,
        r_score,
        f_score,
        m_score,
        recency_days,
        purchase_days,
        total_revenue
    from {{ ref('int_customers_rfm_scored') }}

),

rfm_scores as (

    select
        rfm_scores_history.r_score,
        rfm_scores_history.f_score,
        rfm_scores_history.m_score,
        rfm_scores_history.recency_days,
        rfm_scores_history.purchase_days,
        rfm_scores_history.total_revenue
    from rfm_scores_history
    inner join current_as_of
        on rfm_scores_history.as_of_date = current_as_of.as_of_date

),

score_spine as (

    {% for score in range(1, bin_count + 1) -%}
        select {{ score }} as score
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}

),

dimension_spine as (

    select 'recency' as rfm_dimension
    union all
    select 'frequency' as rfm_dimension
    union all
    select 'monetary' as rfm_dimension

),

scored_values as (

    select
        'recency' as rfm_dimension,
        r_score as score,
        cast(recency_days as {{ type_double() }}) as score_value
    from rfm_scores
    union all
    select
        'frequency' as rfm_dimension,
        f_score as score,
        cast(purchase_days as {{ type_double() }}) as score_value
    from rfm_scores
    union all
    select
        'monetary' as rfm_dimension,
        m_score as score,
        cast(total_revenue as {{ type_double() }}) as score_value
    from rfm_scores

),

bins_filled as (

    select
        rfm_dimension,
        score,
        count(*) as customer_count,
        min(score_value) as min_value,
        max(score_value) as max_value
    from scored_values
    group by rfm_dimension, score

),

final as (

    select
        cast(dimension_spine.rfm_dimension as {{ dbt.type_string() }})
            as rfm_dimension,
        cast(
            '{{ var("segments__rfm_scoring_method") }}'
            as {{ dbt.type_string() }}
        ) as rfm_scoring_method,
        cast(score_spine.score as {{ dbt.type_int() }}) as score,
        cast(
            coalesce(bins_filled.customer_count, 0) as {{ dbt.type_int() }}
        ) as customer_count,
        cast(bins_filled.min_value as {{ type_double() }}) as min_value,
        cast(bins_filled.max_value as {{ type_double() }}) as max_value,
        coalesce(bins_filled.customer_count, 0) = 0 as is_empty
    from dimension_spine
    cross join score_spine
    left join bins_filled
        on
            dimension_spine.rfm_dimension = bins_filled.rfm_dimension
            and score_spine.score = bins_filled.score

)

select * from final
