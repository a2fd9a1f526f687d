"""``events``: the tracking events (Segment-style), the largest raw table.

A session emits up to 21 events, one per slot (``SESSION_SLOTS``, in funnel order, 28 s apart on average): page
views, Signed Up / Signed In, search, product views, pricing, adds to cart, a removal, cart, checkout, ``Order
Completed`` (every online order that is not cancelled; properties order_id and revenue = the order total in its
currency; user_id NULL for guests), feature use, review, share, referral. Event ``sid * 32 + slot`` carries
the session's device (``anonymous_id``) and, once the person is identified, its ``user_id``; it is received
0.05-3 s after its timestamp. The personas' events come from ``p_events0``.

Dirt (never on persona rows): ~1% duplicated message_id (half exact copies, half received later), ~0.2%
truncated JSON properties, ~0.2% client clock in the future, ~2% late arrivals (1-5 days), ~0.2% unknown event
names, ~0.05% with neither anonymous_id nor user_id. ``events_all`` is a view, never materialized: COPY streams
it through its ORDER BY, one chunk of persons (``pid % n_chunks = chunk``) per output file.
"""

from __future__ import annotations

from dataclasses import dataclass

from segments_tooling.demo_data.constants import (
    CATEGORIES,
    FEATURES,
    QUERIES,
    UNKNOWN_EVENTS,
    UTMS,
)
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement, random_element, string_list


@dataclass(frozen=True)
class EventSlot:
    """One event a session may emit: its slot (order in the session), its name and the condition on the
    session ``s`` under which it happens (SQL), and the index of the product it is about (SQL, or None)."""

    slot: int
    event: str
    condition: str
    product: str | None = None


ORDER_COMPLETED_SLOT = 15
_FAVOURITE_PICK = "pick(s.sid, 0, s.fav_cat)"
SESSION_SLOTS = [
    EventSlot(0, "'Page Viewed'", "TRUE"),
    EventSlot(1, "s.login_event", "s.login_event IS NOT NULL"),
    EventSlot(2, "'Page Viewed'", "s.n_pages >= 2"),
    EventSlot(3, "'Products Searched'", "s.searched"),
    # the first n_added viewed products are the ones added to the cart
    *[
        EventSlot(4 + j, "'Product Viewed'", f"s.n_views >= {j + 1}",
                  f"pick(s.sid, CASE WHEN {j} < s.n_added THEN {j} ELSE {j + 10} END, s.fav_cat)")
        for j in range(4)
    ],
    EventSlot(8, "'Pricing Viewed'", "s.pricing"),
    *[EventSlot(9 + j, "'Product Added'", f"s.n_added >= {j + 1}", f"pick(s.sid, {j}, s.fav_cat)") for j in range(3)],
    EventSlot(12, "'Product Removed'", "s.removed", _FAVOURITE_PICK),
    EventSlot(13, "'Cart Viewed'", "s.cart"),
    EventSlot(14, "'Checkout Started'", "s.checkout"),
    EventSlot(ORDER_COMPLETED_SLOT, "'Order Completed'", "s.ordered AND s.order_path <> 'cancelled'"),
    EventSlot(16, "'Feature Used'", "s.feature"),
    EventSlot(17, "'Review Submitted'", "s.review", _FAVOURITE_PICK),
    EventSlot(18, "'Product Shared'", "s.shared_ev", _FAVOURITE_PICK),
    EventSlot(19, "'Referral Sent'", "s.referral"),
    EventSlot(20, "'Page Viewed'", "s.n_pages >= 3"),
]  # fmt: skip

LANDING_PAGES = [
    "/",
    "/",
    "/",
    "/sale",
    "/new-arrivals",
    "/blog/style-guide",
    "/blog/gift-ideas",
    "/stores",
]
CATEGORY_SLUGS = [category.lower() for category, _, _, _ in CATEGORIES]
PAGE_PATH_SQL = f"""CASE e.ev
                 WHEN 'Page Viewed' THEN CASE WHEN e.slot = 0 THEN {random_element(LANDING_PAGES, "e.sid", 230)}
                                              ELSE '/collections/' || {random_element(CATEGORY_SLUGS, "e.eid", 321)} END
                 WHEN 'Products Searched' THEN '/search'
                 WHEN 'Cart Viewed' THEN '/cart' WHEN 'Checkout Started' THEN '/checkout'
                 WHEN 'Order Completed' THEN '/checkout/thank-you'
                 WHEN 'Signed Up' THEN '/signup' WHEN 'Signed In' THEN '/login'
                 WHEN 'Feature Used' THEN '/account' WHEN 'Pricing Viewed' THEN '/membership'
                 WHEN 'Referral Sent' THEN '/account/referrals'
                 ELSE '/products/' || e.product_id END"""
_PRODUCT_JSON = """('{"product_id": "' || e.product_id || '", "category": "' || e.category || '", "price": '
                   || e.list_price::VARCHAR)"""
PROPERTIES_SQL = f"""CASE e.ev
                 WHEN 'Product Viewed' THEN {_PRODUCT_JSON} || '}}'
                 WHEN 'Product Shared' THEN {_PRODUCT_JSON} || '}}'
                 WHEN 'Review Submitted' THEN {_PRODUCT_JSON} || '}}'
                 WHEN 'Product Added' THEN {_PRODUCT_JSON} || ', "quantity": ' || qty(e.sid, e.slot - 9) || '}}'
                 WHEN 'Product Removed' THEN {_PRODUCT_JSON} || ', "quantity": 1}}'
                 WHEN 'Products Searched' THEN '{{"query": "' || {random_element(QUERIES, "e.eid", 320)} || '"}}'
                 WHEN 'Order Completed' THEN '{{"order_id": "' || e.order_id || '", "revenue": ' || e.total::VARCHAR || '}}'
                 WHEN 'Feature Used' THEN '{{"feature_name": "' || {random_element(FEATURES, "e.eid", 322)} || '"}}'
                 WHEN 'Pricing Viewed' THEN '{{"plan": "' || {random_element(["basic", "plus", "premium"], "e.eid", 323)} || '"}}'
                 WHEN 'Signed Up' THEN '{{"plan": "free"}}'
                 ELSE '{{}}' END"""


def _utm_sql(field: int, column: str) -> str:
    """The session's UTM ``column`` (field ``field`` of ``UTMS``), on its first event only."""
    values = string_list([utm[field] for utm in UTMS])
    return f"CASE WHEN e.slot = 0 AND e.utm_i IS NOT NULL THEN {values}[e.utm_i] END AS {column}"


def _slot_branch(slot: EventSlot, duplicates: bool) -> str:
    """The SELECT of one slot's events of every session (or of its ~1% duplicated ones)."""
    if slot.slot == 0:  # the sign-in event is slot 1: the first page view is still anonymous
        user = "CASE WHEN s.identified AND s.login_event IS NULL THEN s.cust_id END"
    else:
        user = "CASE WHEN s.identified THEN s.cust_id END"
    utm = "s.utm_i" if slot.slot == 0 else "NULL::BIGINT"
    product = (
        "p.product_id, p.category, p.list_price"
        if slot.product
        else "NULL, NULL, NULL::DECIMAL(18, 2)"
    )
    is_order = slot.slot == ORDER_COMPLETED_SLOT
    order = "o.order_id, o.total" if is_order else "NULL, NULL::DECIMAL(18, 2)"
    joins = f" JOIN products_t p ON p.pidx = {slot.product}" if slot.product else ""
    joins += " JOIN ord_t o ON o.oid = s.sid" if is_order else ""
    where = f"({slot.condition}) AND s.pid % getvariable('n_chunks') = getvariable('chunk')"
    if duplicates:
        where += f" AND u(s.sid * 32 + {slot.slot}, 315) < 0.01"
    return (
        f"SELECT s.sid * 32 + {slot.slot} AS eid, s.sid, {slot.slot} AS slot, {slot.event} AS ev,"
        f" ev_ts(s.utc_start, s.sid, {slot.slot}) AS ts, s.anonymous_id, s.channel, s.device_type,"
        f" {utm} AS utm_i, {user} AS user_id, {product}, {order}"
        f" FROM sessions s{joins} WHERE {where}"
    )


def _event_rows(run: RunParams, duplicates: bool) -> str:
    """All population events (or the ~1% duplicated ones), in the final columns plus ``eid``, ``dup_no``."""
    branches = "\n                UNION ALL ".join(
        _slot_branch(slot, duplicates) for slot in SESSION_SLOTS
    )
    if duplicates:  # half exact copies, half received up to 6 h later
        received_at = "CASE WHEN u(eid, 316) < 0.5 THEN received_at ELSE received_at + secs(1 + ui(eid, 318, 21600)) END"
    else:
        received_at = "received_at"
    return f"""
        SELECT eid, {int(duplicates)} AS dup_no, message_id, anonymous_id, user_id, event, "timestamp",
               {received_at} AS received_at, channel, device_type, page_path, utm_source, utm_medium, utm_campaign,
               properties
        FROM (
            SELECT eid, uuid_of(eid, 300) AS message_id,
                   CASE WHEN u(eid, 314) < 0.0005 THEN NULL ELSE anonymous_id END AS anonymous_id,
                   CASE WHEN u(eid, 314) < 0.0005 THEN NULL ELSE user_id END AS user_id,
                   event,
                   CASE WHEN u(eid, 313) < 0.002 THEN received_at + secs(3600 + ui(eid, 309, 860400)) ELSE ts END
                     AS "timestamp",
                   received_at, channel, device_type, page_path, utm_source, utm_medium, utm_campaign,
                   CASE WHEN props <> '{{}}' AND u(eid, 311) < 0.004
                        THEN left(props, 4 + ui(eid, 312, length(props) - 5)::INT) ELSE props END AS properties
            FROM (
                SELECT e.eid, e.sid, e.slot, e.ts, e.anonymous_id, e.user_id, e.channel, e.device_type,
                       CASE WHEN e.ev = 'Page Viewed' AND e.slot > 0 AND u(e.eid, 310) < 0.01
                            THEN {random_element(UNKNOWN_EVENTS, "e.eid", 317)} ELSE e.ev END
                         AS event,
                       {PAGE_PATH_SQL} AS page_path,
                       {_utm_sql(0, "utm_source")},
                       {_utm_sql(1, "utm_medium")},
                       {_utm_sql(2, "utm_campaign")},
                       {PROPERTIES_SQL} AS props,
                       e.ts + to_milliseconds(50 + ui(e.eid, 307, 2950))
                         + CASE WHEN u(e.eid, 303) < 0.02 THEN secs(86400 + ui(e.eid, 308, 345600))
                                ELSE INTERVAL 0 SECOND END AS received_at
                FROM (
                {branches}
                ) e(eid, sid, slot, ev, ts, anonymous_id, channel, device_type, utm_i, user_id, product_id, category,
                    list_price, order_id, total)
            )
        )
        WHERE {received_at} < {run.cutoff_sql}"""


# the personas' events in the final columns (negative eids: they sort apart from the population's)
PERSONA_EVENTS_SQL = """
        CREATE TABLE p_events_out AS
        SELECT -row_number() OVER (ORDER BY ts, message_id) AS eid, 0 AS dup_no, message_id, anonymous_id,
               customer_id AS user_id, event, ts AS "timestamp", ts + INTERVAL 500 MILLISECOND AS received_at,
               'web' AS channel, 'desktop' AS device_type,
               CASE event WHEN 'Page Viewed' THEN '/' WHEN 'Products Searched' THEN '/search'
                          WHEN 'Cart Viewed' THEN '/cart' WHEN 'Checkout Started' THEN '/checkout'
                          WHEN 'Order Completed' THEN '/checkout/thank-you' ELSE '/products/' || product_id END
                 AS page_path,
               CASE WHEN campaign IS NOT NULL THEN 'launch_partner' END AS utm_source,
               CASE WHEN campaign IS NOT NULL THEN 'referral' END AS utm_medium, campaign AS utm_campaign,
               CASE WHEN event = 'Order Completed'
                        THEN '{"order_id": "' || order_id || '", "revenue": ' || revenue::VARCHAR || '}'
                    WHEN event = 'Products Searched' THEN '{"query": "sneakers"}'
                    WHEN event = 'Feature Used' THEN '{"feature_name": "' || feature || '"}'
                    WHEN plan IS NOT NULL THEN '{"plan": "' || plan || '"}'
                    WHEN product_id IS NOT NULL THEN '{"product_id": "' || product_id || '", "category": "'
                        || prod_category || '", "price": ' || price::VARCHAR
                        || CASE WHEN quantity IS NOT NULL THEN ', "quantity": ' || quantity ELSE '' END || '}'
                    ELSE '{}' END AS properties
        FROM (SELECT *, uuid_of(src || ':' || customer_id || ':' || grp || ':' || i || ':' || pos, 810)
                          AS message_id FROM p_events0);
"""


def event_tables(run: RunParams) -> list[Statement]:
    """``p_events_out`` and the view ``events_all`` (population events, their duplicates, persona events)."""
    return [
        (
            "events",
            f"""{PERSONA_EVENTS_SQL}
        -- the (large) event table is never materialized: COPY streams this view through its ORDER BY, one
        -- chunk of persons (pid % n_chunks = chunk) per output file; persona events go to the first file
        CREATE VIEW events_all AS
        {_event_rows(run, duplicates=False)}
        UNION ALL
        {_event_rows(run, duplicates=True)}
        UNION ALL
        SELECT * FROM p_events_out WHERE getvariable('chunk') = 0;
        """,
        )
    ]
