{#-
    int_customers_usage_behavior_segmented: the usage behavior label model. One row per as-of date of the
    spine and CRM customer counted at that date (int_customers_as_of_dates); usage tier, intensity and trend
    as of that date, from active days (local dates with at least one clean event) in trailing windows
    (int_usage_aggregated_to_persons joined on as_of_date). Intensity ranks the customers of the same as-of
    date. seg_usage_behavior is its is_current rows (the as-of date D); the other rows are the history.
    Before the first tracking event (or with none landed) the three labels are `unknown`.
-#}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),

person_usage as (

    select
        as_of_date,
        person_id,
        usage_active_days,
        active_days_prior_28d,
        distinct_features_used_28d,
        days_since_last_active,
        last_active_date
    from {{ ref_restated('int_usage_aggregated_to_persons') }}

),

sources_started as (

    select first_event_date
    from {{ ref('int_sources_started') }}

),

customer_usage as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        coalesce(
            sources_started.first_event_date <= customers.as_of_date, false
        ) as has_tracking_data,
        coalesce(person_usage.usage_active_days, 0) as usage_active_days,
        coalesce(person_usage.active_days_prior_28d, 0)
            as active_days_prior_28d,
        coalesce(person_usage.distinct_features_used_28d, 0)
            as distinct_features_used_28d,
        person_usage.days_since_last_active,
        person_usage.last_active_date
    from customers
    cross join sources_started
    left join person_usage
        on
            customers.as_of_date = person_usage.as_of_date
            and customers.customer_id = person_usage.person_id

),

intensity_ranked as (

    {#- Tie-safe as RFM: customers_less_active = strictly fewer active days. #}
    select
        as_of_date,
        customer_id,
        usage_active_days,
        rank() over (
            partition by as_of_date
            order by usage_active_days asc
        ) - 1 as customers_less_active,
        count(*) over (partition by as_of_date) as active_customers
    from customer_usage
    where usage_active_days > 0

),

usage_labeled as (

    select
        customer_usage.as_of_date,
        customer_usage.customer_id,
        customer_usage.is_current,
        customer_usage.usage_active_days,
        customer_usage.active_days_prior_28d,
        customer_usage.distinct_features_used_28d,
        customer_usage.days_since_last_active,
        customer_usage.last_active_date,
        cast(intensity_ranked.customers_less_active as {{ type_double() }})
        / intensity_ranked.active_customers as intensity_percentile,
        case
            when not customer_usage.has_tracking_data then 'unknown'
            when
                customer_usage.usage_active_days
                >= {{ var('segments__usage_power_min_days') }}
                then 'power'
            when
                customer_usage.usage_active_days
                >= {{ var('segments__usage_regular_min_days') }}
                then 'regular'
            when customer_usage.usage_active_days >= 1 then 'casual'
            when
                customer_usage.days_since_last_active is null
                then 'never_active'
            when
                customer_usage.days_since_last_active
                < {{ var('segments__usage_at_risk_after_days') }}
                then 'casual'
            when
                customer_usage.days_since_last_active
                < {{ var('segments__usage_dormant_after_days') }}
                then 'at_risk'
            else 'dormant'
        end as usage_tier,
        case
            when not customer_usage.has_tracking_data then 'unknown'
            when intensity_ranked.customer_id is null then 'none'
            when
                intensity_ranked.customers_less_active
                >= (1 - {{ var('segments__usage_heavy_top_share') }})
                * intensity_ranked.active_customers
                then 'heavy'
            when
                intensity_ranked.customers_less_active
                >= (
                    1
                    - {{ var('segments__usage_heavy_top_share') }}
                    - {{ var('segments__usage_medium_next_share') }}
                )
                * intensity_ranked.active_customers
                then 'medium'
            else 'light'
        end as usage_intensity,
        case
            when not customer_usage.has_tracking_data then 'unknown'
            when
                customer_usage.usage_active_days = 0
                and customer_usage.active_days_prior_28d = 0
                then 'no_activity'
            when
                customer_usage.usage_active_days
                > customer_usage.active_days_prior_28d
                * (1 + {{ var('segments__usage_trend_tolerance') }})
                then 'growing'
            when
                customer_usage.usage_active_days
                < customer_usage.active_days_prior_28d
                * (1 - {{ var('segments__usage_trend_tolerance') }})
                then 'declining'
            else 'stable'
        end as usage_trend
    from customer_usage
    left join intensity_ranked
        on
            customer_usage.as_of_date = intensity_ranked.as_of_date
            and customer_usage.customer_id = intensity_ranked.customer_id

),

final as (

    select
        as_of_date,
        customer_id,
        cast(usage_tier as {{ dbt.type_string() }}) as usage_tier,
        cast(usage_intensity as {{ dbt.type_string() }}) as usage_intensity,
        cast(usage_trend as {{ dbt.type_string() }}) as usage_trend,
        cast(usage_active_days as {{ dbt.type_int() }}) as usage_active_days,
        cast(active_days_prior_28d as {{ dbt.type_int() }})
            as active_days_prior_28d,
        cast(distinct_features_used_28d as {{ dbt.type_int() }})
            as distinct_features_used_28d,
        cast(days_since_last_active as {{ dbt.type_int() }})
            as days_since_last_active,
        cast(intensity_percentile as {{ type_double() }})
            as intensity_percentile,
        last_active_date,
        is_current
    from usage_labeled

)

select * from final
