{#-
    Refs every model that nothing else builds on (and the snapshot), so a
    test that scans tables found at run time runs after the whole DAG: dbt
    cannot see those reads, and without the refs it may scan a table that is
    still being replaced (Spark) or not yet rebuilt (any engine). The list
    is written out because dbt reads refs before it knows the graph; when
    the graph has a leaf the list lacks, compiling fails naming it.
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
    {%- if execute -%}
        {%- set fed = [] -%}
        {%- for node in graph.nodes.values()
            if node.resource_type in ['model', 'snapshot'] -%}
            {%- do fed.extend(node.depends_on.nodes) -%}
        {%- endfor -%}
        {%- set missing = [] -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model'
            and node.package_name == project_name
            and node.unique_id not in fed and node.name not in leaves -%}
            {%- do missing.append(node.name) -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                'depend_on_every_leaf: add ' ~ missing | sort | join(', ')
                ~ ' to the list in macros/privacy/depend_on_every_leaf.sql'
            ) }}
        {%- endif -%}
    {%- endif %}
    {%- if snapshots_enabled() %}
-- depends_on: {{ ref('customer_segments_snapshot') }}
    {%- endif %}
{% endmacro %}
