{#-
    rejected_rows: one row per raw row that is not staged, from every source
    (rejected_row_id: a hash of the row, numbered among identical copies):
    its source table, key, machine-readable reason, raw record (JSON text)
    and landing-zone file. Quarantine, never silent loss: with the staged
    rows these add up to the raw rows (audit.source_reconciliation). The raw
    record of a row of an erased customer (or of a device identified as one)
    is redacted.
-#}
{%- set null_string = 'cast(null as ' ~ dbt.type_string() ~ ')' %}
with

erased_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

tracked_devices as (

    {#- every raw row, rejected or not (the parsed table: the checked view
        would join the copy ranking for nothing) -#}
    select
        anonymous_id,
        customer_id
    from {{ ref('base_tracking__events_parsed') }}
    where anonymous_id is not null and customer_id is not null

),

unioned as (
    {% for staged in staged_sources() %}
        select
            '{{ staged.source_table }}' as source_table,
            {{ staged.key }} as record_key,
            rejection_reason,
            raw_record,
            source_file_name,
            {{ staged.subject_customer or null_string }}
                as subject_customer_id,
            {{ staged.subject_anonymous or null_string }}
                as subject_anonymous_id
        from {{ ref(staged.base_model) }}
        where rejection_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

erased_devices as (

    select distinct tracked_devices.anonymous_id
    from tracked_devices
    inner join erased_customers
        on tracked_devices.customer_id = erased_customers.customer_id

),

subjects_flagged as (

    select
        unioned.source_table,
        unioned.record_key,
        unioned.rejection_reason,
        unioned.source_file_name,
        case
            when
                erased_customers.customer_id is not null
                or erased_devices.anonymous_id is not null
                then '{"redacted": "erased customer"}'
            else unioned.raw_record
        end as raw_record
    from unioned
    left join erased_customers
        on unioned.subject_customer_id = erased_customers.customer_id
    left join erased_devices
        on unioned.subject_anonymous_id = erased_devices.anonymous_id

),

occurrences_numbered as (

    select
        *,
        row_number() over (
            partition by
                source_table,
                record_key,
                rejection_reason,
                raw_record,
                source_file_name
            order by source_table asc
        ) as occurrence_number
    from subjects_flagged

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'source_table',
            "'|'",
            "coalesce(record_key, '')",
            "'|'",
            'rejection_reason',
            "'|'",
            "coalesce(raw_record, '')",
            "'|'",
            "coalesce(source_file_name, '')",
            "'|'",
            dbt.safe_cast('occurrence_number', dbt.type_string()),
        ])) }} as rejected_row_id,
        source_table,
        record_key,
        rejection_reason,
        raw_record,
        source_file_name
    from occurrences_numbered

)

select * from final
