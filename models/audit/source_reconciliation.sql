{#-
    source_reconciliation: one row per raw source table (macro
    staged_sources()): raw rows counted from the landing-zone files on disk
    (macro landing_data_files: the Parquet footers of raw.landing_files, so a
    file the views would not read still counts), rows kept from files no
    longer on disk, base-model rows, clean base rows, staged rows and rejected
    rows. Quarantine, never silent loss: raw + retained = staged + rejected
    for every source (tested); base = raw + retained and staged = clean are
    tested in tests/singular/staging/assert_base_models_keep_every_raw_row.sql.
-#}
with

landing_files as (

    {{ landing_data_files() }}

),

rejected_rows as (

    select source_table
    from {{ ref('rejected_rows') }}

),

rejected_counts as (

    select
        source_table,
        count(*) as rejected_row_count
    from rejected_rows
    group by source_table

),

raw_counts as (

    select
        source_table,
        cast(sum(row_count) as {{ dbt.type_bigint() }}) as raw_row_count
    from landing_files
    group by source_table

),

base_counts as (
    {% for staged in staged_sources() %}
        {#- a row whose file is gone (retention) is retained: the append-only
            event sources keep their parsed rows; the others are rebuilt from
            the files on disk, so they have none -#}
        select
            '{{ staged.source_table }}' as source_table,
            count(*) as base_row_count,
            count(
                case when base_rows.rejection_reason is null then 1 end
            ) as clean_row_count,
            count(
                case when on_disk.file_path is null then 1 end
            ) as retained_row_count,
            (
                select count(*)
                from {{ ref(staged.staging_model) }}
            ) as staged_row_count
        from {{ ref(staged.base_model) }} as base_rows
        left join landing_files as on_disk
            on
                on_disk.source_table = '{{ staged.source_table }}'
                and base_rows.source_file_name = on_disk.file_path
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (

    select
        base_counts.source_table,
        coalesce(raw_counts.raw_row_count, 0) as raw_row_count,
        base_counts.retained_row_count,
        base_counts.base_row_count,
        base_counts.clean_row_count,
        base_counts.staged_row_count,
        coalesce(rejected_counts.rejected_row_count, 0) as rejected_row_count,
        coalesce(raw_counts.raw_row_count, 0)
        + base_counts.retained_row_count
        = base_counts.staged_row_count
        + coalesce(rejected_counts.rejected_row_count, 0) as is_reconciled
    from base_counts
    left join raw_counts
        on base_counts.source_table = raw_counts.source_table
    left join rejected_counts
        on base_counts.source_table = rejected_counts.source_table

)

select * from final
