{#-
    rejected_rows: one row per raw row that is not staged, from every source
    (rejected_row_id: a hash of the row, numbered among identical copies):
    its source table, key, machine-readable reason, raw record (JSON text)
    and landing-zone file. Quarantine, never silent loss: with the staged
    rows these add up to the raw rows (audit.source_reconciliation). The raw
    record of a row of an erased customer is redacted: a row carrying their
    id, or an anonymous event of a device the stitching gives them (last
    identified as them), and so is the key of a row keyed by their id (a CRM
    version). Other raw records and keys are scrubbed of emails,
    phone numbers and personal URL parameters (macro scrub_pii), as staging
    scrubs free text.
-#}
{%- set null_string = 'cast(null as ' ~ dbt.type_string() ~ ')' %}
with

erased_customers as (

    select customer_id
    from {{ ref('stg_crm__customers') }}
    where is_erased

),

identities as (

    select anonymous_id
    from {{ ref('int_identities_stitched') }}

),

devices_of_erased_customers as (

    select distinct events.anonymous_id
    from {{ ref('stg_tracking__events') }} as events
    inner join erased_customers
        on events.customer_id = erased_customers.customer_id
    where events.anonymous_id is not null

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
                as subject_anonymous_id,
            {{ 'true' if staged.key == staged.subject_customer else 'false' }}
                as is_keyed_by_customer
        from {{ ref(staged.base_model) }}
        where rejection_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

erased_devices as (

    {#- a device an erased customer signed in on that the stitching leaves
        out: its latest identification is an erased customer -#}
    select devices_of_erased_customers.anonymous_id
    from devices_of_erased_customers
    left join identities
        on devices_of_erased_customers.anonymous_id = identities.anonymous_id
    where identities.anonymous_id is null

),

subjects_flagged as (

    select
        unioned.source_table,
        case
            when
                erased_customers.customer_id is not null
                and unioned.is_keyed_by_customer
                then null
            else {{ scrub_pii('unioned.record_key') }}
        end as record_key,
        unioned.rejection_reason,
        unioned.source_file_name,
        case
            when
                erased_customers.customer_id is not null
                or (
                    unioned.subject_customer_id is null
                    and erased_devices.anonymous_id is not null
                )
                then '{"redacted": "erased customer"}'
            else {{ scrub_pii('unioned.raw_record') }}
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
