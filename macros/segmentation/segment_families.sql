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
