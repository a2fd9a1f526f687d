{#-
    stitched_persons_affected(): the select (one column, person_id) of the
    persons an incremental run of a person-keyed event model recomputes,
    whole: persons with an event received at or after the watermark (the
    latest person_last_received_at of {{ this }} minus var
    segments__incremental_lookback_days), persons whose event count in
    int_events_stitched differs from the sum of event_count stored for them
    (events re-stitched to or from them; a new person), and customers whose
    CRM row was updated since the watermark (time zone, hence local dates).
    {{ this }} needs person_id, event_count and person_last_received_at.
    Persons left without events are not in it: the model's post-hook
    (persons_without_events_deleted) deletes them. Used by int_sessions and
    int_events_aggregated_to_person_days through events_of_persons_affected
    in incremental runs only, so they declare
    `-- depends_on: ref('stg_crm__customers')`.
-#}
{% macro stitched_persons_affected() -%}
    {%- set watermark = incremental_watermark(this, 'person_last_received_at') -%}
    select persons_counted.person_id
    from (
        {#- the stitched table itself, not a CTE of the model: a CTE read
            twice is materialized whole -#}
        select
            person_id,
            count(*) as event_count,
            max(received_at) as last_received_at
        from {{ ref('int_events_stitched') }}
        group by person_id
    ) as persons_counted
    left join (
        select
            person_id,
            sum(event_count) as event_count
        from {{ this }}
        group by person_id
    ) as stored
        on persons_counted.person_id = stored.person_id
    left join (
        select customer_id as person_id
        from {{ ref('stg_crm__customers') }}
        where updated_at >= {{ watermark }}
    ) as customers_updated
        on persons_counted.person_id = customers_updated.person_id
    where
        persons_counted.last_received_at >= {{ watermark }}
        or stored.event_count is null
        or stored.event_count != persons_counted.event_count
        or customers_updated.person_id is not null
{%- endmacro %}


{#-
    events_of_persons_affected(events): select the rows of the CTE `events`
    (stitched events, with person_id) of the persons an incremental run
    recomputes (stitched_persons_affected); every row on a full build.
-#}
{% macro events_of_persons_affected(events) -%}
    select {{ events }}.*
    from {{ events }}
    {%- if is_incremental() %}
        inner join (
            {{ stitched_persons_affected() }}
        ) as persons_affected
            on {{ events }}.person_id = persons_affected.person_id
    {%- endif %}
{%- endmacro %}

{#-
    persons_without_events_deleted(): the post-hook of a person-keyed event
    model: delete the rows of {{ this }} whose person has no event left in
    int_events_stitched (re-stitched to a customer, or erased).
-#}
{% macro persons_without_events_deleted() -%}
    delete from {{ this }}
    where person_id not in (
        {#- distinct: DuckDB then builds its lookup on the persons, not on
            every event (0.5 s to 0.3 s at 10M) -#}
        select distinct person_id from {{ ref('int_events_stitched') }}
    )
{%- endmacro %}
