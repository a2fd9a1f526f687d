{#-
    Seed rfm_fixed_cut_points: per dimension the ranges [lower_bound, upper_bound) are contiguous and do not
    overlap (each upper bound is the next lower bound), only the last is open-ended, the first starts at the
    lowest possible value (0 days / 0 revenue, 1 purchase day), and scores move the right way (recency: the
    lowest range scores highest; frequency and monetary: the highest range scores highest). Fails with each
    offending range.
-#}
with

cut_points as (

    select
        rfm_dimension,
        score,
        lower_bound,
        upper_bound
    from {{ ref('rfm_fixed_cut_points') }}

),

cut_points_ordered as (

    select
        rfm_dimension,
        score,
        lower_bound,
        upper_bound,
        lead(lower_bound) over (
            partition by rfm_dimension order by lower_bound
        ) as next_lower_bound,
        lead(score) over (
            partition by rfm_dimension order by lower_bound
        ) as next_score,
        row_number() over (
            partition by rfm_dimension order by lower_bound
        ) as range_number
    from cut_points

),

final as (

    select
        rfm_dimension,
        score,
        lower_bound,
        upper_bound,
        case
            when upper_bound is not null and upper_bound <= lower_bound
                then 'empty_range'
            when next_lower_bound is null and upper_bound is not null
                then 'last_range_not_open'
            when next_lower_bound is not null and upper_bound is null
                then 'open_range_not_last'
            when next_lower_bound <> upper_bound then 'gap_or_overlap'
            when
                range_number = 1
                and lower_bound
                > case when rfm_dimension = 'frequency' then 1 else 0 end
                then 'first_range_starts_too_high'
            when
                rfm_dimension = 'recency' and next_score >= score
                then 'recency_score_not_decreasing'
            when
                rfm_dimension <> 'recency' and next_score <= score
                then 'score_not_increasing'
        end as failure_reason
    from cut_points_ordered

)

select * from final
where failure_reason is not null
