{#-
    segment_label_families(): the label columns of customer_segments, one per segment family, in the order
    segment_summary lists them. segment_purchase_flags(): the purchase flags reported as family
    `purchase_flag` (segment name -> flag column). One list, read by segment_summary and the tests that
    check it against the detail and the catalog; a new family is one more entry here.
-#}
{% macro segment_label_families() %}
    {{ return([
        'rfm_segment', 'purchase_segment', 'usage_tier', 'usage_intensity',
        'usage_trend', 'occasion_segment', 'preferred_daypart',
        'preferred_weekday', 'benefit_segment', 'loyalty_tier', 'aida_stage',
        'journey_stage', 'engagement_level', 'nps_category',
    ]) }}
{% endmacro %}

{% macro segment_purchase_flags() %}
    {{ return({
        'cart_abandoner': 'is_cart_abandoner',
        'window_shopper': 'is_window_shopper',
        'bargain_hunter': 'is_bargain_hunter',
        'high_value': 'is_high_value',
    }) }}
{% endmacro %}

{#-
    segment_label_models(): for every label family of segment_label_families(), the intermediate label model
    that computes it at every date of the as-of spine (grain as_of_date x customer; the seg_* marts keep its
    is_current rows). segment_history reads it; a new family is one more entry here.
-#}
{% macro segment_label_models() %}
    {{ return({
        'rfm_segment': 'int_customers_rfm_segmented',
        'purchase_segment': 'int_customers_purchase_behavior_segmented',
        'usage_tier': 'int_customers_usage_behavior_segmented',
        'usage_intensity': 'int_customers_usage_behavior_segmented',
        'usage_trend': 'int_customers_usage_behavior_segmented',
        'occasion_segment': 'int_customers_occasion_segmented',
        'preferred_daypart': 'int_customers_occasion_segmented',
        'preferred_weekday': 'int_customers_occasion_segmented',
        'benefit_segment': 'int_customers_benefits_sought_segmented',
        'loyalty_tier': 'int_customers_loyalty_segmented',
        'aida_stage': 'int_persons_journey_stage_segmented',
        'journey_stage': 'int_persons_journey_stage_segmented',
        'engagement_level': 'int_customers_engagement_segmented',
        'nps_category': 'int_customers_satisfaction_segmented',
    }) }}
{% endmacro %}

{#-
    segment_history_families(): the families segment_history tracks: var segments__history_families when set,
    else every label family. An unknown family is a compile error.
-#}
{% macro segment_history_families() %}
    {%- set families = var('segments__history_families') or segment_label_families() -%}
    {%- for family in families -%}
        {%- if family not in segment_label_models() -%}
            {{ exceptions.raise_compiler_error(
                "segments__history_families: unknown segment family '" ~ family
                ~ "', expected one of " ~ segment_label_families() | join(', ')) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(families) }}
{% endmacro %}
