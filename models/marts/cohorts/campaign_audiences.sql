{#-
    campaign_audiences: one row per campaign (or cohort with a holdout) and current member of its cohort,
    the table a reverse-ETL tool syncs. audience_group: holdout when the member's bucket (macro
    holdout_bucket: md5 of experiment and customer_id) is below holdout_share x 65536, else treatment.
    is_treated = treatment and contactable: sync `where is_treated`. Erased customers are never members
    (int_customers_resolved drops them); the email is only its salted hash.
-#}
{%- set campaigns = cohort_campaigns() %}
with

members as (

    select
        customer_id,
        cohort_name,
        member_since
    from {{ ref('cohort_members') }}

),

customers as (

    select
        customer_id,
        email_hash
    from {{ ref('int_customers_resolved') }}

),

engagement as (

    select
        customer_id,
        is_contactable
    from {{ ref('seg_engagement') }}

),

campaigns as (

    {%- for campaign in campaigns %}
        select
            {{ cohort_literal(campaign['name']) }} as campaign_name,
            {{ cohort_literal(campaign['cohort']) }} as cohort_name,
            {{ cohort_literal(campaign['experiment']) }} as experiment_name,
            {{ campaign['holdout_share'] }} as holdout_share
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as campaign_name,
            cast(null as {{ dbt.type_string() }}) as cohort_name,
            cast(null as {{ dbt.type_string() }}) as experiment_name,
            0 as holdout_share
        where false
    {%- endfor %}

),

campaign_members as (

    {%- for campaign in campaigns %}
        select
            members.customer_id,
            {{ cohort_literal(campaign['name']) }} as campaign_name,
            members.member_since,
            {{ holdout_bucket('members.customer_id', campaign['experiment']) }}
                as holdout_bucket
        from members
        where members.cohort_name = {{ cohort_literal(campaign['cohort']) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- else %}
        select
            customer_id,
            cast(null as {{ dbt.type_string() }}) as campaign_name,
            member_since,
            0 as holdout_bucket
        from members
        where false
    {%- endfor %}

),

audiences as (

    select
        campaign_members.customer_id,
        campaigns.campaign_name,
        campaigns.cohort_name,
        campaigns.experiment_name,
        customers.email_hash,
        case
            when
                campaign_members.holdout_bucket
                < campaigns.holdout_share * 65536
                then 'holdout'
            else 'treatment'
        end as audience_group,
        campaigns.holdout_share,
        campaign_members.holdout_bucket,
        coalesce(engagement.is_contactable, false) as is_contactable,
        campaign_members.member_since
    from campaign_members
    inner join campaigns
        on campaign_members.campaign_name = campaigns.campaign_name
    inner join customers
        on campaign_members.customer_id = customers.customer_id
    left join engagement
        on campaign_members.customer_id = engagement.customer_id

),

final as (

    select
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast(cohort_name as {{ dbt.type_string() }}) as cohort_name,
        cast(experiment_name as {{ dbt.type_string() }}) as experiment_name,
        cast(email_hash as {{ dbt.type_string() }}) as email_hash,
        cast(audience_group as {{ dbt.type_string() }}) as audience_group,
        cast(holdout_share as {{ type_double() }}) as holdout_share,
        cast(holdout_bucket as {{ dbt.type_int() }}) as holdout_bucket,
        is_contactable,
        audience_group = 'treatment' and is_contactable as is_treated,
        member_since
    from audiences

)

select * from final
