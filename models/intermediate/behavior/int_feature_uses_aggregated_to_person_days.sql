{#-
    int_feature_uses_aggregated_to_person_days: one row per person, feature and local date with at least one
    feature use (events named in var segments__feature_use_event_names carrying properties.feature_name).
    is_advanced marks the features listed in seed advanced_features.
-#}
with

events as (

    select
        person_id,
        customer_id,
        event_name,
        feature_name,
        event_local_date
    from {{ ref('int_events_stitched') }}

),

advanced_features as (

    select feature_name
    from {{ ref('advanced_features') }}

),

feature_days as (

    select
        person_id,
        max(customer_id) as customer_id,
        feature_name,
        count(*) as feature_use_count,
        event_local_date
    from events
    where
        feature_name is not null
        and event_name in {{
            sql_string_list(var('segments__feature_use_event_names'))
        }}
    group by person_id, feature_name, event_local_date

),

final as (

    select
        feature_days.person_id,
        feature_days.customer_id,
        feature_days.feature_name,
        cast(feature_days.feature_use_count as {{ dbt.type_int() }})
            as feature_use_count,
        advanced_features.feature_name is not null as is_advanced,
        feature_days.event_local_date
    from feature_days
    left join advanced_features
        on feature_days.feature_name = advanced_features.feature_name

)

select * from final
