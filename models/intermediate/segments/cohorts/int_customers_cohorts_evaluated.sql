{#-
    int_customers_cohorts_evaluated: one row per as-of date of the spine, CRM customer and cohort the customer
    belongs to at that date. The cohorts are declared in _cohorts.yml beside this file (config.meta.cohorts)
    and compiled to SQL by macros/cohorts: each leaf that counts facts over a window is one CTE below
    (cohort_leaf_N), each cohort one select of the union. qualifying_metrics lists the value of every leaf of
    the cohort. Spine-keyed inputs are read through ref_restated(); a change of the definitions restates
    every date (definitions_fingerprint, macro history_restatement).
-#}
{{ config(restate_on_cohort_change=true) }}
{%- set compiled = cohort_compiled() %}
{%- set families = segment_history_families() %}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

customer_profiles as (

    select
        customer_id,
        country_code,
        acquisition_channel,
        created_local_date
    from {{ ref('int_customers_resolved') }}

),

engagement as (

    select
        as_of_date,
        customer_id,
        is_contactable
    from {{ ref_restated('int_customers_engagement_segmented') }}

),

labeled as (

    select
        as_of_date,
        {%- for family in families %}
            {{ family }},
        {%- endfor %}
        customer_id
    from {{ ref_restated('int_customers_labeled_as_of_dates') }}

),

plans as (

    select
        customer_id,
        plan_name,
        plan_status,
        valid_from,
        valid_to,
        trial_started_date,
        trial_ends_date
    from {{ ref('int_customer_plans_historized') }}

),

person_event_days as (

    select
        customer_id,
        event_name,
        product_id,
        product_category,
        feature_name,
        event_count,
        event_local_date
    from {{ ref('int_events_aggregated_to_person_event_days') }}
    where customer_id is not null

),

product_days as (

    select
        customer_id,
        product_id,
        view_count,
        cart_add_count,
        purchase_count,
        activity_local_date
    from {{ ref('int_product_interactions_aggregated_to_person_days') }}
    where customer_id is not null

),

feature_days as (

    select
        customer_id,
        feature_name,
        feature_use_count,
        is_advanced,
        event_local_date
    from {{ ref('int_feature_uses_aggregated_to_person_days') }}
    where customer_id is not null

),

email_days as (

    select
        customer_id,
        campaign_id,
        is_clicked,
        engaged_local_date
    from {{ ref('int_emails_engaged_by_customer_days') }}

),

orders as (

    select
        order_id,
        customer_id,
        order_total,
        ordered_local_date
    from {{ ref('int_orders_completed') }}

),

order_lines as (

    select
        order_id,
        customer_id,
        product_id,
        product_category,
        line_amount,
        ordered_local_date
    from {{ ref('int_order_lines_completed') }}

),

plan_usage_days as (

    select
        customer_id,
        usage_share,
        usage_local_date
    from {{ ref('int_plan_usage_aggregated_to_customer_days') }}

),

plans_as_of as (

    {#- The plan state holding at each as-of date -#}
    select
        customers.as_of_date,
        customers.customer_id,
        plans.plan_name,
        plans.plan_status,
        plans.trial_started_date,
        {{ dbt.datediff('customers.as_of_date', 'plans.trial_ends_date', 'day') }}
            as trial_days_left
    from customers
    inner join plans
        on
            customers.customer_id = plans.customer_id
            and plans.valid_from <= customers.as_of_date
            and (
                plans.valid_to is null
                or customers.as_of_date < plans.valid_to
            )

),

customer_attributes as (

    select
        customers.as_of_date,
        customers.customer_id,
        customer_profiles.country_code as country,
        customer_profiles.acquisition_channel,
        plans_as_of.plan_name as plan,
        coalesce(plans_as_of.plan_status, 'none') as plan_status,
        case
            when plans_as_of.trial_started_date is null then 'none'
            when plans_as_of.plan_status = 'active' then 'converted'
            when plans_as_of.plan_status = 'cancelled' then 'cancelled'
            when plans_as_of.trial_days_left <= 0 then 'lapsed'
            when
                plans_as_of.trial_days_left
                <= {{ var('segments__trial_expiring_within_days') }}
                then 'expiring'
            else 'started'
        end as trial_state,
        {{ dbt.datediff(
            'customer_profiles.created_local_date',
            'customers.as_of_date',
            'day',
        ) }} as days_since_signup,
        coalesce(engagement.is_contactable, false) as is_contactable
    from customers
    inner join customer_profiles
        on customers.customer_id = customer_profiles.customer_id
    left join engagement
        on
            customers.as_of_date = engagement.as_of_date
            and customers.customer_id = engagement.customer_id
    left join plans_as_of
        on
            customers.as_of_date = plans_as_of.as_of_date
            and customers.customer_id = plans_as_of.customer_id

),

{% for cte in compiled['ctes'] %}
{{ cte }},

{% endfor -%}
cohort_members as (

    {%- for select in compiled['selects'] %}
    {{ select }}
        {%- if not loop.last %}
    union all
        {%- endif %}
    {%- else %}
    select
        as_of_date,
        customer_id,
        cast(null as {{ dbt.type_string() }}) as cohort_name,
        cast(null as {{ dbt.type_string() }}) as qualifying_metrics,
        is_current
    from customers
    where false
    {%- endfor %}

),

final as (

    select
        as_of_date,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(cohort_name as {{ dbt.type_string() }}) as cohort_name,
        cast(qualifying_metrics as {{ dbt.type_string() }})
            as qualifying_metrics,
        cast(
            '{{ cohort_definitions_fingerprint() }}' as {{ dbt.type_string() }}
        ) as definitions_fingerprint,
        is_current
    from cohort_members

)

select * from final
