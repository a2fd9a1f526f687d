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
    Fails with one row per offending column name, and per relation and set
    of columns holding such values (each relation is read once). dbt build
    runs it after every leaf of the DAG (depend_on_every_leaf), so everything
    is built when it scans.
-#}
{{ config(tags=['privacy']) }}
-- depends_on: {{ ref('int_customers_resolved') }}
-- depends_on: {{ ref('int_events_stitched') }}
-- depends_on: {{ ref('int_sessions') }}
-- depends_on: {{ ref('rejected_rows') }}
{{ depend_on_every_leaf() }}
{%- set pii_names = ['email', 'email_address', 'comment', 'comments'] -%}
{%- set named_findings = [] -%}
{%- set text_columns = {} -%}
{%- for column in columns_in_schemas(
    ['intermediate', 'marts', 'audit', 'snapshots']
) -%}
    {%- set name = column.column | lower -%}
    {%- set relation_name = column.schema ~ '.' ~ column.table -%}
    {%- if is_string_type(column.data_type) -%}
        {%- if name in pii_names
            or name.endswith('_email')
            or 'email_address' in name
            or name.endswith('_comment')
            or name.endswith('_comments') -%}
            {%- do named_findings.append(
                "select '" ~ relation_name ~ "' as relation_name, '"
                ~ column.column ~ "' as column_name"
            ) -%}
        {%- endif -%}
        {%- if relation_name not in text_columns -%}
            {%- do text_columns.update({relation_name: {
                'relation': adapter.quote(column.schema) ~ '.' ~ adapter.quote(column.table),
                'columns': [],
            }}) -%}
        {%- endif -%}
        {%- do text_columns[relation_name]['columns'].append(column.column) -%}
    {%- endif -%}
{%- endfor -%}
{#- per relation, one scan: the rows holding an email-shaped value, each
    named by the columns that hold one; an encoded @ is %40 (%2540 encoded
    twice); ! escapes % in like -#}
{%- set value_hits = [] -%}
{%- for relation_name, found in text_columns | dictsort -%}
    {%- set conditions = [] -%}
    {%- set named = [] -%}
    {%- for column in found['columns'] -%}
        {%- set value = adapter.quote(column) -%}
        {%- set condition = "(" ~ value ~ " like '%_@_%._%' or " ~ value
            ~ " like '%_!%40_%._%' escape '!' or " ~ value
            ~ " like '%_!%2540_%._%' escape '!')" -%}
        {%- do conditions.append(condition) -%}
        {%- do named.append(
            "case when " ~ condition ~ " then '" ~ column ~ "' end"
        ) -%}
    {%- endfor -%}
    {%- do value_hits.append(
        "select '" ~ relation_name ~ "' as relation_name, "
        ~ names_of_matching_columns(named) ~ " as column_name from "
        ~ found['relation'] ~ " where " ~ conditions | join(' or ')
    ) -%}
{%- endfor %}

with

named_columns as (

    select
        cast(null as {{ dbt.type_string() }}) as relation_name,
        cast(null as {{ dbt.type_string() }}) as column_name
    where 1 = 0
    {%- for finding in named_findings %}
    union all
    {{ finding }}
    {%- endfor %}

),

rows_with_email_values as (

    select
        cast(null as {{ dbt.type_string() }}) as relation_name,
        cast(null as {{ dbt.type_string() }}) as column_name
    where 1 = 0
    {%- for hit in value_hits %}
    union all
    {{ hit }}
    {%- endfor %}

),

findings as (

    select
        relation_name,
        column_name,
        'pii_column_name' as finding,
        0 as row_count
    from named_columns

    union all

    select
        relation_name,
        column_name,
        'email_value' as finding,
        count(*) as row_count
    from rows_with_email_values
    group by relation_name, column_name

)

select * from findings
