{#-
    Mutual exclusivity: every customer mart gives each customer exactly one non-null primary label per segment
    family (and the journey mart one aida_stage and one journey_stage per person). Fails with every (family,
    key) that has zero, several or a null label.
-#}
{%- set families = [
    ('seg_rfm', 'customer_id', 'rfm_segment'),
    ('seg_purchase_behavior', 'customer_id', 'purchase_segment'),
    ('seg_usage_behavior', 'customer_id', 'usage_tier'),
    ('seg_usage_behavior', 'customer_id', 'usage_intensity'),
    ('seg_usage_behavior', 'customer_id', 'usage_trend'),
    ('seg_occasion', 'customer_id', 'occasion_segment'),
    ('seg_benefits_sought', 'customer_id', 'benefit_segment'),
    ('seg_loyalty', 'customer_id', 'loyalty_tier'),
    ('seg_journey_stage', 'person_id', 'aida_stage'),
    ('seg_journey_stage', 'person_id', 'journey_stage'),
    ('seg_engagement', 'customer_id', 'engagement_level'),
    ('seg_satisfaction', 'customer_id', 'nps_category'),
] -%}
with

labels as (

    {%- for mart, key, family in families %}
        select
            '{{ mart }}.{{ family }}' as segment_family,
            {{ key }} as segment_key,
            {{ family }} as segment
        from {{ ref(mart) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

final as (

    select
        segment_family,
        segment_key,
        count(*) as label_count,
        count(segment) as non_null_label_count,
        count(distinct segment) as distinct_label_count
    from labels
    group by segment_family, segment_key

)

select * from final
where
    label_count != 1
    or non_null_label_count != 1
    or distinct_label_count != 1
