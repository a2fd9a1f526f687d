{#-
    source_reconciliation: one row per raw source table (macro
    staged_sources()): raw rows, base-model rows, clean base rows, staged rows
    and rejected rows. Quarantine, never silent loss: raw = staged + rejected
    for every source (tested); base = raw and staged = clean are tested in
    tests/singular/staging/assert_base_models_keep_every_raw_row.sql.
-#}
with

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

row_counts as (
    {% for staged in staged_sources() %}
        select
            '{{ staged.source_table }}' as source_table,
            (
                select count(*)
                from {{ source(staged.source[0], staged.source[1]) }}
            ) as raw_row_count,
            (
                select count(*)
                from {{ ref(staged.base_model) }}
            ) as base_row_count,
            (
                select count(*)
                from {{ ref(staged.base_model) }}
                where rejection_reason is null
            ) as clean_row_count,
            (
                select count(*)
                from {{ ref(staged.staging_model) }}
            ) as staged_row_count
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (

    select
        row_counts.source_table,
        row_counts.raw_row_count,
        row_counts.base_row_count,
        row_counts.clean_row_count,
        row_counts.staged_row_count,
        coalesce(rejected_counts.rejected_row_count, 0) as rejected_row_count,
        row_counts.raw_row_count
        = row_counts.staged_row_count
        + coalesce(rejected_counts.rejected_row_count, 0) as is_reconciled
    from row_counts
    left join rejected_counts
        on row_counts.source_table = rejected_counts.source_table

)

select * from final
