{#-
    int_survey_responses_aggregated_to_customers: one row per as-of date of the spine (int_as_of_date_spine) and
    non-erased CRM customer with at least one survey response submitted on or before that date (customer's
    local date). Latest NPS score, average CSAT, and the primary benefit of the latest response that states
    one, each as of that date (read by the label models of seg_satisfaction, seg_journey_stage and
    seg_benefits_sought).
-#}
with

as_of_dates as (

    select as_of_date
    from {{ ref_restated('int_as_of_date_spine') }}

),

survey_responses as (

    select
        response_id,
        customer_id,
        survey_type,
        score,
        primary_benefit,
        submitted_at
    from {{ ref('stg_survey__survey_responses') }}

),

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

responses_localized as (

    select
        survey_responses.response_id,
        survey_responses.customer_id,
        survey_responses.survey_type,
        survey_responses.score,
        survey_responses.primary_benefit,
        survey_responses.submitted_at,
        cast(
            {{ to_local_timestamp('survey_responses.submitted_at',
                'customers.time_zone') }}
            as date
        ) as submitted_local_date
    from survey_responses
    inner join customers
        on survey_responses.customer_id = customers.customer_id

),

responses_as_of as (

    {#- every response counts at each as-of date on or after its local date -#}
    select
        as_of_dates.as_of_date,
        responses_localized.response_id,
        responses_localized.customer_id,
        responses_localized.survey_type,
        responses_localized.score,
        responses_localized.primary_benefit,
        responses_localized.submitted_at,
        responses_localized.submitted_local_date
    from responses_localized
    inner join as_of_dates
        on responses_localized.submitted_local_date <= as_of_dates.as_of_date

),

nps_ranked as (

    select
        as_of_date,
        customer_id,
        score,
        submitted_local_date,
        row_number() over (
            partition by as_of_date, customer_id
            order by submitted_at desc, response_id desc
        ) as recency_rank
    from responses_as_of
    where survey_type = 'nps' and score is not null

),

benefit_ranked as (

    select
        as_of_date,
        customer_id,
        primary_benefit,
        row_number() over (
            partition by as_of_date, customer_id
            order by submitted_at desc, response_id desc
        ) as recency_rank
    from responses_as_of
    where primary_benefit is not null

),

responses_per_customer as (

    select
        as_of_date,
        customer_id,
        sum(
            case
                when survey_type = 'nps' and score is not null then 1 else 0
            end
        ) as nps_response_count,
        sum(
            case
                when survey_type = 'csat' and score is not null then 1 else 0
            end
        ) as csat_response_count,
        avg(
            case
                when
                    survey_type = 'csat'
                    then cast(score as {{ type_double() }})
            end
        ) as avg_csat_score,
        max(submitted_local_date) as last_response_date
    from responses_as_of
    group by as_of_date, customer_id

),

final as (

    select
        responses_per_customer.as_of_date,
        responses_per_customer.customer_id,
        benefit_ranked.primary_benefit as latest_primary_benefit,
        cast(nps_ranked.score as {{ dbt.type_int() }}) as latest_nps_score,
        cast(
            responses_per_customer.nps_response_count as {{ dbt.type_int() }}
        ) as nps_response_count,
        cast(
            responses_per_customer.csat_response_count as {{ dbt.type_int() }}
        ) as csat_response_count,
        responses_per_customer.avg_csat_score,
        nps_ranked.submitted_local_date as latest_nps_date,
        responses_per_customer.last_response_date
    from responses_per_customer
    left join nps_ranked
        on
            responses_per_customer.as_of_date = nps_ranked.as_of_date
            and responses_per_customer.customer_id = nps_ranked.customer_id
            and nps_ranked.recency_rank = 1
    left join benefit_ranked
        on
            responses_per_customer.as_of_date = benefit_ranked.as_of_date
            and responses_per_customer.customer_id = benefit_ranked.customer_id
            and benefit_ranked.recency_rank = 1

)

select * from final
