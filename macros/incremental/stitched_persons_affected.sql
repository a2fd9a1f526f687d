{#-
    stitched_persons_affected(): the select (one column, person_id) of the
    persons an incremental run of a person-keyed event model recomputes,
    whole: the persons whose events in int_events_stitched differ from the
    events {{ this }} was computed from. A person's events are compared by
    their number and a fingerprint, the bit_xor of stitched_event_hash()
    over them: a new or late event, an event re-stitched to or from the
    person, a changed local date (CRM time zone) or a copy received at
    another time all change it. Persons whose events are unchanged are not
    recomputed, even when their events were re-derived by
    int_events_stitched's lookback, so a run with nothing new recomputes no
    one. {{ this }} needs person_id, event_count and
    person_events_fingerprint (the person's fingerprint, the same on each of
    their rows). Persons left without events are not in it: the model's
    post-hook (persons_without_events_deleted) deletes them. Used by
    int_sessions and int_events_aggregated_to_person_days through
    events_of_persons_affected in incremental runs only.
-#}
{% macro stitched_persons_affected() -%}
    select persons_counted.person_id
    from (
        {#- the stitched table itself, not a CTE of the model: a CTE read
            twice is materialized whole -#}
        select
            person_id,
            count(*) as event_count,
            bit_xor({{ stitched_event_hash() }}) as events_fingerprint
        from {{ ref('int_events_stitched') }}
        group by person_id
    ) as persons_counted
    left join (
        select
            person_id,
            sum(event_count) as event_count,
            max(person_events_fingerprint) as events_fingerprint
        from {{ this }}
        group by person_id
    ) as stored
        on persons_counted.person_id = stored.person_id
    where
        stored.person_id is null
        or stored.event_count != persons_counted.event_count
        or stored.events_fingerprint != persons_counted.events_fingerprint
{%- endmacro %}


{#-
    stitched_event_hash(): a 64-bit hash of a row of int_events_stitched:
    its fact_fingerprint (every fact, the stitched customer and the local
    time) and its received_at (the order of events at the same instant).
    Folded per person with bit_xor into person_events_fingerprint by the
    person-keyed event models, and compared by stitched_persons_affected.
-#}
{% macro stitched_event_hash() -%}
    {{ row_fingerprint(none, only=['fact_fingerprint', 'received_at']) }}
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
    int_events_stitched (re-stitched to a customer, or erased), through
    delete_rows_where (a rewrite of the table on Spark).
-#}
{% macro persons_without_events_deleted() -%}
    {#- distinct: the engine then builds its lookup on the persons, not on
        every event -#}
    {{ return(delete_rows_where(
        this,
        key_absent_from(
            'person_id',
            '(select distinct person_id from ' ~ ref('int_events_stitched')
            ~ ') as persons_with_events',
            'person_id',
        ),
    )) }}
{%- endmacro %}
