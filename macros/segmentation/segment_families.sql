{#-
    The registry of segment families (var segments__label_families in dbt_project.yml), read at parse time.
    Every list of families in the project comes from these macros: customer_segments, segment_summary, the
    history models, the snapshot's check columns and the vocabulary and catalog tests.
-#}

{#- segment_families(): every registry entry, checked: a malformed entry is a compile error naming it -#}
{% macro segment_families() %}
    {%- set families = var('segments__label_families') -%}
    {%- set seen = [] -%}
    {%- for family in families -%}
        {%- set where = "segments__label_families entry " ~ (family.get('name') or loop.index) -%}
        {%- if not family.get('name') or not family.get('model') -%}
            {{ exceptions.raise_compiler_error(where ~ ": `name` and `model` are required") }}
        {%- endif -%}
        {%- if family['name'] in seen -%}
            {{ exceptions.raise_compiler_error(where ~ ": the name is used twice") }}
        {%- endif -%}
        {%- do seen.append(family['name']) -%}
        {%- if family.get('grain') not in ['customer', 'person'] -%}
            {{ exceptions.raise_compiler_error(
                where ~ ": `grain` must be customer or person, got '" ~ family.get('grain') ~ "'") }}
        {%- endif -%}
        {%- if (family.get('labels') is none) == (family.get('flags') is none) -%}
            {{ exceptions.raise_compiler_error(where ~ ": give either `labels` or `flags`") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(families) }}
{% endmacro %}

{#- segment_family(name): one registry entry; an unknown name is a compile error -#}
{% macro segment_family(name) %}
    {%- for family in segment_families() if family['name'] == name -%}
        {{ return(family) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        "unknown segment family '" ~ name ~ "', expected one of "
        ~ segment_families() | map(attribute='name') | join(', ')) }}
{% endmacro %}

{#- segment_label_families(): the label columns (families with labels), in registry order -#}
{% macro segment_label_families() %}
    {%- set names = [] -%}
    {%- for family in segment_families() if family.get('labels') is not none -%}
        {%- do names.append(family['name']) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}

{#- segment_flag_families(): the families reported through boolean flag columns -#}
{% macro segment_flag_families() %}
    {%- set families = [] -%}
    {%- for family in segment_families() if family.get('flags') is not none -%}
        {%- do families.append(family) -%}
    {%- endfor -%}
    {{ return(families) }}
{% endmacro %}

{#- segment_label_models(): label family -> the label model computing it at every as-of date -#}
{% macro segment_label_models() %}
    {%- set models = {} -%}
    {%- for family in segment_families() if family.get('labels') is not none -%}
        {%- do models.update({family['name']: family['model']}) -%}
    {%- endfor -%}
    {{ return(models) }}
{% endmacro %}

{#-
    segment_model_columns(): label model -> {'grain', 'columns'}: the columns customer_segments reads from it
    (labels, flag columns, metrics), one entry per model in registry order.
-#}
{% macro segment_model_columns() %}
    {%- set models = {} -%}
    {%- for family in segment_families() -%}
        {%- if family['model'] not in models -%}
            {%- do models.update({family['model']: {'grain': family['grain'], 'columns': []}}) -%}
        {%- endif -%}
        {%- set columns = models[family['model']]['columns'] -%}
        {%- if family.get('labels') is not none -%}
            {%- do columns.append(family['name']) -%}
        {%- else -%}
            {%- do columns.extend(family['flags'].values() | list) -%}
        {%- endif -%}
        {%- do columns.extend(family.get('metrics') or []) -%}
    {%- endfor -%}
    {{ return(models) }}
{% endmacro %}

{#- segment_snapshot_columns(): the columns whose change opens a new snapshot version -#}
{% macro segment_snapshot_columns() %}
    {%- set columns = segment_label_families() -%}
    {%- for family in segment_flag_families() -%}
        {%- do columns.extend(family['flags'].values() | list) -%}
    {%- endfor -%}
    {%- for family in segment_families() -%}
        {%- do columns.extend(family.get('versioned') or []) -%}
    {%- endfor -%}
    {{ return(columns) }}
{% endmacro %}

{#-
    segment_history_families(): the families segment_history tracks: var segments__history_families when set,
    else every label family. An unknown family is a compile error.
-#}
{% macro segment_history_families() %}
    {%- set label_families = segment_label_families() -%}
    {%- set families = var('segments__history_families') or label_families -%}
    {%- for family in families if family not in label_families -%}
        {{ exceptions.raise_compiler_error(
            "segments__history_families: unknown segment family '" ~ family
            ~ "', expected one of " ~ label_families | join(', ')) }}
    {%- endfor -%}
    {{ return(families) }}
{% endmacro %}

{#-
    segment_vocabulary(): a query of every (segment_family, segment) the registry declares: each label of a
    label family and each flag of a flag family.
-#}
{% macro segment_vocabulary() %}
    {%- set rows = [] -%}
    {%- for family in segment_families() -%}
        {%- for label in family.get('labels') or family['flags'].keys() | list -%}
            {%- do rows.append(
                "select '" ~ family['name'] ~ "' as segment_family, '" ~ label ~ "' as segment") -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(rows | join('\nunion all\n')) }}
{% endmacro %}

{#-
    segment_labels_long(relation): one row per customer of `relation` (customer_segments' columns) and family:
    customer_id, segment_family, segment. A flag family gives one row per flag that is true.
-#}
{% macro segment_labels_long(relation) %}
    {%- set selects = [] -%}
    {%- for family in segment_label_families() -%}
        {%- do selects.append(
            "select customer_id, '" ~ family ~ "' as segment_family, " ~ family ~ " as segment from "
            ~ relation) -%}
    {%- endfor -%}
    {%- for family in segment_flag_families() -%}
        {%- for flag, column in family['flags'].items() -%}
            {%- do selects.append(
                "select customer_id, '" ~ family['name'] ~ "' as segment_family, '" ~ flag ~ "' as segment from "
                ~ relation ~ " where " ~ column) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(selects | join('\nunion all\n')) }}
{% endmacro %}
