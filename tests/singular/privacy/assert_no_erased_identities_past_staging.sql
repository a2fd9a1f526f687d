{#-
    Erasure: no erased customer and none of their devices appear past staging.
    Erased customers are those flagged is_erased in stg_crm__customers; their
    devices are the anonymous_ids ever identified as one of them. Every table
    and view built in schemas intermediate and marts with a customer_id,
    anonymous_id or person_id column is checked (information_schema at run
    time, so models added later are covered). Fails with one row per column
    holding an erased identity.
-#}
{{ config(tags=['privacy']) }}
-- depends_on: {{ ref('int_customers_resolved') }}
-- depends_on: {{ ref('int_events_stitched') }}
-- depends_on: {{ ref('int_sessions') }}
{# the leaves of the DAG: the scan runs once every mart is built #}
-- depends_on: {{ ref('segment_summary') }}
-- depends_on: {{ ref('rfm_score_bins') }}
{%- set identity_columns = {
    'customer_id': 'erased_customer_ids',
    'anonymous_id': 'erased_anonymous_ids',
    'person_id': 'erased_person_ids',
} -%}
{%- set checks = [] -%}
{%- for column in columns_in_schemas(['intermediate', 'marts']) -%}
    {%- set name = column.column | lower -%}
    {%- if name in identity_columns -%}
        {%- do checks.append(
            "select '" ~ column.schema ~ "." ~ column.table ~ "' as relation_name, '"
            ~ column.column ~ "' as column_name, count(*) as row_count from "
            ~ adapter.quote(column.schema) ~ "." ~ adapter.quote(column.table)
            ~ " where cast(" ~ adapter.quote(column.column) ~ " as " ~ dbt.type_string()
            ~ ") in (select identity_value from " ~ identity_columns[name] ~ ")"
        ) -%}
    {%- endif -%}
{%- endfor %}

with

erased_customer_ids as (

    select customer_id as identity_value
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

erased_anonymous_ids as (

    select distinct events.anonymous_id as identity_value
    from {{ ref('stg_tracking__events') }} as events
    inner join erased_customer_ids
        on events.customer_id = erased_customer_ids.identity_value
    where events.anonymous_id is not null

),

erased_person_ids as (

    select identity_value from erased_customer_ids

    union all

    select {{ dbt.concat(["'anon:'", 'identity_value']) }} as identity_value
    from erased_anonymous_ids

),

findings as (

    select
        cast(null as {{ dbt.type_string() }}) as relation_name,
        cast(null as {{ dbt.type_string() }}) as column_name,
        count(*) as row_count
    from erased_person_ids
    where 1 = 0
    {%- for check in checks %}
    union all
    {{ check }}
    {%- endfor %}

)

select * from findings
where row_count > 0
