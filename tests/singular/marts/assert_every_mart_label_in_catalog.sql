{#-
    Every label present in any segment mart (customer_segments, the purchase flags, and the journey stages of
    anonymous persons) exists in segment_catalog. Fails with each (segment_family, segment) missing from it.
-#}
{%- set label_families = segment_label_families() -%}
{%- set purchase_flags = segment_purchase_flags() -%}
with

catalog as (

    select
        segment_family,
        segment
    from {{ ref('segment_catalog') }}

),

mart_labels as (

    {%- for family in label_families %}
        select distinct
            '{{ family }}' as segment_family,
            {{ family }} as segment
        from {{ ref('customer_segments') }}
        union all
    {%- endfor %}
    {%- for flag, flag_column in purchase_flags.items() %}
        select distinct
            'purchase_flag' as segment_family,
            '{{ flag }}' as segment
        from {{ ref('customer_segments') }}
        where {{ flag_column }}
        union all
    {%- endfor %}
    select distinct
        'aida_stage' as segment_family,
        aida_stage as segment
    from {{ ref('seg_journey_stage') }}
    union all
    select distinct
        'journey_stage' as segment_family,
        journey_stage as segment
    from {{ ref('seg_journey_stage') }}

),

final as (

    select distinct
        mart_labels.segment_family,
        mart_labels.segment
    from mart_labels
    left join catalog
        on
            mart_labels.segment_family = catalog.segment_family
            and mart_labels.segment = catalog.segment
    where catalog.segment is null

)

select * from final
