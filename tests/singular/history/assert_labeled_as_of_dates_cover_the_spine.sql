{#-
    int_customers_labeled_as_of_dates has exactly the rows of int_customers_as_of_dates: one per as-of date and
    customer counted at it, none missing and none extra. The model is written in batches of as-of dates on
    DuckDB (macro duckdb__create_table_as, var segments__history_batch_dates), so this also proves the batches
    together cover every date once. Fails with each (as_of_date, customer_id) on one side only.
-#}
with

spine as (

    select
        as_of_date,
        customer_id
    from {{ ref('int_customers_as_of_dates') }}

),

labeled as (

    select
        as_of_date,
        customer_id
    from {{ ref('int_customers_labeled_as_of_dates') }}

),

missing as (

    select
        as_of_date,
        customer_id,
        'missing from the labeled model' as problem
    from (
        select * from spine
        except
        select * from labeled
    ) as spine_only

),

extra as (

    select
        as_of_date,
        customer_id,
        'not in the spine' as problem
    from (
        select * from labeled
        except
        select * from spine
    ) as labeled_only

)

select * from missing
union all
select * from extra
