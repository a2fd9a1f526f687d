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
    build). Each raw row is parsed once; a file changed in place since it
    was loaded is first deleted from {{ this }} by the model's pre-hook
    (macro reparse_changed_files), so it reads as not loaded and is parsed
    again, whole. Files are known by their path relative to the landing
    root, so moving the root re-reads nothing.
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
    reparse_changed_files(): the pre-hook of an incremental *_parsed model.
    A loaded file whose rows on disk (raw.landing_files, Parquet footer)
    differ from the rows the model holds for it, or that this run's
    inventory marks as changed (its size differs from the last run's: a
    file replaced in place), or whose schema drift finding changed (quarantined then, readable now,
    or the reverse), has its rows deleted here, so rows_not_loaded parses
    it again and the copy ranking and the checked view stay exact. A file
    deleted from disk keeps its rows (retained, see
    audit.source_reconciliation). Rows loaded under a file path that is not
    relative to the landing root (a warehouse built before paths became
    relative) stop the run: `dbt build --full-refresh` once. On engines
    without the landing-zone inventory it does nothing.
-#}
{% macro reparse_changed_files() %}
    {{ return(adapter.dispatch('reparse_changed_files', 'segments')()) }}
{% endmacro %}

{% macro default__reparse_changed_files() %}
    {{ return('') }}
{% endmacro %}

{% macro duckdb__reparse_changed_files() %}
    {%- if not execute or not is_incremental() or flags.EMPTY -%}
        {{ return('') }}
    {%- endif -%}
    {%- set tables = [] -%}
    {%- for source_node in landing_zone_sources() -%}
        {%- if [source_node.source_name, source_node.name] in model.sources -%}
            {%- do tables.append(source_node.identifier) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if tables | length != 1 -%}
        {{ exceptions.raise_compiler_error('reparse_changed_files: ' ~ model.name
            ~ ' must read exactly one landing-zone source') }}
    {%- endif -%}
    {%- set table_name = tables[0] -%}
    {%- set compare -%}
        with loaded_files as (
            select
                source_file_name,
                count(*) as loaded_row_count,
                count(
                    case when row_rejection_reason = 'schema_drift' then 1 end
                ) as drift_row_count
            from {{ this }}
            group by source_file_name
        )
        select
            loaded_files.source_file_name,
            case
                when not starts_with(loaded_files.source_file_name, '{{ table_name }}/')
                    then 'not relative'
                else 'changed'
            end as finding,
            loaded_files.loaded_row_count,
            landing_files.row_count
        from loaded_files
        left join raw.landing_files as landing_files
            on
                landing_files.table_name = '{{ table_name }}'
                and loaded_files.source_file_name = landing_files.file_path
                and landing_files.status in ('loaded', 'quarantined')
        where
            not starts_with(loaded_files.source_file_name, '{{ table_name }}/')
            or landing_files.row_count != loaded_files.loaded_row_count
            or landing_files.change = 'changed'
            or (landing_files.status = 'quarantined')
            != (loaded_files.drift_row_count = loaded_files.loaded_row_count)
        order by loaded_files.source_file_name
    {%- endset -%}
    {%- set found = run_query(compare) -%}
    {%- set changed = [] -%}
    {%- for row in found.rows -%}
        {%- if row[1] == 'not relative' -%}
            {{ exceptions.raise_compiler_error(model.name ~ ' holds rows loaded from ' ~ row[0]
                ~ ', a path not relative to the landing root (a warehouse built before source_file_name became '
                ~ 'relative): run `dbt build --full-refresh` once.') }}
        {%- endif -%}
        {%- do changed.append(row[0]) -%}
        {{ log('Landing zone: ' ~ row[0] ~ ' changed since ' ~ model.name ~ ' loaded it ('
            ~ row[2] ~ ' rows then, ' ~ row[3] ~ ' now): its rows are parsed again. If test '
            ~ 'assert_incremental_events_complete then fails, run `dbt build --full-refresh`.', info=true) }}
    {%- endfor -%}
    {%- if not changed -%}
        {{ return('') }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for file_path in changed -%}
        {%- do literals.append(landing_sql_text(file_path)) -%}
    {%- endfor -%}
    {{ return('delete from ' ~ this ~ ' where source_file_name in (' ~ literals | join(', ') ~ ')') }}
{% endmacro %}

{#-
    repeated_copies_ranked(parsed, key, order_columns): the select of a
    *_copies_ranked model. One row per clean copy (row_rejection_reason
    null) of a key that has more than one clean copy in `parsed`, with
    copy_number 1 for the copy kept and 2 and up for the duplicates,
    ordered by `order_columns` (source_file_name may be one of them), then
    by the row number in the file, so ties are deterministic. Only repeated
    keys are sorted: a few rows, not the whole source. The repeated keys
    are found by an integer hash of the key (macro key_hash), about half
    the time of grouping by the text key at scale (docs/performance.md).
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
    before the filter; docs/performance.md). The copy ranking holds
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
