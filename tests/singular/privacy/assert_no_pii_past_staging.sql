{#-
    Backstop: no email or free-text comment in clear past staging. The
    staging test no_pii stops a build before anything downstream is built;
    this scans what was built anyway, every table and view in schemas
    intermediate, marts, audit and snapshots (information_schema at run
    time, so models added later are covered):
      - by name: a text column named like an email or a comment
        (email, *_email, *email_address*, comment(s), *_comment(s));
      - by value: a text column holding a value shaped like an email address,
        in clear or URL-encoded (%40, %2540).
    Fails with one row per offending column. dbt build runs it after every
    leaf of the DAG (depend_on_every_leaf), so everything is built when it
    scans.
-#}
{{ config(tags=['privacy']) }}
-- depends_on: {{ ref('int_customers_resolved') }}
-- depends_on: {{ ref('int_events_stitched') }}
-- depends_on: {{ ref('int_sessions') }}
-- depends_on: {{ ref('rejected_rows') }}
{{ depend_on_every_leaf() }}
{%- set pii_names = ['email', 'email_address', 'comment', 'comments'] -%}
{%- set findings = [] -%}
{%- for column in columns_in_schemas(
    ['intermediate', 'marts', 'audit', 'snapshots']
) -%}
    {%- set name = column.column | lower -%}
    {%- set value = adapter.quote(column.column) -%}
    {%- if is_string_type(column.data_type) -%}
        {%- if name in pii_names
            or name.endswith('_email')
            or 'email_address' in name
            or name.endswith('_comment')
            or name.endswith('_comments') -%}
            {%- do findings.append(
                "select '" ~ column.schema ~ "." ~ column.table ~ "' as relation_name, '"
                ~ column.column ~ "' as column_name, 'pii_column_name' as finding, 0 as row_count"
            ) -%}
        {%- endif -%}
        {#- an encoded @ is %40 (%2540 encoded twice); ! escapes % in like -#}
        {%- do findings.append(
            "select '" ~ column.schema ~ "." ~ column.table ~ "' as relation_name, '"
            ~ column.column ~ "' as column_name, 'email_value' as finding, count(*) as row_count from "
            ~ adapter.quote(column.schema) ~ "." ~ adapter.quote(column.table)
            ~ " where " ~ value ~ " like '%_@_%._%' or " ~ value ~ " like '%_!%40_%._%' escape '!'"
            ~ " or " ~ value ~ " like '%_!%2540_%._%' escape '!'"
        ) -%}
    {%- endif -%}
{%- endfor %}

with

findings as (

    select
        cast(null as {{ dbt.type_string() }}) as relation_name,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as finding,
        0 as row_count
    where 1 = 0
    {%- for finding in findings %}
    union all
    {{ finding }}
    {%- endfor %}

)

select * from findings
where finding = 'pii_column_name' or row_count > 0
