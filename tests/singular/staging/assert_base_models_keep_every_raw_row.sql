{#-
    Every raw row has exactly one row in its base model, and the staging model
    holds exactly the base rows without a rejection reason: no row is lost or
    duplicated by a join between raw and staging. Fails with each source whose
    counts differ.
-#}
with

customers_counted as (

    select
        'crm.customers' as source_table,
        (
            select count(*)
            from {{ source('crm', 'customers') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_crm__customers_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_crm__customers_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_crm__customers') }}
        ) as staged_row_count

),

events_counted as (

    select
        'tracking.events' as source_table,
        (
            select count(*)
            from {{ source('tracking', 'events') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_tracking__events_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_tracking__events_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_tracking__events') }}
        ) as staged_row_count

),

orders_counted as (

    select
        'commerce.orders' as source_table,
        (
            select count(*)
            from {{ source('commerce', 'orders') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_commerce__orders_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_commerce__orders_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_commerce__orders') }}
        ) as staged_row_count

),

order_lines_counted as (

    select
        'commerce.order_lines' as source_table,
        (
            select count(*)
            from {{ source('commerce', 'order_lines') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_commerce__order_lines_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_commerce__order_lines_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_commerce__order_lines') }}
        ) as staged_row_count

),

products_counted as (

    select
        'commerce.products' as source_table,
        (
            select count(*)
            from {{ source('commerce', 'products') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_commerce__products_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_commerce__products_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_commerce__products') }}
        ) as staged_row_count

),

email_events_counted as (

    select
        'email.email_events' as source_table,
        (
            select count(*)
            from {{ source('email', 'email_events') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_email__email_events_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_email__email_events_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_email__email_events') }}
        ) as staged_row_count

),

survey_responses_counted as (

    select
        'survey.survey_responses' as source_table,
        (
            select count(*)
            from {{ source('survey', 'survey_responses') }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref('base_survey__survey_responses_checked') }}
        ) as base_row_count,
        (
            select count(*)
            from {{ ref('base_survey__survey_responses_checked') }}
            where rejection_reason is null
        ) as clean_row_count,
        (
            select count(*)
            from {{ ref('stg_survey__survey_responses') }}
        ) as staged_row_count

),

counts as (

    select * from customers_counted
    union all

    select * from events_counted
    union all

    select * from orders_counted
    union all

    select * from order_lines_counted
    union all

    select * from products_counted
    union all

    select * from email_events_counted
    union all

    select * from survey_responses_counted

)

select * from counts
where
    raw_row_count != base_row_count
    or clean_row_count != staged_row_count
