"""The planted personas: customers built to be unambiguously one segment (see :mod:`segments_tooling.personas`).

The recipes come as VALUES relations (``p_customers``, ``p_order_groups``, ...); this stage expands them into
``p_cust`` (the customers, one device each), ``p_ord_t`` (their orders, one line each, priced like the
population's) and ``p_events0`` (their sessions' events, and five events leading to each online order). The
output stages add these rows to the raw tables; they are planted in the first chunk only and carry no dirt.
A persona's group of n rows falls ``last_days_ago + i * step_days`` days before the end date (i < n), at a fixed
local hour in the persona's time zone.
"""

from __future__ import annotations

from segments_tooling import personas as persona_recipes
from segments_tooling.demo_data.orders import SHIPPING_TOTAL_SQL, TAX_TOTAL_SQL
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement

PERSONA_RELATIONS = (
    "p_customers",
    "p_order_groups",
    "p_session_groups",
    "p_email_groups",
    "p_surveys",
)


def group_day_sql(run: RunParams) -> str:
    """The local date of row ``i`` of a persona group ``g``."""
    return f"({run.end_sql} - (g.last_days_ago + i * g.step_days)::INT)"


def _persona_customers(run: RunParams) -> str:
    """The recipe relations, and ``p_cust``: the personas' customers."""
    recipes = persona_recipes.persona_tables(run.end_date)
    relations = "".join(
        f"\n        CREATE TABLE {name} AS SELECT * FROM {recipes[name]}{run.persona_filter_sql};"
        for name in PERSONA_RELATIONS
    )
    return f"""{relations}

        CREATE TABLE p_cust AS
        SELECT c.*, uuid_of(c.customer_id, 800) AS anonymous_id,
               local_to_utc(c.tz, ({run.end_sql} - c.created_days_ago::INT) + INTERVAL 12 HOUR) AS created_at,
               CASE WHEN c.country IN ('DE', 'FR', 'ES', 'NL', 'IT', 'SE') THEN 'EUR' WHEN c.country = 'GB' THEN 'GBP'
                    ELSE 'USD' END AS currency
        FROM p_customers c;
"""


def _persona_orders(run: RunParams) -> str:
    """``p_ord_t``: one order a group row, of the category's top / cheap / mid product, with totals."""
    return f"""
        -- quantities from USD list prices (min_subtotal is in USD), unit prices in the order currency
        CREATE TABLE p_orders AS
        SELECT x.*, pp.product_id, pp.list_price, round(pp.list_price / fx.rate, 2)::DECIMAL(18, 2) AS unit_price,
               greatest(1, ceil(x.min_subtotal / pp.list_price))::INT AS quantity,
               'ord_persona_' || substr(x.customer_id, 13) || '_' || x.grp || '_' || x.i AS order_id
        FROM (
            SELECT g.*, c.tz, c.currency, c.n AS cn, i, g.last_days_ago + i * g.step_days AS days_ago,
                   local_to_utc(c.tz, {group_day_sql(run)} + to_hours(g.hour)
                                       + to_minutes((c.n * 7 + i * 11) % 50 + 5)) AS created_at
            FROM (SELECT *, unnest(range(n)) AS i FROM p_order_groups) g
            JOIN p_cust c ON c.customer_id = g.customer_id
        ) x
        JOIN persona_products pp ON pp.category = x.category
             AND CASE x.tier WHEN 'top' THEN pp.rank_desc = 1 WHEN 'cheap' THEN pp.rank_asc = 1
                             ELSE pp.rank_asc = (pp.n_cat + 1) // 2 END
        JOIN fx ON fx.currency = x.currency AND x.created_at::DATE >= fx.valid_from
                   AND x.created_at::DATE < fx.valid_to;

        CREATE TABLE p_ord_t AS
        SELECT *, (subtotal - discount_total + shipping_total + tax_total)::DECIMAL(18, 2) AS total
        FROM (
            SELECT *,
                   {TAX_TOTAL_SQL} AS tax_total
            FROM (
                SELECT *, (quantity * unit_price)::DECIMAL(18, 2) AS subtotal,
                       round(quantity * unit_price * discount_pct::DECIMAL(4, 2), 2)::DECIMAL(18, 2) AS discount_total,
                       {SHIPPING_TOTAL_SQL}
                         AS shipping_total
                FROM p_orders
            )
        );
"""


# the events of a persona session kind: (kind, position, event, product j of the session or NULL, seconds apart)
SESSION_KINDS = """(VALUES
            ('browse', 0, 'Page Viewed', NULL, 60), ('browse', 1, 'Page Viewed', NULL, 60),
            ('view', 0, 'Page Viewed', NULL, 60), ('view', 1, 'Product Viewed', 0, 60),
            ('view', 2, 'Product Viewed', 1, 60), ('view', 3, 'Product Viewed', 2, 60),
            ('cart', 0, 'Page Viewed', NULL, 60), ('cart', 1, 'Product Viewed', 0, 60),
            ('cart', 2, 'Product Added', 0, 60), ('cart', 3, 'Cart Viewed', NULL, 60),
            ('cart', 4, 'Checkout Started', NULL, 60),
            ('engaged', 0, 'Page Viewed', NULL, 120), ('engaged', 1, 'Products Searched', NULL, 120),
            ('engaged', 2, 'Product Viewed', 0, 120), ('engaged', 3, 'Product Viewed', 1, 120),
            ('engaged', 4, 'Page Viewed', NULL, 120), ('engaged', 5, 'Product Viewed', 2, 120),
            ('engaged', 6, 'Page Viewed', NULL, 120), ('engaged', 7, 'Product Viewed', 3, 120),
            ('review', 0, 'Page Viewed', NULL, 60), ('review', 1, 'Product Viewed', 0, 60),
            ('review', 2, 'Review Submitted', 0, 60)
        ) t(kind, pos, event, prod_j, spacing)"""

# the cohort personas' session kinds: (kind, position, event, product j or NULL, seconds apart, feature_name)
COHORT_SESSION_KINDS = f"""(VALUES
            ('focus', 0, 'Page Viewed', NULL, 60, NULL), ('focus', 1, 'Product Viewed', 0, 60, NULL),
            ('focus', 2, 'Product Viewed', 0, 60, NULL),
            ('trial', 0, 'Page Viewed', NULL, 60, NULL), ('trial', 1, 'Trial Started', NULL, 60, NULL),
            ('subscribe', 0, 'Page Viewed', NULL, 60, NULL),
            ('subscribe', 1, 'Subscription Started', NULL, 60, NULL),
            ('advanced', 0, 'Page Viewed', NULL, 60, NULL), ('advanced', 1, 'Feature Used', NULL, 60, 'compare'),
            ('advanced', 2, 'Feature Used', NULL, 60, 'saved_searches'),
            {", ".join(f"('limit', {i}, 'Feature Used', NULL, 30, 'wishlist')" for i in range(20))}
        ) t(kind, pos, event, prod_j, spacing, feature)"""


def _persona_events(run: RunParams) -> str:
    """``p_events0``: the events of the personas' sessions and of their online orders (final columns are
    written by the events stage)."""
    order_product = "CASE WHEN k.event IN ('Product Viewed', 'Product Added') THEN"
    return f"""
        CREATE TABLE p_kinds AS SELECT *, NULL::VARCHAR AS feature FROM {SESSION_KINDS}
            UNION ALL SELECT * FROM {COHORT_SESSION_KINDS};

        CREATE TABLE p_events0 AS
        SELECT 'sess' AS src, s.customer_id, s.grp, s.i, k.pos, k.event, s.anonymous_id,
               s.start_ts + secs(k.pos * k.spacing) AS ts,
               pp.product_id, pp.category AS prod_category, pp.list_price AS price,
               CASE WHEN k.event = 'Product Added' THEN 1 END AS quantity, NULL AS order_id, NULL::DECIMAL(18, 2) AS revenue,
               CASE WHEN k.pos = 0 THEN s.campaign END AS campaign, k.feature,
               CASE WHEN k.event IN ('Trial Started', 'Subscription Started') THEN s.plan END AS plan
        FROM (
            SELECT g.*, c.anonymous_id, c.n AS cn,
                   local_to_utc(c.tz, {group_day_sql(run)} + to_hours(g.hour)
                                       + to_minutes((c.n * 7 + i * 3) % 40)) AS start_ts
            FROM (SELECT *, unnest(range(n)) AS i FROM p_session_groups) g
            JOIN p_cust c ON c.customer_id = g.customer_id
        ) s
        JOIN p_kinds k ON k.kind = s.kind
        LEFT JOIN persona_products pp ON pp.category = s.category AND pp.rank_asc = 2 + 3 * k.prod_j + s.cn
        UNION ALL
        SELECT 'ord', o.customer_id, o.grp, o.i, k.pos, k.event, c.anonymous_id,
               o.created_at - secs((4 - k.pos) * 60),
               {order_product} o.product_id END,
               {order_product} o.category END,
               {order_product} o.list_price END,
               CASE WHEN k.event = 'Product Added' THEN o.quantity END,
               CASE WHEN k.event = 'Order Completed' THEN o.order_id END,
               CASE WHEN k.event = 'Order Completed' THEN o.total END,
               NULL AS campaign, NULL AS feature, NULL AS plan
        FROM p_ord_t o
        JOIN p_cust c ON c.customer_id = o.customer_id
        JOIN (VALUES (0, 'Page Viewed'), (1, 'Product Viewed'), (2, 'Product Added'), (3, 'Checkout Started'),
                     (4, 'Order Completed')) k(pos, event) ON TRUE
        WHERE o.sales_channel IN ('web', 'app');
        """


def persona_tables(run: RunParams) -> list[Statement]:
    """``p_cust``, ``p_ord_t`` and ``p_events0``, read by the output stages."""
    return [("personas", _persona_customers(run) + _persona_orders(run) + _persona_events(run))]
