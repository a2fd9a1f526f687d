{#-
    Two halves of staging a landing-zone source that repeats rows (the same
    key in several files): parse each raw row once, then rank only the
    copies of the keys that repeat. Used by the tracking and email base
    models; a *_parsed model is incremental by append, a *_copies_ranked
    model a table, and a *_checked view joins them (copies_judged,
    rejection_columns).
-#}

{#-
    rows_not_loaded(landed): select the rows of the CTE `landed` whose
    landing-zone file is not in {{ this }} yet (every row on a full
    build). Files are immutable, so each raw row is parsed once.
-#}
{% macro rows_not_loaded(landed) -%}
    select {{ landed }}.*
    from {{ landed }}
    {%- if is_incremental() %}
        left join (
            select distinct source_file_name
            from {{ this }}
        ) as loaded_files
            on {{ landed }}.source_file_name = loaded_files.source_file_name
        where loaded_files.source_file_name is null
    {%- endif %}
{%- endmacro %}

{#-
    repeated_copies_ranked(parsed, key, order_columns): the select of a
    *_copies_ranked model. One row per clean copy (row_rejection_reason
    null) of a key that has more than one clean copy in `parsed`, with
    copy_number 1 for the copy kept and 2 and up for the duplicates,
    ordered by `order_columns` (source_file_name may be one of them), then
    by the row number in the file, so ties are deterministic. Only repeated
    keys are sorted: a few rows, not the whole source.
-#}
{% macro repeated_copies_ranked(parsed, key, order_columns) -%}
with

clean_copies as (

    select
        {{ key }},
        {%- for column in order_columns
            if column != 'source_file_name' %}
        {{ column }},
        {%- endfor %}
        source_file_name,
        source_row_number
    from {{ parsed }}
    where row_rejection_reason is null

),

repeated_keys as (

    {#- read from the table, not the `clean_copies` CTE: a CTE read twice is
        materialized whole -#}
    select {{ key }}
    from {{ parsed }}
    where row_rejection_reason is null
    group by {{ key }}
    having count(*) > 1

),

final as (

    select
        clean_copies.{{ key }},
        clean_copies.source_file_name,
        clean_copies.source_row_number,
        row_number() over (
            partition by clean_copies.{{ key }}
            order by
                {%- for column in order_columns %}
                clean_copies.{{ column }} asc,
                {%- endfor %}
                clean_copies.source_row_number asc
        ) as copy_number
    from clean_copies
    inner join repeated_keys
        on clean_copies.{{ key }} = repeated_keys.{{ key }}

)

select * from final
{%- endmacro %}


{#-
    copies_judged(parsed, ranked): the select of every row of the CTE
    `parsed` with is_duplicate, true when the CTE `ranked` (a
    *_copies_ranked model) numbers it 2 or later. Joined on the raw row
    (file, row number).
-#}
{% macro copies_judged(parsed, ranked) -%}
    select
        {{ parsed }}.*,
        coalesce({{ ranked }}.copy_number > 1, false) as is_duplicate
    from {{ parsed }}
    left join {{ ranked }}
        on
            {{ parsed }}.source_file_name = {{ ranked }}.source_file_name
            and {{ parsed }}.source_row_number
            = {{ ranked }}.source_row_number
{%- endmacro %}


{#-
    rejection_columns(duplicate_record): the two audit columns of a
    *_checked view over copies_judged: rejection_reason (the row check
    failed, else `duplicate`) and raw_record (the parsed row's record, else
    for a duplicate the JSON of `duplicate_record`, a mapping of key -> SQL
    expression: a duplicate passed every check, so its parsed values stand
    for it).
-#}
{% macro rejection_columns(duplicate_record) -%}
    coalesce(
        row_rejection_reason,
        case when is_duplicate then 'duplicate' end
    ) as rejection_reason,
    coalesce(
        row_raw_record,
        case
            when is_duplicate
                then {{ json_object_text(duplicate_record) }}
        end
    ) as raw_record
{%- endmacro %}
