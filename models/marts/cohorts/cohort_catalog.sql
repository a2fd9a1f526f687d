{#-
    cohort_catalog: one row per declared cohort (config.meta.cohorts of int_customers_cohorts_evaluated):
    its description, suggested action, the cohort it extends and its holdout share.
-#}
{%- set cohorts = cohort_definitions() %}
with

cohorts as (

    {%- for cohort in cohorts %}
        select
            {{ cohort_literal(cohort['name']) }} as cohort_name,
            {{ cohort_literal(cohort.get('description') or '') }} as description,
            {{ cohort_literal(cohort.get('suggested_action') or '') }}
                as suggested_action,
            {{ cohort_literal(cohort['extends']) if cohort.get('extends')
                else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as extends_cohort,
            {{ cohort['holdout']['share'] if cohort.get('holdout')
                else 'cast(null as ' ~ type_double() ~ ')' }} as holdout_share
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as cohort_name,
            cast(null as {{ dbt.type_string() }}) as description,
            cast(null as {{ dbt.type_string() }}) as suggested_action,
            cast(null as {{ dbt.type_string() }}) as extends_cohort,
            cast(null as {{ type_double() }}) as holdout_share
        where false
    {%- endfor %}

),

final as (

    select
        cast(cohort_name as {{ dbt.type_string() }}) as cohort_name,
        cast(description as {{ dbt.type_string() }}) as description,
        cast(suggested_action as {{ dbt.type_string() }}) as suggested_action,
        cast(extends_cohort as {{ dbt.type_string() }}) as extends_cohort,
        cast(holdout_share as {{ type_double() }}) as holdout_share
    from cohorts

)

select * from final
