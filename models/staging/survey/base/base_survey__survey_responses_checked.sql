{#-
    base_survey__survey_responses_checked: one row per raw survey response,
    typed, with the reason it is not staged (null when clean). The comment is
    reduced to has_comment here and never selected in clear. Checks, first
    failing wins:
      0. schema_drift           its file does not fit the contract
                                (source_schema_issue, macro
                                register_landing_zone)
      1. missing_key            response_id blank
      2. unparseable_timestamp  submitted_at missing or unparseable
      3. implausible_timestamp  submitted_at before var
                                segments__earliest_plausible_date or after
                                the load time plus a tolerance
                                (is_implausible_timestamp)
      4. missing_identity       customer_id blank
      5. unparseable_value      score present but not a number
      6. invalid_value          score a number but not a whole one (9.5 is
                                neither a promoter nor a passive: never
                                rounded)
      7. unknown_value          survey_type not in seed survey_score_ranges,
                                or primary_benefit outside var
                                segments__stated_benefits (counted in
                                audit.unknown_values)
      8. invalid_score          score missing or outside the survey type's
                                range (seed survey_score_ranges)
      9. duplicate              a clean copy of the same response_id was kept
                                already (earliest submitted_at)
-#}
{{ config(materialized='table') }}

with

raw_survey_responses as (

    select
        response_id,
        customer_id,
        submitted_at,
        survey_type,
        score,
        primary_benefit,
        comment,
        source_file_name,
        source_schema_issue
    from {{ source('survey', 'survey_responses') }}

),

score_ranges as (

    select
        survey_type,
        min_score,
        max_score
    from {{ ref('survey_score_ranges') }}

),

responses_typed as (

    select
        {{ clean_string('response_id') }} as response_id,
        {{ clean_string('customer_id') }} as customer_id,
        lower({{ clean_string('survey_type') }}) as survey_type,
        lower({{ clean_string('primary_benefit') }}) as primary_benefit,
        {{ clean_string('score') }} as score_text,
        {{ parse_number('score', type_any_number()) }} as score_number,
        {{ parse_integer('score') }} as score,
        {{ clean_string('comment') }} is not null as has_comment,
        {{ parse_timestamp_utc('submitted_at') }} as submitted_at,
        source_file_name,
        source_schema_issue,
        {#- raw values as text for the audit record; no comment in clear -#}
        cast(response_id as {{ dbt.type_string() }}) as raw_response_id,
        cast(customer_id as {{ dbt.type_string() }}) as raw_customer_id,
        cast(submitted_at as {{ dbt.type_string() }}) as raw_submitted_at,
        cast(survey_type as {{ dbt.type_string() }}) as raw_survey_type,
        cast(score as {{ dbt.type_string() }}) as raw_score,
        cast(primary_benefit as {{ dbt.type_string() }}) as raw_primary_benefit
    from raw_survey_responses

),

row_checked as (

    select
        responses_typed.*,
        case
            when responses_typed.source_schema_issue is not null
                then 'schema_drift'
            when responses_typed.response_id is null then 'missing_key'
            when responses_typed.submitted_at is null
                then 'unparseable_timestamp'
            when {{ is_implausible_timestamp('responses_typed.submitted_at') }}
                then 'implausible_timestamp'
            when responses_typed.customer_id is null then 'missing_identity'
            when
                responses_typed.score_text is not null
                and responses_typed.score_number is null
                then 'unparseable_value'
            when
                responses_typed.score_number is not null
                and responses_typed.score is null
                then 'invalid_value'
            when
                score_ranges.survey_type is null
                or responses_typed.primary_benefit not in {{
                    sql_string_list(var('segments__stated_benefits'))
                }}
                then 'unknown_value'
            when
                responses_typed.score is null
                or responses_typed.score < score_ranges.min_score
                or responses_typed.score > score_ranges.max_score
                then 'invalid_score'
        end as row_rejection_reason
    from responses_typed
    left join score_ranges
        on responses_typed.survey_type = score_ranges.survey_type

),

copies_ranked as (

    select
        *,
        row_number() over (
            partition by response_id, row_rejection_reason
            order by submitted_at asc, source_file_name asc
        ) as copy_number
    from row_checked

),

final as (

    select
        response_id,
        customer_id,
        survey_type,
        primary_benefit,
        source_file_name,
        score,
        has_comment,
        submitted_at,
        coalesce(
            row_rejection_reason,
            case when copy_number > 1 then 'duplicate' end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or copy_number > 1
                then {{ json_object_text({
                    'response_id': 'raw_response_id',
                    'customer_id': 'raw_customer_id',
                    'submitted_at': 'raw_submitted_at',
                    'survey_type': 'raw_survey_type',
                    'score': 'raw_score',
                    'primary_benefit': 'raw_primary_benefit',
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as raw_record
    from copies_ranked

)

select * from final
