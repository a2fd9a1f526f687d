{#-
    segment_catalog: one row per segment family and label, with its definition and the suggested action
    (from seed segment_definitions), so a dashboard reader knows what each label means and what to do with it.
    Families are the label columns of customer_segments, plus purchase_flag for the purchase flags. The
    singular test assert_every_mart_label_in_catalog checks that every label a mart emits is listed here.
-#}
with

catalog as (

    select
        segment_family,
        segment,
        definition,
        suggested_action
    from {{ ref('segment_definitions') }}

),

final as (

    select
        cast(segment_family as {{ dbt.type_string() }}) as segment_family,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(definition as {{ dbt.type_string() }}) as definition,
        cast(suggested_action as {{ dbt.type_string() }}) as suggested_action
    from catalog

)

select * from final
