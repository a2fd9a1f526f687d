{#-
    base_commerce__orders_checked: one row per raw order version, typed, with
    the reason it is not staged (null for the latest clean version of each
    order). Checks, first failing wins:
      0. schema_drift           its file does not fit the contract
                                (source_schema_issue, macro
                                register_landing_zone)
      1. missing_key            order_id blank
      2. unparseable_timestamp  created_at or updated_at missing or
                                unparseable
      3. implausible_timestamp  created_at or updated_at before var
                                segments__earliest_plausible_date or after
                                the load time plus a tolerance
                                (is_implausible_timestamp)
      4. unparseable_value      an amount present but not a number that fits
                                decimal(18, 2) (more decimals are rounded)
      5. negative_amount        an amount below zero
      6. unknown_value          status outside var segments__order_statuses
                                (counted in audit.unknown_values)
      7. missing_exchange_rate  currency blank, or neither the reporting
                                currency nor converted to it by a rate of
                                seed exchange_rates valid on the order's UTC
                                date
      8. duplicate              same updated_at and same content as the kept
                                version
      9. conflicting_version    same updated_at as the kept version, other
                                content
     10. superseded_version     an older version of an order
    A version is compared only with clean versions: a rejected latest version
    does not hide the previous clean one. Versions tied on updated_at are
    ranked by their content, never by file position: the later status of the
    lifecycle (var segments__order_statuses, in order) wins, then the lower
    content fingerprint; file name and row number only break exact copies.
-#}
{{ config(materialized='table') }}

with

raw_orders as (

    select
        order_id,
        customer_id,
        created_at,
        status,
        currency,
        subtotal,
        discount_total,
        shipping_total,
        tax_total,
        total,
        coupon_code,
        shipping_method,
        sales_channel,
        updated_at,
        source_file_name,
        source_row_number,
        source_schema_issue
    from {{ source('commerce', 'orders') }}

),

exchange_rates as (

    select
        from_currency_code,
        valid_from,
        valid_to
    from {{ ref('exchange_rates') }}
    where to_currency_code = '{{ var("segments__reporting_currency") }}'

),

orders_typed as (

    select
        {{ clean_string('order_id') }} as order_id,
        {{ clean_string('customer_id') }} as customer_id,
        lower({{ clean_string('status') }}) as order_status,
        upper({{ clean_string('currency') }}) as currency_code,
        upper({{ clean_string('coupon_code') }}) as coupon_code,
        lower({{ clean_string('shipping_method') }}) as shipping_method,
        lower({{ clean_string('sales_channel') }}) as sales_channel,
        {{ clean_string('subtotal') }} as subtotal_text,
        {{ parse_number('subtotal', type_amount()) }} as subtotal_amount,
        {{ clean_string('discount_total') }} as discount_text,
        {{ parse_number('discount_total', type_amount()) }}
            as discount_amount,
        {{ clean_string('shipping_total') }} as shipping_text,
        {{ parse_number('shipping_total', type_amount()) }}
            as shipping_amount,
        {{ clean_string('tax_total') }} as tax_text,
        {{ parse_number('tax_total', type_amount()) }}
            as tax_amount,
        {{ clean_string('total') }} as total_text,
        {{ parse_number('total', type_amount()) }} as order_total,
        {{ parse_timestamp_utc('created_at') }} as ordered_at,
        {{ parse_timestamp_utc('updated_at') }} as updated_at,
        source_file_name,
        source_row_number,
        source_schema_issue,
        {#- raw values as text for the audit record -#}
        cast(order_id as {{ dbt.type_string() }}) as raw_order_id,
        cast(customer_id as {{ dbt.type_string() }}) as raw_customer_id,
        cast(created_at as {{ dbt.type_string() }}) as raw_created_at,
        cast(status as {{ dbt.type_string() }}) as raw_status,
        cast(currency as {{ dbt.type_string() }}) as raw_currency,
        cast(total as {{ dbt.type_string() }}) as raw_total,
        cast(updated_at as {{ dbt.type_string() }}) as raw_updated_at
    from raw_orders

),

rated_currency_dates as (

    {#- the currencies and UTC order dates a rate into the reporting currency
        covers: a join rather than a correlated exists in the select list,
        which Spark's optimizer fails to push through a union (unit-test
        fixtures) -#}
    select distinct
        orders_typed.currency_code as rated_currency_code,
        cast(orders_typed.ordered_at as date) as rated_date
    from orders_typed
    inner join exchange_rates
        on
            orders_typed.currency_code = exchange_rates.from_currency_code
            and exchange_rates.valid_from
            <= cast(orders_typed.ordered_at as date)
            and exchange_rates.valid_to
            > cast(orders_typed.ordered_at as date)

),

orders_rated as (

    select
        orders_typed.*,
        (
            orders_typed.currency_code
            = '{{ var("segments__reporting_currency") }}'
            or rated_currency_dates.rated_currency_code is not null
        ) as has_exchange_rate,
        {#- content of the version, to tell a copy from a conflicting tie -#}
        {{ version_content_hash([
            'order_id',
            'customer_id',
            'order_status',
            'currency_code',
            'coupon_code',
            'shipping_method',
            'sales_channel',
            'subtotal_amount',
            'discount_amount',
            'shipping_amount',
            'tax_amount',
            'order_total',
            'ordered_at',
            'updated_at',
        ]) }} as version_fingerprint
    from orders_typed
    left join rated_currency_dates
        on
            orders_typed.currency_code
            = rated_currency_dates.rated_currency_code
            and cast(orders_typed.ordered_at as date)
            = rated_currency_dates.rated_date

),

row_checked as (

    select
        *,
        case
            when source_schema_issue is not null then 'schema_drift'
            when order_id is null then 'missing_key'
            when ordered_at is null or updated_at is null
                then 'unparseable_timestamp'
            when
                {{ is_implausible_timestamp('ordered_at') }}
                or {{ is_implausible_timestamp('updated_at') }}
                then 'implausible_timestamp'
            when
                (subtotal_text is not null and subtotal_amount is null)
                or (discount_text is not null and discount_amount is null)
                or (shipping_text is not null and shipping_amount is null)
                or (tax_text is not null and tax_amount is null)
                or (total_text is not null and order_total is null)
                then 'unparseable_value'
            when
                subtotal_amount < 0
                or discount_amount < 0
                or shipping_amount < 0
                or tax_amount < 0
                or order_total < 0
                then 'negative_amount'
            when
                order_status not in {{
                    sql_string_list(var('segments__order_statuses'))
                }}
                then 'unknown_value'
            when not coalesce(has_exchange_rate, false)
                then 'missing_exchange_rate'
        end as row_rejection_reason
    from orders_rated

),

versions_ordered as (

    select
        *,
        {{ vocabulary_position(
            'order_status', var('segments__order_statuses')
        ) }} as lifecycle_position
    from row_checked

),

versions_ranked as (

    select
        *,
        row_number() over (
            partition by order_id, row_rejection_reason
            order by
                updated_at desc,
                lifecycle_position desc nulls last,
                version_fingerprint asc,
                source_file_name asc,
                source_row_number asc
        ) as version_number,
        first_value(version_fingerprint) over (
            partition by order_id, row_rejection_reason
            order by
                updated_at desc,
                lifecycle_position desc nulls last,
                version_fingerprint asc,
                source_file_name asc,
                source_row_number asc
        ) as kept_fingerprint,
        max(updated_at) over (
            partition by order_id, row_rejection_reason
        ) as latest_updated_at
    from versions_ordered

),

final as (

    select
        order_id,
        customer_id,
        order_status,
        currency_code,
        coupon_code,
        shipping_method,
        sales_channel,
        source_file_name,
        subtotal_amount,
        discount_amount,
        shipping_amount,
        tax_amount,
        order_total,
        ordered_at,
        updated_at,
        coalesce(
            row_rejection_reason,
            case
                when version_number = 1 then null
                when updated_at < latest_updated_at then 'superseded_version'
                when version_fingerprint = kept_fingerprint then 'duplicate'
                else 'conflicting_version'
            end
        ) as rejection_reason,
        case
            when row_rejection_reason is not null or version_number > 1
                then {{ json_object_text({
                    'order_id': 'raw_order_id',
                    'customer_id': 'raw_customer_id',
                    'created_at': 'raw_created_at',
                    'status': 'raw_status',
                    'currency': 'raw_currency',
                    'total': 'raw_total',
                    'updated_at': 'raw_updated_at',
                    'source_schema_issue': 'source_schema_issue',
                }) }}
        end as raw_record
    from versions_ranked

)

select * from final
