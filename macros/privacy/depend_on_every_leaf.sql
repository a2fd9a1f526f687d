{#-
    Refs every model that nothing else builds on (and the snapshot), so a
    test that scans tables found at run time runs after the whole DAG: dbt
    cannot see those reads, and without the refs it may scan a table that is
    still being replaced (Spark) or not yet rebuilt (any engine).
-#}
{% macro depend_on_every_leaf() %}
    {%- set leaves = [
        'source_reconciliation', 'unknown_event_names', 'unknown_values',
        'rejected_rows', 'traffic_source_segments', 'best_traffic_sources',
        'segment_memberships', 'segment_sizes', 'segment_history',
        'cohort_catalog', 'campaign_audiences', 'cohort_sizes',
        'metricflow_time_spine', 'seg_usage_behavior', 'segment_summary',
        'seg_benefits_sought', 'seg_purchase_behavior', 'seg_loyalty',
        'segment_catalog', 'rfm_score_bins', 'seg_journey_stage',
        'seg_occasion', 'seg_satisfaction', 'seg_rfm', 'category_sequences',
        'customer_recommendations'
    ] -%}
    {%- for leaf in leaves %}
-- depends_on: {{ ref(leaf) }}
    {%- endfor %}
    {%- if snapshots_enabled() %}
-- depends_on: {{ ref('customer_segments_snapshot') }}
    {%- endif %}
{% endmacro %}
