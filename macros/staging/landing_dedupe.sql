{#-
    Two halves of staging a landing-zone source that repeats rows (the same
    key in several files): parse each raw row once, then rank only the
    copies of the keys that repeat. Used by the tracking and email base
    models; a *_parsed model is incremental by append, a *_copies_ranked
    model a table, and a *_checked view puts them together (checked_rows).
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
    keys are sorted: a few rows, not the whole source. The repeated keys
    are found by an integer hash of the key (macro key_hash): at 100M
    events, 38 s to 18 s against grouping by the text key.
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

repeated_key_hashes as (

    {#- grouped by an integer hash, not the text key: far less to hash and
        spill over every clean row (a key whose hash collides with a
        repeated one's is ranked too, alone, as copy 1: it changes
        nothing). Read from the table, not the `clean_copies` CTE: a CTE
        read twice is materialized whole. -#}
    select {{ key_hash(key) }} as key_hash
    from {{ parsed }}
    where row_rejection_reason is null
    group by {{ key_hash(key) }}
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
    inner join repeated_key_hashes
        on {{ key_hash('clean_copies.' ~ key) }} = repeated_key_hashes.key_hash

)

select * from final
{%- endmacro %}


{#-
    checked_rows(parsed, ranked, columns, duplicate_record): the select of
    a *_checked view. Every row of the *_parsed model `parsed` once, with
    `columns` and two audit columns: rejection_reason (the row check it
    failed, else `duplicate` when the *_copies_ranked model `ranked`
    numbers it 2 or later, else null) and raw_record (the raw row's record;
    for a duplicate, which passed every check, the JSON of
    `duplicate_record`, a mapping of key -> SQL expression over the parsed
    columns).
    Three branches, one per outcome, each reading the parsed rows itself: a
    filter on rejection_reason then drops whole branches, so the staging
    model never computes raw records and the audit never joins the clean
    rows (a single left join carried every row and column through the join
    before the filter: 2 minutes at 100M events). The copy ranking holds
    clean rows only, so the branches never overlap.
-#}
{% macro checked_rows(parsed, ranked, columns, duplicate_record) -%}
{%- set null_string = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set duplicate_copies -%}
    (
        select
            source_file_name as duplicate_file_name,
            source_row_number as duplicate_row_number
        from {{ ranked }}
        where copy_number > 1
    ) as duplicate_copies
        on
            parsed.source_file_name = duplicate_copies.duplicate_file_name
            and parsed.source_row_number
            = duplicate_copies.duplicate_row_number
{%- endset %}
    {#- rows that failed a check #}
    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        row_rejection_reason as rejection_reason,
        row_raw_record as raw_record
    from {{ parsed }}
    where row_rejection_reason is not null

    union all

    {#- clean rows, but for the copies numbered 2 and up #}
    select
        {%- for column in columns %}
        parsed.{{ column }},
        {%- endfor %}
        {{ null_string }} as rejection_reason,
        {{ null_string }} as raw_record
    from {{ parsed }} as parsed
    left join {{ duplicate_copies }}
    where
        parsed.row_rejection_reason is null
        and duplicate_copies.duplicate_row_number is null

    union all

    {#- the copies numbered 2 and up #}
    select
        {%- for column in columns %}
        parsed.{{ column }},
        {%- endfor %}
        'duplicate' as rejection_reason,
        {{ json_object_text(duplicate_record) }} as raw_record
    from {{ parsed }} as parsed
    inner join {{ duplicate_copies }}
{%- endmacro %}
