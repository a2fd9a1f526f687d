{#-
    cohort_sizes: one row per as-of date of the spine and cohort declared, zero rows included: members,
    customers entering (a spell starting that date) and leaving (a spell ending that date, valid_to).
-#}
{%- set cohorts = cohort_definitions() %}
with

spine as (

    select as_of_date
    from {{ ref('int_as_of_date_spine') }}

),

memberships as (

    select
        cohort_name,
        valid_from,
        valid_to
    from {{ ref('cohort_memberships') }}

),

members as (

    select
        as_of_date,
        cohort_name
    from {{ ref('int_customers_cohorts_evaluated') }}

),

cohorts as (

    {%- for cohort in cohorts %}
        select '{{ cohort["name"] }}' as cohort_name
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- else %}
        select cast(null as {{ dbt.type_string() }}) as cohort_name
        where false
    {%- endfor %}

),

member_counts as (

    select
        as_of_date,
        cohort_name,
        count(*) as member_count
    from members
    group by as_of_date, cohort_name

),

entry_counts as (

    select
        valid_from as as_of_date,
        cohort_name,
        count(*) as entered_count
    from memberships
    group by valid_from, cohort_name

),

exit_counts as (

    select
        valid_to as as_of_date,
        cohort_name,
        count(*) as left_count
    from memberships
    where valid_to is not null
    group by valid_to, cohort_name

),

final as (

    select
        spine.as_of_date,
        cast(cohorts.cohort_name as {{ dbt.type_string() }}) as cohort_name,
        cast(coalesce(member_counts.member_count, 0) as {{ dbt.type_int() }})
            as member_count,
        cast(coalesce(entry_counts.entered_count, 0) as {{ dbt.type_int() }})
            as entered_count,
        cast(coalesce(exit_counts.left_count, 0) as {{ dbt.type_int() }})
            as left_count
    from spine
    cross join cohorts
    left join member_counts
        on
            spine.as_of_date = member_counts.as_of_date
            and cohorts.cohort_name = member_counts.cohort_name
    left join entry_counts
        on
            spine.as_of_date = entry_counts.as_of_date
            and cohorts.cohort_name = entry_counts.cohort_name
    left join exit_counts
        on
            spine.as_of_date = exit_counts.as_of_date
            and cohorts.cohort_name = exit_counts.cohort_name

)

select * from final
