{#-
    int_customers_as_of_dates: one row per as-of date of the spine and CRM customer counted at that date. At
    the current as-of date every non-erased customer is counted (the seg_* marts list every CRM customer); at a
    past period end only the customers created on or before it, so history never shows a customer before
    they existed. Every segment label model starts from this model.
-#}
with

as_of_dates as (

    select
        as_of_date,
        is_current
    from {{ ref_restated('int_as_of_date_spine') }}

),

customers as (

    select
        customer_id,
        created_local_date
    from {{ ref('int_customers_resolved') }}

),

final as (

    select
        as_of_dates.as_of_date,
        customers.customer_id,
        as_of_dates.is_current
    from as_of_dates
    inner join customers
        on
            as_of_dates.is_current
            or as_of_dates.as_of_date >= customers.created_local_date

)

select * from final
