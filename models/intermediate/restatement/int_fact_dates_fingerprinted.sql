{#-
    int_fact_dates_fingerprinted: one row per fact source and local date, with the number of rows and a
    fingerprint (bit_xor of a hash of every column) of the facts the segment history reads for that date.
    int_history_restate_from compares them with the fingerprints of the last complete build: the earliest date
    whose fingerprint changed is the first as-of date the incremental history recomputes.
      - events, sessions, orders and order lines carry the customer's local date already; an event's hash is
        its fact_fingerprint, written by int_events_stitched when the event is (re-)derived;
      - email events and survey responses are in UTC, so they count one day early (a local date is at most
        one day before the UTC date), which can only restate more, never less;
      - a CRM customer counts on the earliest of their created date and their first email or survey date: the
        time zone, consent, creation date, country and acquisition channel (the only CRM columns history and
        cohorts read, and the only ones hashed) shape every row of theirs from then on;
      - the as-of date D counts on itself, so moving D restates from the earlier of the old and new D;
      - rule seeds read by the history models and the history grain have no date (fact_date null): a change
        restates everything.
    The hash is macro row_fingerprint. After a run that built every history model, the on-run-end hook
    record_history_build_state copies this table to int_fact_dates_fingerprinted__built.
-#}
{#- Source name: (model, local date column, columns left out of the hash,
    columns hashed: none = all) #}
{%- set local_facts = {
    'events': ('int_events_stitched', 'event_local_date', [], ['fact_fingerprint']),
    'sessions': ('int_sessions', 'session_start_local_date', ['person_events_fingerprint'], none),
    'orders': ('int_orders_completed', 'ordered_local_date', [], none),
    'order_lines': ('int_order_lines_completed', 'ordered_local_date', [], none),
} %}
{#- Source name: (model, UTC timestamp column) #}
{%- set utc_facts = {
    'email_events': ('stg_email__email_events', 'occurred_at'),
    'survey_responses': ('stg_survey__survey_responses', 'submitted_at'),
} %}
{%- set rule_seeds = [
    'rfm_segment_grid',
    'rfm_fixed_cut_points',
    'seasons',
    'plan_limits',
    'advanced_features',
] %}
with

current_as_of as (

    select as_of_date
    from {{ ref('int_current_as_of_date') }}

),

customers as (

    select
        customer_id,
        created_local_date,
        {#- Only what history reads: creation, time zone, consent, and the
            country and acquisition channel cohorts read #}
        {{ row_fingerprint(
            ref('int_customers_resolved'),
            only=[
                'customer_id',
                'created_local_date',
                'time_zone',
                'is_marketing_opted_in',
                'country_code',
                'acquisition_channel',
            ],
        ) }} as row_hash
    from {{ ref('int_customers_resolved') }}

),

utc_dated_facts as (

    {#- A local date is at most one day before the UTC date #}
    {%- for source, (model, column) in utc_facts.items() %}
        select
            '{{ source }}' as fact_source,
            customer_id,
            cast(
                {{ dbt.dateadd('day', -1, 'cast(' ~ column ~ ' as date)') }}
                as date
            ) as fact_date,
            {{ row_fingerprint(ref(model)) }} as row_hash
        from {{ ref(model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

customer_first_contacts as (

    select
        customer_id,
        min(fact_date) as first_contact_date
    from utc_dated_facts
    group by customer_id

),

customers_dated as (

    select
        customers.row_hash,
        case
            when
                customer_first_contacts.first_contact_date
                < customers.created_local_date
                then customer_first_contacts.first_contact_date
            else customers.created_local_date
        end as fact_date
    from customers
    left join customer_first_contacts
        on customers.customer_id = customer_first_contacts.customer_id

),

facts as (

    {%- for source, (model, date_column, excluded, hashed)
        in local_facts.items() %}
        select
            '{{ source }}' as fact_source,
            {{ date_column }} as fact_date,
            {{ row_fingerprint(ref(model), exclude=excluded, only=hashed) }}
                as row_hash
        from {{ ref(model) }}
        union all
    {%- endfor %}
    select
        fact_source,
        fact_date,
        row_hash
    from utc_dated_facts
    union all
    select
        'customers' as fact_source,
        fact_date,
        row_hash
    from customers_dated
    {%- for seed in rule_seeds %}
        union all
        select
            'seed_{{ seed }}' as fact_source,
            cast(null as date) as fact_date,
            {{ row_fingerprint(ref(seed)) }} as row_hash
        from {{ ref(seed) }}
    {%- endfor %}

),

fingerprints as (

    select
        fact_source,
        fact_date,
        cast(count(*) as {{ dbt.type_bigint() }}) as row_count,
        cast(bit_xor(row_hash) as {{ dbt.type_string() }}) as fingerprint
    from facts
    group by fact_source, fact_date

),

final as (

    select
        fact_source,
        fact_date,
        row_count,
        fingerprint
    from fingerprints

    union all

    {#- A new as-of date D restates from the earlier of the old and new D #}
    select
        'as_of_date' as fact_source,
        as_of_date as fact_date,
        cast(1 as {{ dbt.type_bigint() }}) as row_count,
        cast(as_of_date as {{ dbt.type_string() }}) as fingerprint
    from current_as_of

    union all

    {#- The history grain shapes every period end: no date, restates all #}
    select
        'var_segments__history_grain' as fact_source,
        cast(null as date) as fact_date,
        cast(1 as {{ dbt.type_bigint() }}) as row_count,
        '{{ var("segments__history_grain") }}' as fingerprint

)

select * from final
