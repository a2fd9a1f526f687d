{#-
    int_survey_responses_aggregated_to_customers: one row per non-erased CRM customer with at least one survey
    response submitted on or before the as-of date D (customer's local date). Latest NPS score, average CSAT,
    and the primary benefit of the latest response that states one (read by seg_satisfaction,
    seg_journey_stage, seg_benefits_sought and segment_summary).
-#}
with

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

    select
        response_id,
        customer_id,
        survey_type,
        score,
        primary_benefit,
        submitted_at,
        submitted_local_date
    from responses_localized
    where submitted_local_date <= {{ as_of_date() }}

),

nps_ranked as (

    select
        customer_id,
        score,
        submitted_local_date,
        row_number() over (
            partition by customer_id
            order by submitted_at desc, response_id desc
        ) as recency_rank
    from responses_as_of
    where survey_type = 'nps' and score is not null

),

benefit_ranked as (

    select
        customer_id,
        primary_benefit,
        row_number() over (
            partition by customer_id
            order by submitted_at desc, response_id desc
        ) as recency_rank
    from responses_as_of
    where primary_benefit is not null

),

responses_per_customer as (

    select
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
    group by customer_id

),

final as (

    select
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
            responses_per_customer.customer_id = nps_ranked.customer_id
            and nps_ranked.recency_rank = 1
    left join benefit_ranked
        on
            responses_per_customer.customer_id = benefit_ranked.customer_id
            and benefit_ranked.recency_rank = 1

)

select * from final
