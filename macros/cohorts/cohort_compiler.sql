{#-
    The cohort compiler: each cohort's conditions (all / any / not, leaves, extends, cohort) become one select
    over the shared intermediate models of int_customers_cohorts_evaluated. A leaf that counts facts over a
    trailing window becomes one CTE keyed by (as_of_date, customer_id) holding metric_value; customer
    attributes and segment labels are columns of CTEs the model always has (customer_attributes, labeled).
    A window of N days is the local dates D-N+1 .. D of the as-of date D. A leaf without facts counts 0; a
    value that does not exist (days since the last order of a customer without orders) makes its leaf false,
    so its negation holds (each leaf is coalesced to false before not / any / all combine it).
    cohort_compiled() returns {'ctes': [sql, ...], 'selects': [sql, ...]}, one select per cohort.
-#}

{% macro cohort_compiled() %}
    {%- set cohorts = cohort_definitions() -%}
    {%- set by_name = {} -%}
    {%- for cohort in cohorts -%}
        {%- do by_name.update({cohort['name']: cohort}) -%}
    {%- endfor -%}
    {%- set leaves = [] -%}
    {%- set selects = [] -%}
    {%- for cohort in cohorts -%}
        {%- set used = [] -%}
        {%- set metrics = [] -%}
        {%- set condition = cohort_expression(cohort, by_name, leaves, used, metrics, []) -%}
        {%- do selects.append(cohort_select(cohort['name'], condition, used, metrics)) -%}
    {%- endfor -%}
    {{ return({'ctes': leaves | map(attribute='sql') | list, 'selects': selects}) }}
{% endmacro %}

{% macro cohort_expression(cohort, by_name, leaves, used, metrics, stack) %}
    {%- if cohort['name'] in stack -%}
        {{ cohort_error(stack[0], 'extends',
            'cohorts refer to each other in a cycle: ' ~ (stack + [cohort['name']]) | join(' -> ')) }}
    {%- endif -%}
    {%- set inner = stack + [cohort['name']] -%}
    {%- set parts = [] -%}
    {%- if cohort.get('extends') is not none -%}
        {%- do parts.append(cohort_expression(
            by_name[cohort['extends']], by_name, leaves, used, metrics, inner)) -%}
    {%- endif -%}
    {%- if cohort.get('where') is not none -%}
        {%- do parts.append(cohort_condition_sql(
            cohort['where'], by_name, leaves, used, metrics, inner)) -%}
    {%- endif -%}
    {{ return('(' ~ parts | join(' and ') ~ ')') }}
{% endmacro %}

{% macro cohort_condition_sql(node, by_name, leaves, used, metrics, stack) %}
    {%- set kind = node.keys() | first -%}
    {%- set spec = node[kind] -%}
    {%- if kind in ['all', 'any'] -%}
        {%- set parts = [] -%}
        {%- for child in spec -%}
            {%- do parts.append(cohort_condition_sql(child, by_name, leaves, used, metrics, stack)) -%}
        {%- endfor -%}
        {{ return('(' ~ parts | join(' and ' if kind == 'all' else ' or ') ~ ')') }}
    {%- elif kind == 'not' -%}
        {{ return('(not ' ~ cohort_condition_sql(spec, by_name, leaves, used, metrics, stack) ~ ')') }}
    {%- elif kind == 'cohort' -%}
        {{ return(cohort_expression(by_name[spec], by_name, leaves, used, metrics, stack)) }}
    {%- elif kind == 'customer' -%}
        {%- set column = 'customer_attributes.' ~ spec['field'] -%}
        {%- do metrics.append((spec['field'], column)) -%}
        {{ return('coalesce(' ~ cohort_compare(column, spec) ~ ', false)') }}
    {%- elif kind == 'segment' -%}
        {%- set column = 'labeled.' ~ spec['family'] -%}
        {%- set labels = [spec['label']] if 'label' in spec else spec['labels'] -%}
        {%- do metrics.append((spec['family'], column)) -%}
        {{ return('coalesce(' ~ column ~ ' in ' ~ sql_string_list(labels) ~ ', false)') }}
    {%- endif -%}
    {#- a leaf counted over facts: its own CTE -#}
    {%- set name = 'cohort_leaf_' ~ (leaves | length + 1) -%}
    {%- set leaf = cohort_leaf(kind, spec) -%}
    {%- do leaves.append({'sql': name ~ ' as (\n\n    ' ~ leaf['sql'] | trim ~ '\n\n)'}) -%}
    {%- do used.append(name) -%}
    {%- set value = name ~ '.metric_value' if leaf['nullable']
        else 'coalesce(' ~ name ~ '.metric_value, 0)' -%}
    {%- do metrics.append((leaf['label'], value)) -%}
    {#- product_activity holds when at least one product meets its operators -#}
    {%- set operator = {'at_least': 1} if kind == 'product_activity' else spec -%}
    {{ return('coalesce(' ~ cohort_compare(value, operator) ~ ', false)') }}
{% endmacro %}

{#- A SQL literal of a YAML scalar -#}
{% macro cohort_literal(value) %}
    {%- if value is sameas true or value is sameas false -%}
        {{ return('true' if value else 'false') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- endif -%}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{% endmacro %}

{#- The comparison of a leaf's value with its operator -#}
{% macro cohort_compare(value, spec) %}
    {%- if 'at_least' in spec -%}
        {{ return(value ~ ' >= ' ~ spec['at_least']) }}
    {%- elif 'at_most' in spec -%}
        {{ return(value ~ ' <= ' ~ spec['at_most']) }}
    {%- elif 'exactly' in spec -%}
        {{ return(value ~ ' = ' ~ spec['exactly']) }}
    {%- elif 'equals' in spec -%}
        {{ return(value ~ ' = ' ~ cohort_literal(spec['equals'])) }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for item in spec['in'] -%}
        {%- do literals.append(cohort_literal(item)) -%}
    {%- endfor -%}
    {{ return(value ~ ' in (' ~ literals | join(', ') ~ ')') }}
{% endmacro %}

{#- The facts dated within the trailing window of N days ending at the as-of date (all before it without N) -#}
{% macro cohort_window(date_column, window_days) %}
    {%- set bounds = [date_column ~ ' <= customers.as_of_date'] -%}
    {%- if window_days is not none -%}
        {%- do bounds.append(date_column ~ ' > ' ~ dbt.dateadd(
            'day', -window_days, 'customers.as_of_date')) -%}
    {%- endif -%}
    {{ return(bounds | join('\n        and ')) }}
{% endmacro %}

{#- One leaf: {'sql': a select of (as_of_date, customer_id, metric_value), 'label', 'nullable'} -#}
{% macro cohort_leaf(kind, spec) %}
    {%- set window_days = spec.get('window_days') -%}
    {%- set suffix = '_' ~ window_days ~ 'd' if window_days is not none else '' -%}
    {%- set filters = [] -%}
    {%- set nullable = false -%}
    {%- if kind == 'events' -%}
        {%- set names = [spec['name']] if spec['name'] is string else spec['name'] -%}
        {%- set facts, date_column = 'person_event_days', 'event_local_date' -%}
        {%- set measure = 'sum(facts.event_count)' -%}
        {%- do filters.append('facts.event_name in ' ~ sql_string_list(names)) -%}
        {%- for key, column in [('product_id', 'product_id'), ('category', 'product_category'),
            ('feature', 'feature_name')] if key in spec -%}
            {%- do filters.append('facts.' ~ column ~ ' = ' ~ cohort_literal(spec[key])) -%}
        {%- endfor -%}
        {%- set label = names | join('_or_') ~ suffix -%}
    {%- elif kind == 'product_activity' -%}
        {{ return(cohort_product_leaf(spec)) }}
    {%- elif kind == 'orders' -%}
        {%- set by_line = 'product_id' in spec or 'category' in spec -%}
        {%- set facts = 'order_lines' if by_line else 'orders' -%}
        {%- set date_column = 'ordered_local_date' -%}
        {%- if spec['measure'] == 'order_count' -%}
            {%- set measure = 'count(distinct facts.order_id)' -%}
        {%- elif spec['measure'] == 'revenue' -%}
            {%- set measure = 'sum(facts.' ~ ('line_amount' if by_line else 'order_total') ~ ')' -%}
        {%- else -%}
            {%- set measure = dbt.datediff('max(facts.ordered_local_date)', 'customers.as_of_date', 'day') -%}
            {%- set nullable = true -%}
        {%- endif -%}
        {%- set label = spec['measure'] -%}
        {%- if 'product_id' in spec -%}
            {%- do filters.append('facts.product_id = ' ~ cohort_literal(spec['product_id'])) -%}
            {%- set label = label ~ '_product_' ~ spec['product_id'] -%}
        {%- endif -%}
        {%- if 'category' in spec -%}
            {%- do filters.append('facts.product_category = ' ~ cohort_literal(spec['category'])) -%}
            {%- set label = label ~ '_category_' ~ spec['category'] -%}
        {%- endif -%}
        {%- set label = label ~ suffix -%}
    {%- elif kind == 'emails' -%}
        {%- set facts, date_column = 'email_days', 'engaged_local_date' -%}
        {%- set measure = 'count(distinct facts.campaign_id)' -%}
        {%- if spec['measure'] == 'clicked' -%}
            {%- do filters.append('facts.is_clicked') -%}
        {%- endif -%}
        {%- set label = 'emails_' ~ spec['measure'] ~ suffix -%}
    {%- elif kind == 'features' -%}
        {%- set facts, date_column = 'feature_days', 'event_local_date' -%}
        {%- set measure = 'count(distinct facts.feature_name)' if spec['measure'] == 'distinct_features'
            else 'sum(facts.feature_use_count)' -%}
        {%- set label = spec['measure'] -%}
        {%- if spec.get('advanced') is sameas true -%}
            {%- do filters.append('facts.is_advanced') -%}
            {%- set label = 'advanced_' ~ label -%}
        {%- elif spec.get('advanced') is sameas false -%}
            {%- do filters.append('not facts.is_advanced') -%}
        {%- endif -%}
        {%- if 'feature' in spec -%}
            {%- do filters.append('facts.feature_name = ' ~ cohort_literal(spec['feature'])) -%}
            {%- set label = label ~ '_' ~ spec['feature'] -%}
        {%- endif -%}
        {%- set label = label ~ suffix -%}
    {%- elif kind == 'plan_limit' -%}
        {%- set facts, date_column = 'plan_usage_days', 'usage_local_date' -%}
        {%- set measure = 'count(*)' -%}
        {%- do filters.append('facts.usage_share >= ' ~ spec['min_share']) -%}
        {%- set label = 'days_at_' ~ (spec['min_share'] * 100) | round | int ~ 'pct_of_limit' ~ suffix -%}
    {%- endif -%}
    {%- do filters.append(cohort_window('facts.' ~ date_column, window_days)) -%}
    {%- set sql -%}
    select
        customers.as_of_date,
        customers.customer_id,
        {{ measure }} as metric_value
    from customers
    inner join {{ facts }} as facts
        on customers.customer_id = facts.customer_id
    where
        {{ filters | join('\n        and ') }}
    group by customers.as_of_date, customers.customer_id
    {%- endset -%}
    {{ return({'sql': sql, 'label': label, 'nullable': nullable}) }}
{% endmacro %}

{#-
    product_activity: the number of products whose views, cart adds and purchases in the window all meet
    their operators (a product counts once the customer viewed, added or bought it in the window).
-#}
{% macro cohort_product_leaf(spec) %}
    {%- set conditions = [] -%}
    {%- for measure in ['views', 'cart_adds', 'purchases'] if measure in spec -%}
        {%- do conditions.append(cohort_compare('products.' ~ measure, spec[measure])) -%}
    {%- endfor -%}
    {%- set sql -%}
    select
        products.as_of_date,
        products.customer_id,
        count(*) as metric_value
    from (
        select
            customers.as_of_date,
            customers.customer_id,
            facts.product_id,
            sum(facts.view_count) as views,
            sum(facts.cart_add_count) as cart_adds,
            sum(facts.purchase_count) as purchases
        from customers
        inner join product_days as facts
            on customers.customer_id = facts.customer_id
        where
            {{ cohort_window('facts.activity_local_date', spec['window_days']) }}
        group by customers.as_of_date, customers.customer_id, facts.product_id
    ) as products
    where {{ conditions | join(' and ') }}
    group by products.as_of_date, products.customer_id
    {%- endset -%}
    {{ return({'sql': sql, 'label': 'products_matching_' ~ spec['window_days'] ~ 'd', 'nullable': false}) }}
{% endmacro %}

{#- One cohort's members at every as-of date, with the values of every leaf -#}
{% macro cohort_select(cohort_name, condition, used, metrics) %}
    {%- set parts = [] -%}
    {%- for label, value in metrics -%}
        {%- if not loop.first -%}
            {%- do parts.append("'; '") -%}
        {%- endif -%}
        {%- do parts.append(cohort_literal(label ~ '=')) -%}
        {%- do parts.append("coalesce(cast(" ~ value ~ " as " ~ dbt.type_string() ~ "), 'null')") -%}
    {%- endfor -%}
    {%- set sql -%}
    select
        customers.as_of_date,
        customers.customer_id,
        '{{ cohort_name }}' as cohort_name,
        {{ dbt.concat(parts) if parts | length > 1 else (parts | first if parts else "''") }}
            as qualifying_metrics,
        customers.is_current
    from customers
    inner join customer_attributes
        on
            customers.as_of_date = customer_attributes.as_of_date
            and customers.customer_id = customer_attributes.customer_id
    left join labeled
        on
            customers.as_of_date = labeled.as_of_date
            and customers.customer_id = labeled.customer_id
    {%- for name in used | unique %}
    left join {{ name }}
        on
            customers.as_of_date = {{ name }}.as_of_date
            and customers.customer_id = {{ name }}.customer_id
    {%- endfor %}
    where {{ condition }}
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}
