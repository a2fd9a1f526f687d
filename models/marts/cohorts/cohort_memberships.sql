{#-
    cohort_memberships: one row per customer, cohort and unbroken spell of membership over the as-of spine
    (int_customers_cohorts_evaluated in SCD2 shape). valid_from is the first as-of date in the cohort,
    valid_to the first as-of date out of it (exclusive), null while the spell holds at D. Spells are runs of
    consecutive spine dates (gaps and islands on the numbered dates).
-#}
with

spine as (

    select
        as_of_date,
        row_number() over (order by as_of_date) as date_number
    from {{ ref('int_as_of_date_spine') }}

),

members as (

    select
        as_of_date,
        customer_id,
        cohort_name
    from {{ ref('int_customers_cohorts_evaluated') }}

),

members_numbered as (

    select
        members.customer_id,
        members.cohort_name,
        members.as_of_date,
        spine.date_number,
        spine.date_number - row_number() over (
            partition by members.customer_id, members.cohort_name
            order by members.as_of_date
        ) as spell_number
    from members
    inner join spine
        on members.as_of_date = spine.as_of_date

),

spells as (

    select
        customer_id,
        cohort_name,
        min(as_of_date) as valid_from,
        max(date_number) as last_date_number,
        count(*) as as_of_date_count
    from members_numbered
    group by customer_id, cohort_name, spell_number

),

final as (

    select
        cast(spells.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(spells.cohort_name as {{ dbt.type_string() }}) as cohort_name,
        cast(spells.as_of_date_count as {{ dbt.type_int() }})
            as as_of_date_count,
        next_date.as_of_date is null as is_current,
        spells.valid_from,
        next_date.as_of_date as valid_to
    from spells
    left join spine as next_date
        on spells.last_date_number + 1 = next_date.date_number

)

select * from final
