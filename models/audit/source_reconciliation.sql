{#-
    source_reconciliation: one row per raw source table: raw rows, staged
    rows and rejected rows. Quarantine, never silent loss: raw = staged +
    rejected for every source (tested).
-#}
with

rejected_rows as (

    select source_table
    from {{ ref('rejected_rows') }}

),

rejected_counts as (

    select
        source_table,
        count(*) as rejected_row_count
    from rejected_rows
    group by source_table

),

customers_counted as (

    select
        'crm.customers' as source_table,
        (
            select count(*)
            from {{ source('crm', 'customers') }}
        ) as raw_row_count,
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
            from {{ ref('stg_survey__survey_responses') }}
        ) as staged_row_count

),

row_counts as (

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

),

final as (

    select
        row_counts.source_table,
        row_counts.raw_row_count,
        row_counts.staged_row_count,
        coalesce(rejected_counts.rejected_row_count, 0) as rejected_row_count,
        row_counts.raw_row_count
        = row_counts.staged_row_count
        + coalesce(rejected_counts.rejected_row_count, 0) as is_reconciled
    from row_counts
    left join rejected_counts
        on row_counts.source_table = rejected_counts.source_table

)

select * from final
