{#-
    int_customers_satisfaction_segmented: the satisfaction label model, one row per as-of date of the spine and
    CRM customer counted at that date (int_customers_as_of_dates): NPS category of the latest NPS response and
    average CSAT over the survey responses on or before that date. seg_satisfaction keeps the current rows
    (is_current, the as-of date D). nps_category: unknown without an NPS response; promoter
    (>= segments__nps_promoter_min_score); passive (>= segments__nps_passive_min_score); detractor.
-#}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

survey_scores as (

    select
        as_of_date,
        customer_id,
        latest_nps_score,
        nps_response_count,
        csat_response_count,
        avg_csat_score,
        latest_nps_date
    from {{ ref_restated('int_survey_responses_aggregated_to_customers') }}

),

satisfaction_labeled as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        survey_scores.latest_nps_score,
        coalesce(survey_scores.nps_response_count, 0) as nps_response_count,
        coalesce(survey_scores.csat_response_count, 0) as csat_response_count,
        survey_scores.avg_csat_score,
        survey_scores.latest_nps_date,
        case
            when survey_scores.latest_nps_score is null then 'unknown'
            when
                survey_scores.latest_nps_score
                >= {{ var('segments__nps_promoter_min_score') }}
                then 'promoter'
            when
                survey_scores.latest_nps_score
                >= {{ var('segments__nps_passive_min_score') }}
                then 'passive'
            else 'detractor'
        end as nps_category
    from customers
    left join survey_scores
        on
            customers.as_of_date = survey_scores.as_of_date
            and customers.customer_id = survey_scores.customer_id

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(nps_category as {{ dbt.type_string() }}) as nps_category,
        cast(latest_nps_score as {{ dbt.type_int() }}) as latest_nps_score,
        cast(nps_response_count as {{ dbt.type_int() }}) as nps_response_count,
        cast(csat_response_count as {{ dbt.type_int() }})
            as csat_response_count,
        cast(avg_csat_score as {{ type_double() }}) as avg_csat_score,
        latest_nps_date,
        is_current
    from satisfaction_labeled

)

select * from final
