{#-
    cohort_members: one row per customer and cohort they belong to at the as-of date D, with the values of
    the cohort's conditions that qualified them and the start of their current spell.
-#}
with

members as (

    select
        customer_id,
        cohort_name,
        qualifying_metrics,
        as_of_date
    from {{ ref('int_customers_cohorts_evaluated') }}
    where is_current

),

spells as (

    select
        customer_id,
        cohort_name,
        valid_from
    from {{ ref('cohort_memberships') }}
    where is_current

),

final as (

    select
        members.customer_id,
        members.cohort_name,
        members.qualifying_metrics,
        members.as_of_date,
        spells.valid_from as member_since
    from members
    inner join spells
        on
            members.customer_id = spells.customer_id
            and members.cohort_name = spells.cohort_name

)

select * from final
