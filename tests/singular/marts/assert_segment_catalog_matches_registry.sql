{#-
    segment_catalog defines exactly the registry's vocabulary (var segments__label_families): fails with each
    label of the registry that has no definition, and each definition of a label the registry does not know.
    Warns only: a new family may land before its definitions are written.
-#}
{{ config(severity='warn') }}
with

catalog as (

    select
        segment_family,
        segment
    from {{ ref('segment_catalog') }}

),

vocabulary as (

    {{ segment_vocabulary() | indent(4) }}

),

final as (

    select
        coalesce(vocabulary.segment_family, catalog.segment_family)
            as segment_family,
        coalesce(vocabulary.segment, catalog.segment) as segment,
        case
            when catalog.segment is null then 'no definition in segment_catalog'
            else 'not a label of the registry'
        end as problem
    from vocabulary
    full outer join catalog
        on
            vocabulary.segment_family = catalog.segment_family
            and vocabulary.segment = catalog.segment
    where vocabulary.segment is null or catalog.segment is null

)

select * from final
