{#-
    stg_survey__survey_responses: one row per clean survey response. The free
    text comment stops here: only has_comment is kept.
-#}
with

checked_responses as (

    select
        response_id,
        customer_id,
        survey_type,
        primary_benefit,
        score,
        has_comment,
        submitted_at,
        rejection_reason
    from {{ ref('base_survey__survey_responses_checked') }}

),

final as (

    select
        -- ids
        response_id,
        customer_id,
        -- strings
        survey_type,
        primary_benefit,
        -- numerics
        score,
        -- booleans
        has_comment,
        -- timestamps
        submitted_at
    from checked_responses
    where rejection_reason is null

)

select * from final
