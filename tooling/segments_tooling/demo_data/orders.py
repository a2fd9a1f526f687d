"""``orders`` and ``order_lines``.

Online orders are the sessions that reach ``ordered`` (guest orders, customer_id ``gst_...``, when the person was
not identified yet); some customers also order in stores / on marketplaces (``n_off`` offline orders a person,
no events). An order has 1-3 lines of products picked around the buyer's favourite category; ~16% of orders
(~61% for discount lovers) get a line discount or a coupon. Prices: each line's unit price is the USD list price
converted at the rate of the order's month (``fx``), shipping fees and tax are per currency. Orders end
``completed`` (~80%), ``cancelled`` or ``refunded``; the raw table holds a version per status reached (pending
-> completed/cancelled -> refunded; store orders start completed) up to the snapshot. Dirt: orders with a negative line
quantity, order lines copied under an order id that does not exist.
"""

from __future__ import annotations

from segments_tooling.demo_data.constants import COUPONS
from segments_tooling.demo_data.dirt import rate_with_floor
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement, quote

# offline orders are numbered from here (online orders use their session id)
OFFLINE_ORDER_BASE = 10000000000
# shipping fee and tax of an order (also of the personas' orders)
SHIPPING_TOTAL_SQL = "CASE shipping_method WHEN 'express' THEN 14.99 WHEN 'standard' THEN 5.99 ELSE 0 END::DECIMAL(18, 2)"
TAX_TOTAL_SQL = """round((subtotal - discount_total)
                         * CASE currency WHEN 'EUR' THEN 0.19 WHEN 'GBP' THEN 0.20 ELSE 0.0725 END::DECIMAL(6, 4), 2
                   )::DECIMAL(18, 2)"""


def _coupon_case(key: str, values: list[str]) -> str:
    """CASE expression mapping the order's coupon draw (412 of ``key``) to ``values``, one SQL literal a coupon."""
    branches = " ".join(f"WHEN {index} THEN {value}" for index, value in enumerate(values[:-1]))
    return f"CASE ui({key}, 412, {len(values)}) {branches} ELSE {values[-1]} END"


def _online_orders() -> str:
    """The sessions that end in an order, placed at the session's event slot 15 (``Order Completed``)."""
    return """
        SELECT sid AS oid, pid, CASE WHEN identified THEN cust_id ELSE 'gst_' || lpad(pid::VARCHAR, 8, '0') END
                 AS customer_id,
               NOT identified AS is_guest, ev_ts(utc_start, sid, 15) AS created_at, currency,
               CASE WHEN channel = 'web' THEN 'web' ELSE 'app' END AS sales_channel,
               u(sid, 402) < 0.15 AS express, order_path AS path, TRUE AS pending_first, n_added AS n_lines, fav_cat,
               TRUE AS online, discount_lover
        FROM sessions WHERE ordered"""


def _offline_orders(run: RunParams) -> str:
    """Store (60%) and marketplace orders at 10:00-19:59 local time on a day of the customer's life span."""
    oid = f"{OFFLINE_ORDER_BASE} + p.pid * 8 + p.j"
    return f"""
        SELECT oid, pid, cust_id, FALSE, created_at, currency, sales_channel, NOT is_store AND u(oid, 402) < 0.2,
               CASE WHEN is_store THEN (CASE WHEN u(oid, 401) < 0.06 THEN 'refunded' ELSE 'completed' END)
                    ELSE (CASE WHEN u(oid, 401) < 0.08 THEN 'cancelled' WHEN u(oid, 401) < 0.16 THEN 'refunded'
                               ELSE 'completed' END) END,
               NOT is_store, 1 + ui(oid, 430, 3), fav_cat, FALSE, discount_lover
        FROM (
            SELECT x.*, CASE WHEN x.utc0 > {run.cutoff_sql} - INTERVAL 1 HOUR THEN x.utc0 - INTERVAL 1 DAY ELSE x.utc0 END
                     AS created_at,
                   x.sales_channel = 'store' AS is_store
            FROM (
                SELECT q.*, q.local_date + to_hours(q.hour) + secs(ui(q.oid, 443, 3600)) - secs(o.off_s) AS utc0,
                       CASE WHEN u(q.oid, 440) < 0.6 THEN 'store' ELSE 'marketplace' END AS sales_channel
                FROM (
                    SELECT p.*, {oid} AS oid,
                           ({run.start_sql} + (p.start_off + ui({oid}, 441, p.life))::INT)
                             AS local_date,
                           10 + ui({oid}, 442, 10) AS hour
                    FROM (SELECT *, unnest(range(n_off)) AS j FROM persons WHERE n_off > 0) p
                ) q
                JOIN tz_off o ON o.tz = q.tz AND o.local_date = q.local_date AND o.hour = q.hour
                WHERE q.local_date BETWEEN {run.start_sql} AND {run.end_sql}
            ) x
        )"""


def _order_headers(run: RunParams) -> str:
    """``ord_h``: one row an order (before totals), with its discount decisions; ``neg_orders``: the dirt."""
    negative_quantity = rate_with_floor(
        "ord_h", "oid", rate=(450, "0.0005"), floor=(451, run.dirt_floor(2))
    )
    return f"""
        CREATE TABLE ord_h0 AS{_online_orders()}
        UNION ALL{_offline_orders(run)};

        CREATE TABLE ord_h AS
        SELECT *, 'ord_' || lpad(oid::VARCHAR, 11, '0') AS order_id,
               u(oid, 410) < 0.16 + 0.45 * discount_lover::INT AS discounted,
               u(oid, 411) < 0.6 AS use_coupon
        FROM ord_h0;

        -- negative-quantity dirt: ~0.05% of orders, at least 2
        CREATE TABLE neg_orders AS
        {negative_quantity};
"""


def _order_lines() -> str:
    """``lines``: the lines of every order, priced in the order's currency."""
    coupon_pct = _coupon_case("oid", [pct for _, pct in COUPONS])
    return f"""
        CREATE TABLE lines AS
        SELECT *, CASE WHEN pct > 0 THEN round(quantity * unit_price * pct, 2) ELSE 0 END::DECIMAL(18, 2)
                    AS line_discount
        FROM (
        SELECT l.oid, l.order_id, l.j + 1 AS line_number, p.product_id, l.quantity, l.pct,
               round(p.list_price / fx.rate, 2)::DECIMAL(18, 2) AS unit_price
        FROM (
            SELECT o.oid, o.order_id, o.j, o.currency, o.created_at, pick(o.oid, o.j, o.fav_cat) AS pidx,
                   (CASE WHEN o.j = 0 AND o.oid IN (SELECT oid FROM neg_orders) THEN -1 ELSE 1 END)
                     * qty(o.oid, o.j) AS quantity,
                   CASE WHEN NOT o.discounted THEN 0.00
                        WHEN o.use_coupon THEN {coupon_pct}
                        ELSE (0.10 + 0.05 * ui(o.oid, 413, 5))::DECIMAL(4, 2) END::DECIMAL(4, 2) AS pct
            FROM (SELECT *, unnest(range(n_lines)) AS j FROM ord_h) o
        ) l
        JOIN products_t p ON p.pidx = l.pidx
        JOIN fx ON fx.currency = l.currency AND l.created_at::DATE >= fx.valid_from
                   AND l.created_at::DATE < fx.valid_to
        );
"""


def _order_totals() -> str:
    """``ord_t``: the orders with coupon, shipping method and totals."""
    coupon_code = _coupon_case("h.oid", [quote(code) for code, _ in COUPONS])
    return f"""
        CREATE TABLE ord_t AS
        SELECT *, (subtotal - discount_total + shipping_total + tax_total)::DECIMAL(18, 2) AS total
        FROM (
            SELECT *,
                   {SHIPPING_TOTAL_SQL}
                     AS shipping_total,
                   {TAX_TOTAL_SQL} AS tax_total
            FROM (
                SELECT h.*, l.subtotal, l.discount_total,
                       CASE WHEN h.discounted AND h.use_coupon THEN {coupon_code} END AS coupon_code,
                       CASE WHEN h.sales_channel = 'store' THEN 'free'
                            WHEN h.express THEN 'express'
                            WHEN (h.discounted AND h.use_coupon AND ui(h.oid, 412, 5) = 4) OR l.subtotal >= 75 THEN 'free'
                            ELSE 'standard' END AS shipping_method
                FROM ord_h h
                JOIN (SELECT oid, sum(quantity * unit_price)::DECIMAL(18, 2) AS subtotal,
                             sum(line_discount)::DECIMAL(18, 2) AS discount_total
                      FROM lines GROUP BY oid) l ON l.oid = h.oid
            )
        );
        """


def order_tables(run: RunParams) -> list[Statement]:
    """The population's orders and lines (``ord_t``, ``lines``), read by the events, surveys and output."""
    return [("orders", _order_headers(run) + _order_lines() + _order_totals())]


def _order_versions(run: RunParams) -> str:
    """``orders_all``: the versions of every order (and the personas' orders) up to the snapshot."""
    return f"""
        CREATE TABLE orders_all AS
        WITH order_done AS (
            SELECT order_id, customer_id, created_at, currency, subtotal, discount_total, shipping_total, tax_total,
                   total, coupon_code, shipping_method, sales_channel, path, pending_first,
                   created_at + secs(CASE WHEN path = 'cancelled' THEN 3600 + ui(oid, 460, 255600)
                                          ELSE 60 + ui(oid, 461, 7140) END) AS done_at,
                   oid
            FROM ord_t
        ), versions AS (
            SELECT order_done.*, x.v FROM order_done, range(3) x(v)
        )
        SELECT order_id, customer_id, created_at,
               CASE WHEN v = 0 AND pending_first THEN 'pending'
                    WHEN v = 0 THEN 'completed'
                    WHEN v = 1 AND pending_first THEN CASE WHEN path = 'cancelled' THEN 'cancelled' ELSE 'completed' END
                    ELSE 'refunded' END AS status,
               currency, subtotal, discount_total, shipping_total, tax_total, total, coupon_code, shipping_method,
               sales_channel,
               CASE WHEN v = 0 THEN created_at
                    WHEN v = 1 AND pending_first THEN done_at
                    ELSE (CASE WHEN pending_first THEN done_at ELSE created_at END)
                         + secs(172800 + ui(oid, 462, 2419200)) END AS updated_at
        FROM versions
        WHERE (v = 0)
           OR (v = 1 AND (pending_first OR path = 'refunded'))
           OR (v = 2 AND pending_first AND path = 'refunded');
        DELETE FROM orders_all WHERE updated_at >= {run.cutoff_sql};

        INSERT INTO orders_all
        SELECT order_id, customer_id, created_at, s.status, currency, subtotal, discount_total, shipping_total,
               tax_total, total, coupon_code, shipping_method, sales_channel,
               created_at + CASE WHEN s.status = 'pending' THEN INTERVAL 0 MINUTE ELSE INTERVAL 10 MINUTE END
        FROM p_ord_t, (VALUES ('pending'), ('completed')) s(status)
        WHERE s.status = 'completed' OR sales_channel <> 'store';
"""


def _order_line_rows(run: RunParams) -> str:
    """``lines_all``: the lines, the orphan dirt (~0.1% of lines, at least 2) and the personas' lines."""
    orphans = rate_with_floor(
        "lines",
        "oid * 16 + line_number",
        columns="*",
        tie_break="oid, line_number",
        rate=(470, "0.001"),
        floor=(471, run.dirt_floor(2)),
    )
    return f"""
        CREATE TABLE lines_all AS
        SELECT order_id, line_number::INTEGER AS line_number, product_id, quantity::INTEGER AS quantity, unit_price,
               line_discount
        FROM lines
        UNION ALL
        -- orphans: ~0.1% of lines (at least 2) copied under an order_id that does not exist
        SELECT 'ord_9' || lpad(oid::VARCHAR, 11, '0'), line_number::INTEGER, product_id,
               quantity::INTEGER, unit_price, line_discount
        FROM ({orphans})
        UNION ALL
        SELECT order_id, 1, product_id, quantity, unit_price, discount_total FROM p_ord_t;
        """


def order_output_tables(run: RunParams) -> list[Statement]:
    """The raw ``orders`` and ``order_lines`` (after the personas' orders exist)."""
    return [("orders_out", _order_versions(run) + _order_line_rows(run))]
