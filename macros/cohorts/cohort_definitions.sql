{#-
    Declarative cohorts: the definitions and their validation.

    The definitions live in the `config.meta.cohorts` of model int_customers_cohorts_evaluated
    (models/intermediate/segments/cohorts/_cohorts.yml), campaigns in its `config.meta.campaigns`. YAML
    properties reach a model after its SQL is parsed, so they are read from the graph when the SQL is
    compiled; every ref() of the cohort model is unconditional. Var segments__cohorts, when set (--vars or a
    unit test's overrides), replaces the YAML definitions.
    A bad definition is a compile error naming the cohort and the field (cohort_error).
-#}

{% macro cohort_model_meta() %}
    {#- graph has no nodes while the project is parsed -#}
    {%- set node = (graph.get('nodes') or {}).get(
        'model.' ~ project_name ~ '.int_customers_cohorts_evaluated') -%}
    {%- if node is none -%}
        {{ return({}) }}
    {%- endif -%}
    {{ return(node.config.meta or {}) }}
{% endmacro %}

{#- cohort_definitions(): every cohort, validated -#}
{% macro cohort_definitions() %}
    {%- set override = var('segments__cohorts', none) -%}
    {%- if override is not none -%}
        {%- set cohorts = override -%}
    {%- else -%}
        {%- set cohorts = cohort_model_meta().get('cohorts') or [] -%}
    {%- endif -%}
    {%- do cohort_validate_all(cohorts) -%}
    {{ return(cohorts) }}
{% endmacro %}

{#-
    cohort_campaigns(): the experiments the audiences mart assigns: each entry of meta.campaigns (name, cohort,
    holdout_share, experiment) plus one per cohort with a `holdout` (named after the cohort). The experiment
    name salts the hash; it defaults to the campaign name.
-#}
{% macro cohort_campaigns() %}
    {%- set cohorts = cohort_definitions() -%}
    {%- set names = cohorts | map(attribute='name') | list -%}
    {%- set campaigns = [] -%}
    {%- for cohort in cohorts if cohort.get('holdout') is not none -%}
        {%- do campaigns.append({
            'name': cohort['name'],
            'cohort': cohort['name'],
            'holdout_share': cohort['holdout'].get('share'),
            'experiment': cohort['holdout'].get('experiment') or cohort['name'],
            'where': "cohort '" ~ cohort['name'] ~ "', field holdout",
        }) -%}
    {%- endfor -%}
    {%- set override = var('segments__campaigns', none) -%}
    {%- set declared = override if override is not none
        else (cohort_model_meta().get('campaigns') or []) -%}
    {%- for campaign in declared -%}
        {%- do campaigns.append({
            'name': campaign.get('name'),
            'cohort': campaign.get('cohort'),
            'holdout_share': campaign.get('holdout_share'),
            'experiment': campaign.get('experiment') or campaign.get('name'),
            'where': "campaign '" ~ campaign.get('name') ~ "'",
        }) -%}
    {%- endfor -%}
    {%- set seen = [] -%}
    {%- for campaign in campaigns -%}
        {%- if not campaign['name'] or campaign['name'] in seen -%}
            {{ exceptions.raise_compiler_error(
                campaign['where'] ~ ": campaign names must be given and unique") }}
        {%- endif -%}
        {%- do seen.append(campaign['name']) -%}
        {%- if campaign['cohort'] not in names -%}
            {{ exceptions.raise_compiler_error(
                campaign['where'] ~ ": field cohort: unknown cohort '"
                ~ campaign['cohort'] ~ "'") }}
        {%- endif -%}
        {%- set share = campaign['holdout_share'] -%}
        {%- if share is not number or share is sameas true or share is sameas false
            or share < 0 or share >= 1 -%}
            {{ exceptions.raise_compiler_error(
                campaign['where'] ~ ": field holdout share must be a number in [0, 1), got '"
                ~ share ~ "'") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(campaigns) }}
{% endmacro %}

{#- The fingerprint of the definitions: rows built from other definitions are restated whole -#}
{% macro cohort_definitions_fingerprint() %}
    {{ return(local_md5(tojson(cohort_definitions()))) }}
{% endmacro %}

{% macro cohort_error(cohort_name, field, message) %}
    {{ exceptions.raise_compiler_error(
        "cohort '" ~ cohort_name ~ "', field " ~ field ~ ": " ~ message) }}
{% endmacro %}

{#- The condition kinds and the keys each accepts -#}
{% macro cohort_leaf_keys() %}
    {%- set comparators = ['at_least', 'at_most', 'exactly'] -%}
    {{ return({
        'events': ['name', 'product_id', 'category', 'feature', 'window_days'] + comparators,
        'product_activity': ['window_days', 'views', 'cart_adds', 'purchases'],
        'orders': ['measure', 'product_id', 'category', 'window_days'] + comparators,
        'emails': ['measure', 'window_days'] + comparators,
        'features': ['measure', 'feature', 'advanced', 'window_days'] + comparators,
        'plan_limit': ['min_share', 'window_days'] + comparators,
        'customer': ['field', 'equals', 'in'] + comparators,
        'segment': ['family', 'label', 'labels'],
    }) }}
{% endmacro %}

{#- customer fields: their type and, for closed vocabularies, their values -#}
{% macro cohort_customer_fields() %}
    {{ return({
        'days_since_signup': {'type': 'number'},
        'plan': {'type': 'text'},
        'plan_status': {'type': 'text', 'values': ['none', 'trial', 'active', 'cancelled']},
        'trial_state': {'type': 'text',
            'values': ['none', 'started', 'expiring', 'converted', 'lapsed', 'cancelled']},
        'country': {'type': 'text'},
        'acquisition_channel': {'type': 'text'},
        'is_contactable': {'type': 'boolean'},
    }) }}
{% endmacro %}

{% macro cohort_is_count(value) %}
    {{ return(value is number and value is not sameas true and value is not sameas false
        and value == value | int and value >= 0) }}
{% endmacro %}

{% macro cohort_validate_all(cohorts) %}
    {%- if cohorts is string or cohorts is mapping or cohorts is not iterable -%}
        {{ exceptions.raise_compiler_error("cohorts: expected a list of cohort definitions") }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for cohort in cohorts -%}
        {%- if cohort is not mapping -%}
            {{ cohort_error(loop.index, 'name', 'a cohort is a mapping with a name') }}
        {%- endif -%}
        {%- set name = cohort.get('name') -%}
        {%- if name is not string or not modules.re.match('^[a-z][a-z0-9_]*$', name) -%}
            {{ cohort_error(name or loop.index, 'name',
                'a name is required: lower case letters, digits and _') }}
        {%- endif -%}
        {%- if name in names -%}
            {{ cohort_error(name, 'name', 'the name is used twice') }}
        {%- endif -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {%- for cohort in cohorts -%}
        {%- for key in cohort.keys()
            if key not in ['name', 'description', 'suggested_action', 'extends', 'where', 'holdout'] -%}
            {{ cohort_error(cohort['name'], key, 'unknown field (expected name, description, '
                ~ 'suggested_action, extends, where, holdout)') }}
        {%- endfor -%}
        {%- if cohort.get('where') is none and cohort.get('extends') is none -%}
            {{ cohort_error(cohort['name'], 'where', 'give `where` conditions, `extends`, or both') }}
        {%- endif -%}
        {%- if cohort.get('extends') is not none and cohort['extends'] not in names -%}
            {{ cohort_error(cohort['name'], 'extends', "unknown cohort '" ~ cohort['extends'] ~ "'") }}
        {%- endif -%}
        {%- if cohort.get('holdout') is not none -%}
            {%- set holdout = cohort['holdout'] -%}
            {%- if holdout is not mapping or holdout.get('share') is none -%}
                {{ cohort_error(cohort['name'], 'holdout', 'expected {share: 0.1, experiment: name}') }}
            {%- endif -%}
            {%- for key in holdout.keys() if key not in ['share', 'experiment'] -%}
                {{ cohort_error(cohort['name'], 'holdout.' ~ key, 'unknown field (expected share, experiment)') }}
            {%- endfor -%}
        {%- endif -%}
        {%- if cohort.get('where') is not none -%}
            {%- do cohort_validate_condition(cohort['name'], cohort['where'], 'where', names) -%}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro cohort_validate_comparator(cohort_name, spec, path, required=true) %}
    {%- set given = [] -%}
    {%- for key in ['at_least', 'at_most', 'exactly'] if key in spec -%}
        {%- do given.append(key) -%}
        {%- if spec[key] is not number or spec[key] is sameas true or spec[key] is sameas false
            or spec[key] < 0 -%}
            {{ cohort_error(cohort_name, path ~ '.' ~ key,
                'expected a number >= 0, got ' ~ spec[key]) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if given | length > 1 or (required and given | length == 0) -%}
        {{ cohort_error(cohort_name, path,
            'give exactly one operator of at_least, at_most, exactly') }}
    {%- endif -%}
{% endmacro %}

{% macro cohort_validate_window(cohort_name, spec, path, required=true) %}
    {%- if 'window_days' not in spec -%}
        {%- if required -%}
            {{ cohort_error(cohort_name, path ~ '.window_days', 'a window of days is required') }}
        {%- endif -%}
    {%- elif not cohort_is_count(spec['window_days']) or spec['window_days'] < 1 -%}
        {{ cohort_error(cohort_name, path ~ '.window_days',
            'the window must be a positive whole number of days, got ' ~ spec['window_days']) }}
    {%- endif -%}
{% endmacro %}

{% macro cohort_validate_condition(cohort_name, node, path, names) %}
    {%- set leaf_keys = cohort_leaf_keys() -%}
    {%- set kinds = ['all', 'any', 'not', 'cohort'] + leaf_keys.keys() | list -%}
    {%- if node is not mapping or node | length != 1 -%}
        {{ cohort_error(cohort_name, path,
            'a condition is a mapping with one key of ' ~ kinds | join(', ')) }}
    {%- endif -%}
    {%- set kind = node.keys() | first -%}
    {%- set spec = node[kind] -%}
    {%- set here = path ~ '.' ~ kind -%}
    {%- if kind not in kinds -%}
        {{ cohort_error(cohort_name, here, 'unknown field (expected one of ' ~ kinds | join(', ') ~ ')') }}
    {%- elif kind in ['all', 'any'] -%}
        {%- if spec is string or spec is mapping or spec is not iterable or spec | length == 0 -%}
            {{ cohort_error(cohort_name, here, 'expected a non-empty list of conditions') }}
        {%- endif -%}
        {%- for child in spec -%}
            {%- do cohort_validate_condition(cohort_name, child, here ~ '[' ~ loop.index0 ~ ']', names) -%}
        {%- endfor -%}
    {%- elif kind == 'not' -%}
        {%- do cohort_validate_condition(cohort_name, spec, here, names) -%}
    {%- elif kind == 'cohort' -%}
        {%- if spec not in names -%}
            {{ cohort_error(cohort_name, here, "unknown cohort '" ~ spec ~ "'") }}
        {%- endif -%}
    {%- else -%}
        {%- if spec is not mapping -%}
            {{ cohort_error(cohort_name, here, 'expected a mapping of ' ~ leaf_keys[kind] | join(', ')) }}
        {%- endif -%}
        {%- for key in spec.keys() if key not in leaf_keys[kind] -%}
            {{ cohort_error(cohort_name, here ~ '.' ~ key,
                'unknown field (expected ' ~ leaf_keys[kind] | join(', ') ~ ')') }}
        {%- endfor -%}
        {%- do cohort_validate_leaf(cohort_name, kind, spec, here) -%}
    {%- endif -%}
{% endmacro %}

{% macro cohort_validate_leaf(cohort_name, kind, spec, here) %}
    {%- if kind == 'events' -%}
        {%- set event_names = [spec.get('name')] if spec.get('name') is string else spec.get('name') -%}
        {%- if not event_names -%}
            {{ cohort_error(cohort_name, here ~ '.name', 'an event name (or a list of them) is required') }}
        {%- endif -%}
        {%- for event_name in event_names
            if event_name not in var('segments__cohort_event_names') -%}
            {{ cohort_error(cohort_name, here ~ '.name', "unknown event name '" ~ event_name
                ~ "' (canonical names of seed event_name_map, var segments__cohort_event_names)") }}
        {%- endfor -%}
        {%- do cohort_validate_window(cohort_name, spec, here) -%}
        {%- do cohort_validate_comparator(cohort_name, spec, here) -%}
    {%- elif kind == 'product_activity' -%}
        {%- do cohort_validate_window(cohort_name, spec, here) -%}
        {%- set measures = [] -%}
        {%- for measure in ['views', 'cart_adds', 'purchases'] if measure in spec -%}
            {%- do measures.append(measure) -%}
            {%- if spec[measure] is not mapping -%}
                {{ cohort_error(cohort_name, here ~ '.' ~ measure, 'expected {at_least|at_most|exactly: N}') }}
            {%- endif -%}
            {%- for key in spec[measure].keys() if key not in ['at_least', 'at_most', 'exactly'] -%}
                {{ cohort_error(cohort_name, here ~ '.' ~ measure ~ '.' ~ key, 'unknown operator') }}
            {%- endfor -%}
            {%- do cohort_validate_comparator(cohort_name, spec[measure], here ~ '.' ~ measure) -%}
        {%- endfor -%}
        {%- if measures | length == 0 -%}
            {{ cohort_error(cohort_name, here, 'give at least one of views, cart_adds, purchases') }}
        {%- endif -%}
    {%- elif kind == 'orders' -%}
        {%- if spec.get('measure') not in ['order_count', 'revenue', 'days_since_last_order'] -%}
            {{ cohort_error(cohort_name, here ~ '.measure', "unknown measure '" ~ spec.get('measure')
                ~ "' (expected order_count, revenue, days_since_last_order)") }}
        {%- endif -%}
        {%- if spec['measure'] == 'days_since_last_order' and 'window_days' in spec -%}
            {{ cohort_error(cohort_name, here ~ '.window_days', 'days_since_last_order takes no window') }}
        {%- endif -%}
        {%- do cohort_validate_window(cohort_name, spec, here, required=false) -%}
        {%- do cohort_validate_comparator(cohort_name, spec, here) -%}
    {%- elif kind == 'emails' -%}
        {%- if spec.get('measure') not in ['opened', 'clicked'] -%}
            {{ cohort_error(cohort_name, here ~ '.measure', "unknown measure '" ~ spec.get('measure')
                ~ "' (expected opened, clicked)") }}
        {%- endif -%}
        {%- do cohort_validate_window(cohort_name, spec, here) -%}
        {%- do cohort_validate_comparator(cohort_name, spec, here) -%}
    {%- elif kind == 'features' -%}
        {%- if spec.get('measure') not in ['distinct_features', 'uses'] -%}
            {{ cohort_error(cohort_name, here ~ '.measure', "unknown measure '" ~ spec.get('measure')
                ~ "' (expected distinct_features, uses)") }}
        {%- endif -%}
        {%- if 'advanced' in spec and spec['advanced'] is not sameas true and spec['advanced'] is not sameas false -%}
            {{ cohort_error(cohort_name, here ~ '.advanced', 'expected true or false') }}
        {%- endif -%}
        {%- do cohort_validate_window(cohort_name, spec, here) -%}
        {%- do cohort_validate_comparator(cohort_name, spec, here) -%}
    {%- elif kind == 'plan_limit' -%}
        {%- set share = spec.get('min_share') -%}
        {%- if share is not number or share is sameas true or share is sameas false or share <= 0 -%}
            {{ cohort_error(cohort_name, here ~ '.min_share', 'expected a share > 0 (0.95 = 95% of the limit)') }}
        {%- endif -%}
        {%- do cohort_validate_window(cohort_name, spec, here) -%}
        {%- do cohort_validate_comparator(cohort_name, spec, here) -%}
    {%- elif kind == 'customer' -%}
        {%- set fields = cohort_customer_fields() -%}
        {%- set field = fields.get(spec.get('field')) -%}
        {%- if field is none -%}
            {{ cohort_error(cohort_name, here ~ '.field', "unknown field '" ~ spec.get('field')
                ~ "' (expected " ~ fields.keys() | join(', ') ~ ")") }}
        {%- endif -%}
        {%- if field['type'] == 'number' -%}
            {%- if 'equals' in spec or 'in' in spec -%}
                {{ cohort_error(cohort_name, here, spec['field'] ~ ' is a number: use at_least, at_most or exactly') }}
            {%- endif -%}
            {%- do cohort_validate_comparator(cohort_name, spec, here) -%}
        {%- else -%}
            {%- if ('equals' in spec) == ('in' in spec)
                or 'at_least' in spec or 'at_most' in spec or 'exactly' in spec -%}
                {{ cohort_error(cohort_name, here, spec['field'] ~ ' takes one operator of equals, in') }}
            {%- endif -%}
            {%- set values = [spec['equals']] if 'equals' in spec else spec['in'] -%}
            {%- if field['type'] == 'boolean' -%}
                {%- for value in values if value is not sameas true and value is not sameas false -%}
                    {{ cohort_error(cohort_name, here ~ '.equals', 'expected true or false') }}
                {%- endfor -%}
            {%- elif field.get('values') -%}
                {%- for value in values if value not in field['values'] -%}
                    {{ cohort_error(cohort_name, here, "unknown value '" ~ value ~ "' of "
                        ~ spec['field'] ~ " (expected " ~ field['values'] | join(', ') ~ ")") }}
                {%- endfor -%}
            {%- endif -%}
        {%- endif -%}
    {%- elif kind == 'segment' -%}
        {%- set tracked = segment_history_families() -%}
        {%- if spec.get('family') not in tracked -%}
            {{ cohort_error(cohort_name, here ~ '.family', "unknown segment family '" ~ spec.get('family')
                ~ "' (expected one of " ~ tracked | join(', ') ~ ")") }}
        {%- endif -%}
        {%- set family = segment_family(spec['family']) -%}
        {%- set labels = [spec['label']] if 'label' in spec else spec.get('labels') -%}
        {%- if ('label' in spec) == ('labels' in spec) or not labels -%}
            {{ cohort_error(cohort_name, here, 'give `label` or `labels`') }}
        {%- endif -%}
        {%- for label in labels if label not in family['labels'] -%}
            {{ cohort_error(cohort_name, here ~ '.label', "unknown label '" ~ label ~ "' of family "
                ~ family['name'] ~ " (expected " ~ family['labels'] | join(', ') ~ ")") }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
