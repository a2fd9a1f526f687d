{#-
    Scrubbing of personal data out of free text in staging (page paths, search queries, UTM fields, names
    typed into any text column), so nothing personal leaves staging in clear.

    scrub_pii(expression): the text with every email address, phone number and personal URL parameter value
        replaced by var segments__pii_redaction_token; null stays null. Applies pii_scrub_rules() in order.
        Dispatched: the patterns are the same on every engine, only the replacement syntax differs.
    has_pii(expression): true when scrub_pii would change the text (the staging test no_pii and the audit).
    pii_scrub_rules(): the rules, each a case-insensitive pattern and its replacement as a list of parts
        (a group number keeps that group, the string 'token' writes the token):
      1. a personal URL parameter (var segments__pii_url_parameters; `_` also matches `-` or nothing) after
         `?`, `&`, `;` (or their URL encodings) or at the start: its value up to the next `&`, `#`, `;` or
         `%26`, or a quote or backslash (text in JSON);
      2. an email address, also URL-encoded (`%40`, `%2540`) and with `+` or `%2B` in the local part;
      3. a phone number, twice (a match consumes the character after it, so the second pass catches a number
         right after another): `+` (or `%2B`) and 8 to 15 digits; (ddd) ddd-dddd; or a trunk prefix 0 with
         at least two separated digit groups. It must stand alone (an underscore counts as a separator, as in
         sms_+447700900123): not inside a word, a dashed or dotted id (UUIDs, versions) or a longer number, so
         unbroken order numbers, product ids such as prd_0271 and dates (2026-01-05, 05-01-2026) stay.
    The patterns avoid backslashes (Spark reads them as escapes in string literals; spark__scrub_pii doubles
    the one they need): `[.]`, `[+]`.
    pii_candidate_pattern(): a cheap necessary condition for any rule to match (an @, %, = or +, or a digit
        followed by a separator); duckdb__scrub_pii runs the rules only on text that matches it (about 2.5
        times less work on page paths and event names).
-#}
{% macro pii_scrub_rules() %}
    {%- set parameters = var('segments__pii_url_parameters') -%}
    {%- set names = [] -%}
    {%- for parameter in parameters -%}
        {%- if not modules.re.match('^[a-z0-9_]+$', parameter | string) -%}
            {{ exceptions.raise_compiler_error(
                "var segments__pii_url_parameters: '" ~ parameter
                ~ "' is not a lower-case name of letters, digits and underscores") }}
        {%- endif -%}
        {%- do names.append(parameter | replace('_', '[_-]?')) -%}
    {%- endfor -%}
    {%- set separator = '(?:[ .-]|%20)' -%}
    {%- set phone_international = '(?:[+]|%2b)[0-9](?:(?:[ .()-]|%20){0,2}[0-9]){7,14}' -%}
    {%- set phone_north_american = '[(]?[0-9]{3}[)]?' ~ separator ~ '?[0-9]{3}' ~ separator ~ '[0-9]{4}' -%}
    {%- set phone_trunk_prefix = '0[0-9]{1,4}' ~ separator ~ '[0-9]{3,4}' ~ separator ~ '?[0-9]{3,6}' -%}
    {%- set phone_rule = {
        'pattern': '(?i)(^|%[0-9a-f]{2}|[^0-9a-z.%-])(?:' ~ phone_international ~ '|'
            ~ phone_north_american ~ '|' ~ phone_trunk_prefix ~ ')([^0-9a-z-]|$)',
        'replacement': [1, 'token', 2],
    } -%}
    {{ return([
        {
            'pattern': '(?i)(^|[?&;]|%3f|%26)(' ~ names | join('|') ~ ')(=|%3d)'
                ~ '(?:[^&#;%"\\\\]|%[013-9a-f][0-9a-f]|%2[0-57-9a-f])+',
            'replacement': [1, 2, 3, 'token'],
        },
        {
            'pattern': '(?i)(^|%[0-9a-f]{2}|[^0-9a-z_.%+-])(?:[0-9a-z_.+-]|%2b)+(?:@|%40|%2540)'
                ~ '[0-9a-z-]+(?:[.][0-9a-z-]+)*[.][a-z]{2,}',
            'replacement': [1, 'token'],
        },
        phone_rule,
        phone_rule,
    ]) }}
{% endmacro %}


{% macro pii_candidate_pattern() %}
    {{ return('[@%=+]|[0-9][ .)-]') }}
{% endmacro %}


{% macro pii_redaction_token() %}
    {%- set token = var('segments__pii_redaction_token') | string -%}
    {%- if not modules.re.match('^[^\\\\$&\'%@0-9]+$', token) -%}
        {{ exceptions.raise_compiler_error(
            "var segments__pii_redaction_token must be non-empty text without digits, quotes, "
            ~ "backslashes or any of $ & % @ (it is written by regexp_replace): got '" ~ token ~ "'") }}
    {%- endif -%}
    {{ return(token) }}
{% endmacro %}


{% macro scrub_pii(expression) %}
    {{ return(adapter.dispatch('scrub_pii', 'segments')(expression)) }}
{% endmacro %}

{#- regexp_replace with flag g and \N group references: Postgres and DuckDB run it unchanged. anchored_first:
    each rule whose leading group may be empty runs first anchored at the text's start with that group empty
    (postgres__scrub_pii says why). -#}
{% macro scrub_pii_global_flag(expression, anchored_first=false) -%}
    {%- set scrubbed = namespace(sql=expression) -%}
    {%- for rule in pii_scrub_rules() -%}
        {%- set replacement = [] -%}
        {%- for part in rule.replacement -%}
            {%- do replacement.append(pii_redaction_token() if part == 'token' else '\\' ~ part) -%}
        {%- endfor -%}
        {%- set patterns = [rule.pattern] -%}
        {%- if anchored_first and rule.pattern.startswith('(?i)(^|') -%}
            {%- set group_end = rule.pattern.index(')', 7) -%}
            {%- do patterns.insert(0, '(?i)^()' ~ rule.pattern[group_end + 1:]) -%}
        {%- endif -%}
        {%- for pattern in patterns -%}
            {%- set scrubbed.sql = "regexp_replace(" ~ scrubbed.sql ~ ", '" ~ pattern ~ "', '"
                ~ replacement | join('') ~ "', 'g')" -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ scrubbed.sql }}
{%- endmacro %}

{#- Postgres: its regular expressions take the longest match and give the earliest group the longest text,
    where DuckDB's take the first alternative that matches. They differ only at the start of the text, where a
    rule's leading group may be empty (`^`) or take a character ("(555) 123-4567": DuckDB redacts the
    parenthesis, Postgres would keep it). So each rule first runs anchored with that group empty, as DuckDB
    prefers, then as written. -#}
{% macro postgres__scrub_pii(expression) -%}
    {{ scrub_pii_global_flag(expression, anchored_first=true) }}
{%- endmacro %}

{#- DuckDB: the same, only on text that may hold PII (most text holds none) -#}
{% macro duckdb__scrub_pii(expression) -%}
    case
        when regexp_matches({{ expression }}, '{{ pii_candidate_pattern() }}')
            then {{ scrub_pii_global_flag(expression) }}
        else {{ expression }}
    end
{%- endmacro %}

{#- Spark: regexp_replace replaces every match; groups are $N; a string literal unescapes backslashes -#}
{% macro spark__scrub_pii(expression) -%}
    {%- set scrubbed = namespace(sql=expression) -%}
    {%- for rule in pii_scrub_rules() -%}
        {%- set replacement = [] -%}
        {%- for part in rule.replacement -%}
            {%- do replacement.append(pii_redaction_token() if part == 'token' else '$' ~ part) -%}
        {%- endfor -%}
        {%- set scrubbed.sql = "regexp_replace(" ~ scrubbed.sql ~ ", '" ~ rule.pattern | replace('\\', '\\\\')
            ~ "', '" ~ replacement | join('') ~ "')" -%}
    {%- endfor -%}
    {{ scrubbed.sql }}
{%- endmacro %}


{% macro has_pii(expression) -%}
    ({{ expression }} is not null and {{ scrub_pii(expression) }} <> {{ expression }})
{%- endmacro %}
