{#-
    base_commerce__products_checked: one row per raw product row, typed, with
    the reason it is not staged (null when clean). Checks, first failing wins:
      0. schema_drift       its file does not fit the contract
                            (source_schema_issue, macro
                            register_landing_zone)
      1. missing_key        product_id blank
      2. unparseable_value  list_price present but not a number
      3. negative_amount    list_price below zero
      4. duplicate          a clean row of the same product_id was kept
                            already (first file in name order wins)
-#}
{{ config(materialized='table') }}

with

raw_products as (

    select
        product_id,
        name,
        category,
        subcategory,
        brand,
        list_price,
        source_file_name,
        source_schema_issue
    from {{ source('commerce', 'products') }}

),

products_typed as (

    select
        {{ clean_string('product_id') }} as product_id,
        {{ clean_string('name') }} as product_name,
        {{ clean_string('category') }} as product_category,
        {{ clean_string('subcategory') }} as product_subcategory,
        {{ clean_string('brand') }} as brand,
        {{ clean_string('list_price') }} as list_price_text,
        {{ parse_number('list_price', type_amount()) }} as list_price,
        source_file_name,
        source_schema_issue,
        {#- raw values as text for the audit record -#}
        cast(product_id as {{ dbt.type_string() }}) as raw_product_id,
        cast(name as {{ dbt.type_string() }}) as raw_name,
        cast(category as {{ dbt.type_string() }}) as raw_category,
        cast(list_price as {{ dbt.type_string() }}) as raw_list_price
    from raw_products

),

row_checked as (

    select
        *,
        case
            when source_schema_issue is not null then 'schema_drift'
            when product_id is null then 'missing_key'
            when list_price_text is not null and list_price is null
                then 'unparseable_value'
            when list_price < 0 then 'negative_amount'
        end as row_rejection_reason
    from products_typed

),

copies_ranked as (

    select
        *,
        row_number() over (
            partition by product_id, row_rejection_reason
            order by source_file_name asc, product_name asc
        ) as copy_number
    from row_checked

),

final as (

    select
        product_id,
        product_name,
        product_category,
        product_subcategory,
        brand,
        source_file_name,
        list_price,
        coalesce(
            row_rejection_reason,
            case when copy_number > 1 then 'duplicate' end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or copy_number > 1
                then {{ json_object_text({
                    'product_id': 'raw_product_id',
                    'name': 'raw_name',
                    'category': 'raw_category',
                    'list_price': 'raw_list_price',
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as raw_record
    from copies_ranked

)

select * from final
