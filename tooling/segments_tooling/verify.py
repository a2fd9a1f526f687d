"""Independent check of the planted personas against docs/segment_rules.md (default thresholds).

Reads a generated landing zone (``<raw>/<table>/*.parquet`` and ``<raw>/ground_truth.csv``), re-implements the
segment rules needed by the ground truth in plain DuckDB SQL (cleaning included: latest CRM / order version,
erased customers and guests dropped, duplicate message_ids, future-skewed and id-less events and unknown event
names dropped, anonymous ids stitched to their single user) and reports every planted label it cannot reproduce.
It is the generator's own guarantee that the personas are unambiguous against the generated population (RFM
quintiles in particular); it is not the warehouse.

Usage: python -m segments_tooling.verify DIR   (exit 0 when every planted label is reproduced)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

# Planted expectations this reference does not re-implement (association rules): persona_recovery checks them
# against the warehouse only.
WAREHOUSE_ONLY_FAMILIES = {"recommended_product", "cohort"}

KNOWN_EVENTS = [
    "Page Viewed", "Products Searched", "Product Viewed", "Product Added", "Product Removed", "Cart Viewed",
    "Checkout Started", "Order Completed", "Signed Up", "Signed In", "Feature Used", "Pricing Viewed",
    "Review Submitted", "Product Shared", "Referral Sent", "Trial Started", "Subscription Started",
]  # fmt: skip
RFM_GRID = {
    5: ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
    4: ["promising", "potential_loyalist", "potential_loyalist", "loyal", "champions"],
    3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
    2: ["hibernating", "hibernating", "at_risk", "at_risk", "cannot_lose"],
    1: ["hibernating", "hibernating", "at_risk", "cannot_lose", "cannot_lose"],
}
# fallback copy of seeds/segment_rules/holiday_calendar.csv (used when the repo seed is not found)
HOLIDAYS = [
    (f"{y}-02-01", f"{y}-02-14") for y in range(2023, 2028)
] + [
    ("2023-05-07", "2023-05-14"), ("2024-05-05", "2024-05-12"), ("2025-05-04", "2025-05-11"),
    ("2026-05-03", "2026-05-10"), ("2027-05-02", "2027-05-09"), ("2023-06-11", "2023-06-18"),
    ("2024-06-09", "2024-06-16"), ("2025-06-08", "2025-06-15"), ("2026-06-14", "2026-06-21"),
    ("2027-06-13", "2027-06-20"), ("2023-11-24", "2023-11-27"), ("2024-11-29", "2024-12-02"),
    ("2025-11-28", "2025-12-01"), ("2026-11-27", "2026-11-30"), ("2027-11-26", "2027-11-29"),
] + [(f"{y}-12-01", f"{y}-12-24") for y in range(2023, 2028)]  # fmt: skip
REPO_HOLIDAY_SEED = (
    Path(__file__).resolve().parents[2] / "seeds" / "segment_rules" / "holiday_calendar.csv"
)
# The warehouse's exchange rates: order amounts are compared in USD, the reporting currency.
REPO_EXCHANGE_RATES_SEED = REPO_HOLIDAY_SEED.parents[1] / "mappings" / "exchange_rates.csv"
ENGAGED_MIN_SECONDS = 10
ENGAGED_MIN_PAGE_VIEWS = 2
SESSION_TIMEOUT_MINUTES = 30
FUTURE_TOLERANCE_MINUTES = 60


@dataclass
class Result:
    as_of: date
    expected_as_of: date | None
    checked: int = 0
    mismatches: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    margins: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.mismatches and (
            self.expected_as_of is None or self.as_of == self.expected_as_of
        )


def _holidays() -> list[tuple[str, str]]:
    if REPO_HOLIDAY_SEED.exists():
        with open(REPO_HOLIDAY_SEED, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if rows and {"start_date", "end_date"} <= set(rows[0]):
            return [(r["start_date"], r["end_date"]) for r in rows]
    return HOLIDAYS


def _exchange_rates() -> list[tuple[str, str, str, str]]:
    """(currency, valid_from, valid_to, USD per unit), USD itself included at 1."""
    rows = [("USD", "1900-01-01", "2200-01-01", "1")]
    with open(REPO_EXCHANGE_RATES_SEED, newline="", encoding="utf-8") as fh:
        rows += [
            (r["from_currency_code"], r["valid_from"], r["valid_to"], r["rate"])
            for r in csv.DictReader(fh)
            if r["to_currency_code"] == "USD"
        ]
    return rows


def _sql(raw: Path) -> str:
    grid = ", ".join(
        f"({r}, {f + 1}, '{lbl}')" for r, labels in RFM_GRID.items() for f, lbl in enumerate(labels)
    )
    hol = ", ".join(f"(DATE '{a}', DATE '{b}')" for a, b in _holidays())
    known = ", ".join(f"'{e}'" for e in KNOWN_EVENTS)
    fx = ", ".join(f"('{c}', DATE '{a}', DATE '{b}', {r})" for c, a, b, r in _exchange_rates())
    p = raw.as_posix()
    return f"""
    SET TimeZone = 'UTC';
    CREATE MACRO loc(tz, ts) AS timezone(tz, timezone('UTC', ts));
    CREATE TABLE holidays AS SELECT * FROM (VALUES {hol}) t(d0, d1);
    CREATE TABLE grid AS SELECT * FROM (VALUES {grid}) t(r, f, label);
    CREATE TABLE fx AS SELECT * FROM (VALUES {fx}) t(currency, valid_from, valid_to, rate);

    CREATE TABLE c AS
    SELECT customer_id, coalesce(nullif(timezone, ''), 'UTC') AS tz, marketing_opt_in AS opt_in
    FROM read_parquet('{p}/customers/*.parquet')
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) = 1 AND deleted_at IS NULL;

    CREATE TABLE ev0 AS
    SELECT * FROM read_parquet('{p}/events/*.parquet')
    QUALIFY row_number() OVER (PARTITION BY message_id ORDER BY received_at, "timestamp") = 1;
    CREATE TABLE idmap AS
    SELECT anonymous_id, min(user_id) AS user_id FROM ev0
    WHERE anonymous_id IS NOT NULL AND user_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT user_id) = 1;
    CREATE TABLE ev AS
    SELECT e.message_id, coalesce(e.user_id, m.user_id, 'anon:' || e.anonymous_id) AS person, e.event,
           e."timestamp" AS ts, loc(coalesce(c.tz, 'UTC'), e."timestamp") AS lts
    FROM ev0 e
    LEFT JOIN idmap m ON m.anonymous_id = e.anonymous_id
    LEFT JOIN c ON c.customer_id = coalesce(e.user_id, m.user_id)
    WHERE (e.anonymous_id IS NOT NULL OR e.user_id IS NOT NULL)
      AND e."timestamp" <= e.received_at + INTERVAL {FUTURE_TOLERANCE_MINUTES} MINUTE
      AND e.event IN ({known});
    CREATE TABLE asof_t AS SELECT max(lts)::DATE AS d FROM ev;

    -- amounts in USD at the rate of the order's UTC date, as the warehouse reports them
    CREATE TABLE ord AS
    SELECT o.* REPLACE (round(o.total * fx.rate, 2) AS total), fx.rate AS usd_rate,
           loc(c.tz, o.created_at) AS lts, loc(c.tz, o.created_at)::DATE AS ld,
           (o.discount_total > 0 OR o.coupon_code IS NOT NULL) AS discounted
    FROM (SELECT * FROM read_parquet('{p}/orders/*.parquet')
          QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY updated_at DESC) = 1) o
    JOIN c ON c.customer_id = o.customer_id
    JOIN fx ON fx.currency = upper(o.currency) AND o.created_at::DATE >= fx.valid_from
               AND o.created_at::DATE < fx.valid_to
    WHERE o.status = 'completed' AND loc(c.tz, o.created_at)::DATE <= (SELECT d FROM asof_t);

    CREATE TABLE rfm AS
    SELECT *, 1 + floor(5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER ())::INT AS r,
              1 + floor(5 * (rank() OVER (ORDER BY pdays) - 1) / count(*) OVER ())::INT AS f
    FROM (SELECT customer_id, (SELECT d FROM asof_t) - max(ld) AS recency, count(DISTINCT ld) AS pdays,
                 count(*) AS n, avg(total) AS aov, avg(discounted::INT) AS disc_share
          FROM ord GROUP BY 1);

    CREATE TABLE quality AS
    SELECT o.customer_id,
           sum(CASE WHEN round(l.unit_price * o.usd_rate, 2) >= q.p75
                    THEN l.quantity * round(l.unit_price * o.usd_rate, 2) ELSE 0 END)
             / nullif(sum(l.quantity * round(l.unit_price * o.usd_rate, 2)), 0) AS top_share
    FROM ord o JOIN read_parquet('{p}/order_lines/*.parquet') l ON l.order_id = o.order_id
    JOIN read_parquet('{p}/products/*.parquet') pr ON pr.product_id = l.product_id
    JOIN (SELECT category, quantile_cont(list_price, 0.75) AS p75 FROM read_parquet('{p}/products/*.parquet')
          GROUP BY 1) q ON q.category = pr.category
    GROUP BY 1;

    CREATE TABLE surveys AS
    SELECT * FROM read_parquet('{p}/survey_responses/*.parquet')
    WHERE submitted_at::DATE <= (SELECT d FROM asof_t)
      AND ((survey_type = 'nps' AND score BETWEEN 0 AND 10) OR (survey_type = 'csat' AND score BETWEEN 1 AND 5));

    CREATE TABLE sess AS
    SELECT person, sum(new_s::INT) OVER (PARTITION BY person ORDER BY ts, message_id) AS sno, ts, event, lts
    FROM (SELECT *, coalesce(ts - lag(ts) OVER (PARTITION BY person ORDER BY ts, message_id)
                             > INTERVAL {SESSION_TIMEOUT_MINUTES} MINUTE, TRUE) AS new_s FROM ev);
    CREATE TABLE engaged AS
    SELECT person, count(*) FILTER (WHERE engaged AND start_ld > (SELECT d FROM asof_t) - 30) AS engaged_30,
           count(*) FILTER (WHERE start_ld > (SELECT d FROM asof_t) - 90) AS sessions_90
    FROM (SELECT person, sno, min(lts)::DATE AS start_ld,
                 (date_diff('second', min(ts), max(ts)) > {ENGAGED_MIN_SECONDS}
                  OR count(*) FILTER (WHERE event = 'Order Completed') > 0
                  OR count(*) FILTER (WHERE event = 'Page Viewed') >= {ENGAGED_MIN_PAGE_VIEWS}) AS engaged
          FROM sess GROUP BY ALL)
    GROUP BY 1;

    CREATE TABLE mail AS
    SELECT customer_id,
           count(*) FILTER (WHERE event_type = 'clicked' AND occurred_at::DATE > (SELECT d FROM asof_t) - 30) AS clicks_30,
           count(*) FILTER (WHERE event_type = 'opened' AND occurred_at::DATE > (SELECT d FROM asof_t) - 30) AS opens_30,
           count(*) FILTER (WHERE event_type = 'opened' AND occurred_at::DATE > (SELECT d FROM asof_t) - 90) AS opens_90,
           count(*) FILTER (WHERE event_type IN ('unsubscribed', 'bounced', 'complained')) AS stops
    FROM read_parquet('{p}/email_events/*.parquet')
    WHERE occurred_at::DATE <= (SELECT d FROM asof_t) GROUP BY 1;

    CREATE TABLE feats AS
    WITH e AS (
        SELECT person AS customer_id,
               count(DISTINCT lts::DATE) FILTER (WHERE lts::DATE > d - 28) AS active_28,
               max(lts::DATE) AS last_active,
               count(*) FILTER (WHERE event = 'Product Viewed' AND lts::DATE > d - 90) AS views_90,
               max(ts) FILTER (WHERE event IN ('Product Added', 'Cart Viewed', 'Checkout Started')
                               AND lts::DATE > d - 7) AS last_desire_7,
               max(ts) FILTER (WHERE event = 'Order Completed') AS last_oc_event,
               bool_or(event = 'Order Completed' AND lts::DATE > d - 90) AS action_ev_90,
               bool_or(event IN ('Product Added', 'Cart Viewed', 'Checkout Started') AND lts::DATE > d - 90)
                 AS desire_90,
               bool_or(event IN ('Product Viewed', 'Products Searched', 'Pricing Viewed', 'Signed Up', 'Signed In')
                       AND lts::DATE > d - 90) AS interest_90,
               bool_or(lts::DATE > d - 90) AS any_90,
               bool_or(event IN ('Review Submitted', 'Product Shared', 'Referral Sent')) AS advocacy_ev,
               bool_or(event = 'Feature Used') AS feature_ev,
               bool_or(event IN ('Product Added', 'Cart Viewed', 'Checkout Started')) AS desire_ev,
               bool_or(event IN ('Product Viewed', 'Products Searched', 'Pricing Viewed', 'Signed Up', 'Signed In'))
                 AS interest_ev,
               count(*) AS n_ev
        FROM ev, asof_t WHERE lts::DATE <= d GROUP BY 1
    ), o AS (
        SELECT customer_id, count(*) AS n, max(ld) AS last_ld, max(created_at) AS last_order_ts,
               avg(total) AS aov, avg(discounted::INT) AS disc_share,
               count(*) FILTER (WHERE ld > (SELECT d FROM asof_t) - 365) AS n_365,
               sum(total) FILTER (WHERE ld > (SELECT d FROM asof_t) - 365) AS spend_365,
               avg((EXISTS (SELECT 1 FROM holidays h WHERE ld BETWEEN h.d0 AND h.d1))::INT) AS holiday_share,
               max(season_n) / count(*) AS top_season_share,
               avg((shipping_method = 'express' OR sales_channel = 'app')::INT) AS conv_share,
               bool_or(ld > (SELECT d FROM asof_t) - 90) AS order_90,
               mode() WITHIN GROUP (ORDER BY daypart_order) AS daypart_order
        FROM (SELECT *, count(*) OVER (PARTITION BY customer_id, (month(ld) % 12) // 3) AS season_n,
                     CASE WHEN hour(lts) BETWEEN 5 AND 11 THEN 1 WHEN hour(lts) BETWEEN 12 AND 16 THEN 2
                          WHEN hour(lts) BETWEEN 17 AND 21 THEN 3 ELSE 4 END AS daypart_order
              FROM ord)
        GROUP BY 1
    ), s AS (
        SELECT customer_id,
               arg_max(score, submitted_at) FILTER (WHERE survey_type = 'nps') AS nps,
               arg_max(primary_benefit, submitted_at) FILTER (WHERE primary_benefit IS NOT NULL) AS stated
        FROM surveys GROUP BY 1
    )
    SELECT c.customer_id, c.opt_in, (SELECT d FROM asof_t) AS d, e.* EXCLUDE (customer_id), o.* EXCLUDE (customer_id),
           r.r, r.f, s.nps, s.stated, q.top_share, g.engaged_30, g.sessions_90, m.clicks_30, m.opens_30,
           m.opens_90, m.stops
    FROM c
    LEFT JOIN e ON e.customer_id = c.customer_id
    LEFT JOIN o ON o.customer_id = c.customer_id
    LEFT JOIN rfm r ON r.customer_id = c.customer_id
    LEFT JOIN s ON s.customer_id = c.customer_id
    LEFT JOIN quality q ON q.customer_id = c.customer_id
    LEFT JOIN engaged g ON g.person = c.customer_id
    LEFT JOIN mail m ON m.customer_id = c.customer_id;

    CREATE TABLE first_touch AS
    SELECT person AS customer_id, arg_min(coalesce(utm_campaign, '(not set)'), ts) AS first_touch_campaign
    FROM (SELECT coalesce(e.user_id, m.user_id, 'anon:' || e.anonymous_id) AS person, e.utm_campaign,
                 e."timestamp" AS ts
          FROM ev0 e LEFT JOIN idmap m ON m.anonymous_id = e.anonymous_id)
    GROUP BY 1;

    CREATE TABLE labels AS
    SELECT customer_id,
           (SELECT first_touch_campaign FROM first_touch ft WHERE ft.customer_id = feats.customer_id)
             AS first_touch_campaign,
           CASE WHEN n IS NULL THEN 'no_purchases' ELSE (SELECT label FROM grid WHERE grid.r = feats.r AND grid.f = feats.f)
           END AS rfm_segment,
           CASE WHEN n IS NULL THEN (CASE WHEN coalesce(views_90, 0) >= 10 THEN 'window_shopper' ELSE 'prospect' END)
                WHEN d - last_ld >= 180 THEN 'lapsed_buyer'
                WHEN aov >= 300 AND n <= 3 THEN 'high_value'
                WHEN n >= 2 AND disc_share > 0.5 THEN 'bargain_hunter'
                WHEN n >= 2 THEN 'repeat_buyer'
                WHEN d - last_ld < 30 THEN 'first_time_buyer'
                ELSE 'one_time_buyer' END AS purchase_segment,
           CASE WHEN last_desire_7 IS NOT NULL
                     AND NOT coalesce(last_order_ts >= last_desire_7, FALSE)
                     AND NOT coalesce(last_oc_event >= last_desire_7, FALSE) THEN 'true' ELSE 'false' END
             AS is_cart_abandoner,
           CASE WHEN coalesce(active_28, 0) >= 12 THEN 'power' WHEN coalesce(active_28, 0) >= 4 THEN 'regular'
                WHEN coalesce(active_28, 0) >= 1 THEN 'casual' WHEN last_active IS NULL THEN 'never_active'
                WHEN d - last_active < 30 THEN 'casual' WHEN d - last_active < 120 THEN 'at_risk'
                ELSE 'dormant' END AS usage_tier,
           CASE WHEN n IS NULL THEN 'no_purchases' WHEN holiday_share >= 0.5 THEN 'holiday_shopper'
                WHEN n >= 2 AND top_season_share >= 0.8 THEN 'seasonal_shopper' ELSE 'year_round' END
             AS occasion_segment,
           CASE WHEN n IS NULL THEN 'unknown'
                ELSE ['morning', 'afternoon', 'evening', 'night'][daypart_order] END AS preferred_daypart,
           coalesce(stated, CASE WHEN n IS NULL THEN 'unknown' WHEN disc_share >= 0.5 THEN 'price'
                                 WHEN top_share >= 0.5 THEN 'quality' WHEN conv_share >= 0.5 THEN 'convenience'
                                 ELSE 'none' END) AS benefit_segment,
           CASE WHEN n IS NULL THEN 'no_purchases' WHEN d - last_ld >= 365 THEN 'lapsed'
                WHEN n_365 >= 6 AND spend_365 >= 1000 THEN 'vip' WHEN n_365 >= 3 THEN 'loyal'
                WHEN n >= 2 THEN 'developing' ELSE 'new' END AS loyalty_tier,
           CASE WHEN coalesce(advocacy_ev, FALSE) OR coalesce(nps >= 9, FALSE) THEN 'advocacy'
                WHEN n >= 2 OR (n = 1 AND coalesce(feature_ev, FALSE)) THEN 'adoption'
                WHEN n = 1 THEN 'purchase' WHEN coalesce(desire_ev, FALSE) THEN 'consideration'
                WHEN coalesce(interest_ev, FALSE) THEN 'education'
                WHEN n_ev IS NOT NULL THEN 'awareness' END AS journey_stage,
           CASE WHEN coalesce(order_90, FALSE) OR coalesce(action_ev_90, FALSE) THEN 'action'
                WHEN coalesce(desire_90, FALSE) THEN 'desire' WHEN coalesce(interest_90, FALSE) THEN 'interest'
                WHEN coalesce(any_90, FALSE) THEN 'attention' ELSE 'none' END AS aida_stage,
           CASE WHEN NOT opt_in OR coalesce(stops, 0) > 0 THEN 'unreachable'
                WHEN coalesce(engaged_30, 0) >= 4 OR coalesce(clicks_30, 0) >= 2 THEN 'highly_engaged'
                WHEN coalesce(engaged_30, 0) >= 1 OR coalesce(opens_30, 0) >= 1 THEN 'engaged'
                WHEN coalesce(sessions_90, 0) >= 1 OR coalesce(opens_90, 0) >= 1 THEN 'passive'
                ELSE 'disengaged' END AS engagement_level,
           CASE WHEN nps IS NULL THEN 'unknown' WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive'
                ELSE 'detractor' END AS nps_category
    FROM feats;
    """


def evaluate(raw: str | Path) -> Result:
    raw = Path(raw)
    gt_path = raw / "ground_truth.csv"
    with open(gt_path, newline="", encoding="utf-8") as fh:
        truth = list(csv.DictReader(fh))
    meta_path = raw / "ground_truth.json"
    expected = None
    if meta_path.exists():
        expected = date.fromisoformat(json.loads(meta_path.read_text(encoding="utf-8"))["end_date"])
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(_sql(raw))
        as_of = con.execute("SELECT d FROM asof_t").fetchone()[0]
        families = [
            r[0] for r in con.execute("DESCRIBE labels").fetchall() if r[0] != "customer_id"
        ]
        labels = {
            row[0]: dict(zip(families, row[1:], strict=True))
            for row in con.execute(
                f"SELECT customer_id, {', '.join(families)} FROM labels"
            ).fetchall()
        }
        res = Result(as_of=as_of, expected_as_of=expected)
        for t in truth:
            if t["segment_family"] in WAREHOUSE_ONLY_FAMILIES:
                continue
            res.checked += 1
            got = labels.get(t["customer_id"], {}).get(t["segment_family"])
            if got != t["expected_label"]:
                res.mismatches.append(
                    (t["persona"], t["customer_id"], t["segment_family"], t["expected_label"], got)
                )
        # how far the rank-based personas are from a label boundary (share of buyers strictly worse)
        res.margins = dict(
            zip(
                ["buyers", "share_recency_gt_3", "share_pdays_lt_36", "share_recency_gt_450",
                 "share_pdays_lt_16", "share_recency_gt_490"],
                con.execute(
                    """SELECT count(*), avg((recency > 3)::INT), avg((pdays < 36)::INT),
                              avg((recency > 450)::INT), avg((pdays < 16)::INT), avg((recency > 490)::INT)
                       FROM rfm"""
                ).fetchone(),
                strict=True,
            )
        )  # fmt: skip
        return res
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m segments_tooling.verify", description=__doc__.split("\n")[0]
    )
    ap.add_argument("raw", help="landing zone written by segments_tooling.demo_data")
    args = ap.parse_args(argv)
    res = evaluate(args.raw)
    print(
        f"as-of date {res.as_of} (expected {res.expected_as_of}); {res.checked} planted labels checked"
    )
    print(
        "rfm margins: "
        + ", ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.margins.items()
        )
    )
    for persona, cid, family, want, got in res.mismatches:
        print(f"MISMATCH {persona} {cid} {family}: expected {want}, got {got}")
    print("OK" if res.ok else "FAILED")
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
