{#-
    staged_sources(): the one list of raw sources and the models that stage them, read by the audit models
    (rejected_rows, source_reconciliation). Each entry: source_table label, dbt source, base model (one row
    per raw row with rejection_reason), staging model, the key column, and the columns naming the customer
    and device a row is about (for redaction of erased customers). A new source is one more entry here.
-#}
{% macro staged_sources() %}
    {{ return([
        {'source_table': 'crm.customers', 'source': ['crm', 'customers'],
         'base_model': 'base_crm__customers_checked', 'staging_model': 'stg_crm__customers',
         'key': 'customer_id', 'subject_customer': 'customer_id', 'subject_anonymous': none},
        {'source_table': 'tracking.events', 'source': ['tracking', 'events'],
         'base_model': 'base_tracking__events_checked', 'staging_model': 'stg_tracking__events',
         'key': 'event_id', 'subject_customer': 'customer_id', 'subject_anonymous': 'anonymous_id'},
        {'source_table': 'commerce.orders', 'source': ['commerce', 'orders'],
         'base_model': 'base_commerce__orders_checked', 'staging_model': 'stg_commerce__orders',
         'key': 'order_id', 'subject_customer': 'customer_id', 'subject_anonymous': none},
        {'source_table': 'commerce.order_lines', 'source': ['commerce', 'order_lines'],
         'base_model': 'base_commerce__order_lines_checked', 'staging_model': 'stg_commerce__order_lines',
         'key': 'order_line_id', 'subject_customer': none, 'subject_anonymous': none},
        {'source_table': 'commerce.products', 'source': ['commerce', 'products'],
         'base_model': 'base_commerce__products_checked', 'staging_model': 'stg_commerce__products',
         'key': 'product_id', 'subject_customer': none, 'subject_anonymous': none},
        {'source_table': 'email.email_events', 'source': ['email', 'email_events'],
         'base_model': 'base_email__email_events_checked', 'staging_model': 'stg_email__email_events',
         'key': 'email_event_id', 'subject_customer': 'customer_id', 'subject_anonymous': none},
        {'source_table': 'survey.survey_responses', 'source': ['survey', 'survey_responses'],
         'base_model': 'base_survey__survey_responses_checked',
         'staging_model': 'stg_survey__survey_responses',
         'key': 'response_id', 'subject_customer': 'customer_id', 'subject_anonymous': none},
    ]) }}
{% endmacro %}
