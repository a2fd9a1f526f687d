{#-
    No erased customer in any audience, and every treated row is a
    contactable treatment member.
-#}
with

audiences as (

    select
        customer_id,
        campaign_name,
        audience_group,
        is_contactable,
        is_treated
    from {{ ref('campaign_audiences') }}

),

erased_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

final as (

    select
        audiences.customer_id,
        audiences.campaign_name,
        'erased customer in an audience' as failure
    from audiences
    inner join erased_customers
        on audiences.customer_id = erased_customers.customer_id

    union all

    select
        customer_id,
        campaign_name,
        'treated but not a contactable treatment member' as failure
    from audiences
    where
        is_treated
        and (audience_group != 'treatment' or not is_contactable)

)

select * from final
