{#-
    Schemas come out as the plain custom name (staging, intermediate, marts, audit, seeds, snapshots) instead
    of dbt's default <target_schema>_<custom>, so a BI user reads marts.<table>. Models without a custom
    schema land in the target schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
