"""Tests of the demo-data generator (small data sets: a few seconds in total)."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from segments_tooling import demo_data, personas, verify

CUSTOMERS, DAYS, SEED = 300, 540, 7
END = date(2026, 6, 30)


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, int]]]:
    base = tmp_path_factory.mktemp("demo")
    out = {}
    for name, seed, threads in (
        ("a", SEED, None),
        ("b", SEED, None),
        ("one_thread", SEED, 1),
        ("other", SEED + 1, None),
    ):
        path = base / name
        out[name] = (
            path,
            demo_data.generate(CUSTOMERS, DAYS, seed, path, end_date=END, threads=threads),
        )
    return out


@pytest.fixture(scope="module")
def raw(runs) -> Path:
    return runs["a"][0]


@pytest.fixture(scope="module")
def con(raw: Path):
    c = duckdb.connect()
    for table in demo_data.TABLES:
        c.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{(raw / table).as_posix()}/*.parquet')"
        )
    c.execute("SET TimeZone = 'UTC'")
    yield c
    c.close()


def one(con, sql: str):
    return con.execute(sql).fetchone()[0]


# ------------------------------------------------------------------ determinism


def test_same_seed_gives_identical_bytes(runs):
    a, b = _digests(runs["a"][0]), _digests(runs["b"][0])
    expected = {f"{t}/part-0.parquet" for t in demo_data.TABLES} | {
        "ground_truth.csv",
        "ground_truth.json",
    }
    assert expected <= set(a)
    assert a == b
    assert _digests(runs["one_thread"][0]) == a  # independent of the number of DuckDB threads


def test_different_seed_gives_different_data(runs):
    a, other = _digests(runs["a"][0]), _digests(runs["other"][0])
    for table in (
        "customers",
        "events",
        "orders",
        "order_lines",
        "email_events",
        "survey_responses",
    ):
        assert a[f"{table}/part-0.parquet"] != other[f"{table}/part-0.parquet"], table
    assert a["ground_truth.csv"] == other["ground_truth.csv"]  # personas do not depend on the seed


def test_returned_counts_match_files(runs, con):
    counts = runs["a"][1]
    assert set(counts) == set(demo_data.TABLES)
    for table, n in counts.items():
        assert one(con, f"SELECT count(*) FROM {table}") == n, table
    assert counts["events"] > 10_000 and counts["orders"] > 300 and counts["products"] == 504


def test_cli_prints_one_line_summary(tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "segments_tooling.demo_data", "--customers", "40", "--days", "60", "--seed", "3",
         "--out", str(tmp_path / "raw"), "--end-date", "2026-03-31"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(demo_data.__file__).resolve().parents[2])},
    )  # fmt: skip
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1 and "events=" in lines[0] and "seconds=" in lines[0]
    assert (tmp_path / "raw" / "events" / "part-0.parquet").exists()
    assert (tmp_path / "raw" / "ground_truth.csv").exists()
    latest = (
        duckdb.connect()
        .execute(
            f"SELECT max(received_at) FROM read_parquet('{(tmp_path / 'raw' / 'events').as_posix()}/*.parquet')"
        )
        .fetchone()[0]
    )
    assert latest.date() == date(2026, 3, 31)


# ------------------------------------------------------------------ contract


@pytest.mark.parametrize("table", demo_data.TABLES)
def test_contract_columns_and_types(con, table):
    got = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()]
    assert got == demo_data.SCHEMA[table]


def test_value_domains(con):
    assert (
        one(con, "SELECT count(*) FROM events WHERE channel NOT IN ('web', 'ios', 'android')") == 0
    )
    assert (
        one(
            con,
            "SELECT count(*) FROM events WHERE device_type NOT IN ('desktop', 'mobile', 'tablet')",
        )
        == 0
    )
    known = {
        "Page Viewed", "Products Searched", "Product Viewed", "Product Added", "Product Removed", "Cart Viewed",
        "Checkout Started", "Order Completed", "Signed Up", "Signed In", "Feature Used", "Pricing Viewed",
        "Review Submitted", "Product Shared", "Referral Sent",
    }  # fmt: skip
    names = {r[0] for r in con.execute("SELECT DISTINCT event FROM events").fetchall()}
    assert known <= names
    assert (
        one(
            con,
            "SELECT count(*) FROM orders WHERE status NOT IN ('pending', 'completed', 'cancelled', 'refunded')",
        )
        == 0
    )
    assert {r[0] for r in con.execute("SELECT DISTINCT currency FROM orders").fetchall()} == {
        "USD",
        "EUR",
        "GBP",
    }
    assert {r[0] for r in con.execute("SELECT DISTINCT shipping_method FROM orders").fetchall()} == {
        "standard", "express", "free"
    }  # fmt: skip
    assert {r[0] for r in con.execute("SELECT DISTINCT sales_channel FROM orders").fetchall()} == {
        "web", "app", "store", "marketplace"
    }  # fmt: skip
    assert {r[0] for r in con.execute("SELECT DISTINCT acquisition_channel FROM customers").fetchall()} <= {
        "organic_search", "paid_search", "social", "email", "referral", "direct", "affiliate"
    }  # fmt: skip
    assert {r[0] for r in con.execute("SELECT DISTINCT event_type FROM email_events").fetchall()} <= {
        "sent", "delivered", "opened", "clicked", "bounced", "unsubscribed", "complained"
    }  # fmt: skip
    assert one(con, "SELECT count(DISTINCT category) FROM products") == 8
    assert one(con, "SELECT count(DISTINCT timezone) FROM customers") >= 10
    # every timezone is a valid IANA name
    assert (
        one(
            con,
            "SELECT count(*) FROM customers WHERE timezone IS NOT NULL AND timezone(timezone, TIMESTAMPTZ '2026-01-01') IS NULL",
        )
        == 0
    )


def test_snapshot_ends_on_end_date(con):
    assert one(con, "SELECT max(received_at)::DATE FROM events") == END
    assert (
        one(con, 'SELECT max("timestamp")::DATE FROM events WHERE "timestamp" <= received_at')
        == END
    )
    for table, col in (("orders", "updated_at"), ("customers", "updated_at"), ("email_events", "occurred_at"),
                       ("survey_responses", "submitted_at")):  # fmt: skip
        assert one(con, f"SELECT max({col}) FROM {table}") < datetime(2026, 7, 1)
    # many customers active on the last day
    assert (
        one(
            con,
            f"SELECT count(DISTINCT user_id) FROM events WHERE \"timestamp\"::DATE = DATE '{END}'",
        )
        >= 10
    )


def test_order_totals_and_lines(con):
    assert (
        one(
            con,
            "SELECT count(*) FROM orders WHERE total <> subtotal - discount_total + shipping_total + tax_total",
        )
        == 0
    )
    # lines sum to the subtotal and the line discounts to discount_total
    assert (
        one(
            con,
            """SELECT count(*) FROM (SELECT DISTINCT order_id, subtotal, discount_total FROM orders) o
           JOIN (SELECT order_id, sum(quantity * unit_price) AS s, sum(line_discount) AS d FROM order_lines
                 GROUP BY 1) l USING (order_id)
           WHERE l.s <> o.subtotal OR l.d <> o.discount_total""",
        )
        == 0
    )
    assert (
        one(
            con,
            "SELECT count(*) FROM (SELECT DISTINCT order_id FROM orders) o ANTI JOIN order_lines USING (order_id)",
        )
        == 0
    )


def test_order_versions_and_status_mix(con):
    latest = """(SELECT * FROM orders QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY updated_at DESC) = 1)"""
    share = one(con, f"SELECT avg((status = 'completed')::INT) FROM {latest}")
    assert 0.7 < share < 0.9
    assert (
        one(
            con,
            "SELECT count(*) FROM (SELECT order_id FROM orders GROUP BY 1 HAVING count(*) >= 2)",
        )
        > 100
    )
    assert (
        one(
            con, "SELECT count(*) FROM (SELECT order_id FROM orders GROUP BY 1 HAVING count(*) = 3)"
        )
        > 0
    )
    disc = one(
        con, f"SELECT avg((discount_total > 0 OR coupon_code IS NOT NULL)::INT) FROM {latest}"
    )
    assert 0.15 < disc < 0.35
    # versions never go back in time and an order's header values do not change between versions
    assert one(con, "SELECT count(*) FROM orders WHERE updated_at < created_at") == 0
    assert (
        one(
            con,
            "SELECT count(*) FROM (SELECT order_id FROM orders GROUP BY 1 HAVING count(DISTINCT total) > 1)",
        )
        == 0
    )


def test_order_completed_events_match_orders(con):
    # every 'Order Completed' event (clean JSON) points at an existing order with revenue = total
    assert (
        one(
            con,
            """SELECT count(*) FROM (
               SELECT json_extract_string(properties, '$.order_id') AS order_id,
                      json_extract(properties, '$.revenue')::DECIMAL(18, 2) AS revenue
               FROM events WHERE event = 'Order Completed' AND json_valid(properties)) e
           LEFT JOIN (SELECT DISTINCT order_id, total FROM orders) o USING (order_id)
           WHERE o.order_id IS NULL OR o.total <> e.revenue""",
        )
        == 0
    )


def test_identity_and_activity_shape(con):
    # anonymous-only visitors, pre-identification events, 1-3 devices per customer
    assert (
        one(con, "SELECT count(*) FROM events WHERE user_id IS NULL AND anonymous_id IS NOT NULL")
        > 1000
    )
    anon_only = one(
        con,
        """SELECT count(DISTINCT anonymous_id) FROM events WHERE anonymous_id NOT IN
           (SELECT anonymous_id FROM events WHERE user_id IS NOT NULL AND anonymous_id IS NOT NULL)""",
    )
    assert anon_only > CUSTOMERS / 2
    devices = con.execute(
        """SELECT max(n), avg(n) FROM (SELECT user_id, count(DISTINCT anonymous_id) n FROM events
           WHERE user_id IS NOT NULL AND anonymous_id IS NOT NULL GROUP BY 1)"""
    ).fetchone()
    assert devices[0] >= 3 and devices[1] < 2.5
    # heavy-tailed activity: the top 10% of users have far more events than the median user
    p50, p90 = con.execute(
        "SELECT quantile_cont(n, 0.5), quantile_cont(n, 0.9) FROM (SELECT user_id, count(*) n FROM events WHERE user_id IS NOT NULL GROUP BY 1)"
    ).fetchone()
    assert p90 > 3 * p50
    # a funnel with drop-off
    funnel = dict(con.execute("SELECT event, count(*) FROM events GROUP BY 1").fetchall())
    assert (
        funnel["Page Viewed"] > funnel["Product Viewed"] > funnel["Product Added"] > funnel["Checkout Started"]
        > funnel["Order Completed"]
    )  # fmt: skip
    # local daytime/evening activity dominates
    night = one(
        con,
        """SELECT avg((hour(timezone(c.timezone, timezone('UTC', e."timestamp"))) BETWEEN 1 AND 5)::INT)
           FROM events e JOIN customers c ON c.customer_id = e.user_id WHERE c.timezone IS NOT NULL""",
    )
    assert night < 0.1


def test_customers_exist_before_their_activity(con):
    created = "(SELECT customer_id, min(created_at) AS created_at FROM customers GROUP BY 1)"
    assert (
        one(
            con,
            f"""SELECT count(*) FROM events e JOIN {created} c ON c.customer_id = e.user_id
            WHERE e."timestamp" < c.created_at""",
        )
        == 0
    )
    assert (
        one(
            con,
            f"SELECT count(*) FROM orders o JOIN {created} c USING (customer_id) WHERE o.created_at < c.created_at",
        )
        == 0
    )
    assert (
        one(
            con,
            "SELECT count(*) FROM customers WHERE updated_at < created_at OR deleted_at < created_at",
        )
        == 0
    )


def test_email_funnel_and_surveys(con):
    f = dict(con.execute("SELECT event_type, count(*) FROM email_events GROUP BY 1").fetchall())
    assert f["sent"] > f["delivered"] > f["opened"] > f["clicked"] > 0
    assert f.get("bounced", 0) + f.get("unsubscribed", 0) + f.get("complained", 0) < f["clicked"]
    assert {
        r[0] for r in con.execute("SELECT DISTINCT survey_type FROM survey_responses").fetchall()
    } == {"nps", "csat"}
    assert one(con, "SELECT count(*) FROM survey_responses WHERE primary_benefit IS NULL") > 0
    assert one(con, "SELECT count(*) FROM survey_responses WHERE comment IS NOT NULL") > 0


# ------------------------------------------------------------------ dirt


def test_dirt_is_present(con):
    n_events = one(con, "SELECT count(*) FROM events")
    dup = one(con, "SELECT count(*) - count(DISTINCT message_id) FROM events")
    assert 0.005 * n_events < dup < 0.02 * n_events
    assert (
        one(
            con,
            "SELECT count(*) FROM (SELECT message_id FROM events GROUP BY 1 HAVING count(DISTINCT received_at) > 1)",
        )
        > 0
    )
    assert (
        one(
            con,
            "SELECT count(*) FROM (SELECT message_id FROM events GROUP BY ALL HAVING count(*) > 1)",
        )
        > 0
    )
    assert one(con, "SELECT count(*) FROM events WHERE NOT json_valid(properties)") > 0
    assert (
        one(con, 'SELECT count(*) FROM events WHERE "timestamp" > received_at + INTERVAL 1 HOUR')
        > 0
    )
    late = one(con, 'SELECT avg((received_at > "timestamp" + INTERVAL 1 DAY)::INT) FROM events')
    assert 0.01 < late < 0.03
    assert (
        one(con, "SELECT count(*) FROM events WHERE anonymous_id IS NULL AND user_id IS NULL") > 0
    )
    assert (
        one(
            con,
            "SELECT count(*) FROM events WHERE event IN ('Wishlist Opened', 'Video Played', 'Newsletter Popup Closed', 'Store Locator Opened')",
        )
        > 0
    )
    # CRM: several versions, erased customers, dirty country
    assert (
        one(
            con,
            "SELECT count(*) FROM (SELECT customer_id FROM customers GROUP BY 1 HAVING count(*) > 1)",
        )
        > 0
    )
    assert (
        one(con, "SELECT count(DISTINCT customer_id) FROM customers WHERE deleted_at IS NOT NULL")
        >= 3
    )
    assert (
        one(con, "SELECT count(*) FROM customers WHERE country = '' OR country <> upper(country)")
        > 0
    )
    assert one(con, "SELECT count(*) FROM customers WHERE timezone IS NULL") > 0
    # erased customers still have events and orders
    erased = "(SELECT customer_id FROM customers WHERE deleted_at IS NOT NULL)"
    assert (
        one(con, f"SELECT count(*) FROM events WHERE user_id IN {erased}")
        + one(con, f"SELECT count(*) FROM orders WHERE customer_id IN {erased}")
        > 0
    )
    # commerce: guest orders, orphan lines, negative quantities / totals
    guests = one(
        con,
        "SELECT count(DISTINCT order_id) FROM orders WHERE customer_id NOT IN (SELECT customer_id FROM customers)",
    )
    assert 0.01 * one(con, "SELECT count(DISTINCT order_id) FROM orders") < guests
    assert (
        one(
            con,
            "SELECT count(*) FROM order_lines WHERE order_id NOT IN (SELECT order_id FROM orders)",
        )
        >= 2
    )
    assert one(con, "SELECT count(*) FROM order_lines WHERE quantity < 0") >= 2
    # surveys out of range
    assert (
        one(
            con,
            "SELECT count(*) FROM survey_responses WHERE (survey_type = 'nps' AND score NOT BETWEEN 0 AND 10) OR (survey_type = 'csat' AND score NOT BETWEEN 1 AND 5)",
        )
        >= 2
    )


# ------------------------------------------------------------------ chunked generation (large sizes)


def _table_digests(root: Path) -> dict[str, list[str]]:
    """{table: sorted file digests}: the content regardless of how the files are named."""
    out: dict[str, list[str]] = {}
    for p in sorted(root.rglob("*.parquet")):
        out.setdefault(p.parent.name, []).append(hashlib.sha256(p.read_bytes()).hexdigest())
    return out


def test_one_chunk_gives_identical_bytes(runs, tmp_path):
    out = tmp_path / "raw"
    counts = demo_data.generate(CUSTOMERS, DAYS, SEED, out, end_date=END, chunk_customers=CUSTOMERS)
    assert counts == runs["a"][1]
    assert {p.name for p in (out / "events").iterdir()} == {"part-00000.parquet"}
    assert _table_digests(out) == _table_digests(runs["a"][0])
    for name in ("ground_truth.csv", "ground_truth.json"):
        assert (out / name).read_bytes() == (runs["a"][0] / name).read_bytes()


@pytest.fixture(scope="module")
def chunked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """Chunks of 120 customers (120, 120, 60) chosen automatically above a (lowered) threshold, with the
    events of a chunk split into files of 60 customers."""
    out = tmp_path_factory.mktemp("chunked") / "raw"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(demo_data, "CHUNK_THRESHOLD", CUSTOMERS - 1)
        mp.setattr(demo_data, "DEFAULT_CHUNK_CUSTOMERS", 120)
        mp.setattr(demo_data, "EVENTS_FILE_CUSTOMERS", 60)
        counts = demo_data.generate(CUSTOMERS, DAYS, SEED, out, end_date=END)
    return out, counts


def test_chunked_files_and_counts(chunked):
    out, counts = chunked
    files = {t: sorted(p.name for p in (out / t).iterdir()) for t in demo_data.TABLES}
    assert files["events"] == ["part-00000-0.parquet", "part-00000-1.parquet", "part-00001-0.parquet",
                               "part-00001-1.parquet", "part-00002.parquet"]  # fmt: skip
    assert files["products"] == ["part-00000.parquet"]
    for table in set(demo_data.TABLES) - {"events", "products"}:
        assert files[table] == [f"part-{c:05d}.parquet" for c in range(3)], table
    con = duckdb.connect()
    for table, n in counts.items():
        got = con.execute(
            f"SELECT count(*) FROM read_parquet('{(out / table).as_posix()}/*.parquet')"
        )
        assert got.fetchone()[0] == n, table


def test_chunked_rows_match_one_run(runs, chunked):
    """Every person's rows are the same as in one run; only the "at least k" dirt floors (negative quantity,
    orphan lines, erased customers, bad survey scores: picked in the first chunk) can differ."""
    a, b = runs["a"][0], chunked[0]
    con = duckdb.connect()

    def rel(root: Path, table: str) -> str:
        return f"read_parquet('{(root / table).as_posix()}/*.parquet')"

    keys = {
        "customers": "DISTINCT customer_id",
        "events": "message_id",
        "orders": "order_id, status, created_at",
        "order_lines": "order_id, line_number",
        "products": "*",
        "email_events": "*",
        "survey_responses": "response_id, customer_id, submitted_at",
    }
    for table, cols in keys.items():
        for x, y in ((a, b), (b, a)):
            only = one(
                con,
                f"SELECT count(*) FROM (SELECT {cols} FROM {rel(x, table)} "
                f"EXCEPT ALL SELECT {cols} FROM {rel(y, table)})",
            )
            # orphan lines carry an order_id that depends on the picked line
            assert only <= (2 if table == "order_lines" else 0), table
            rows = one(
                con,
                f"SELECT count(*) FROM (SELECT * FROM {rel(x, table)} "
                f"EXCEPT ALL SELECT * FROM {rel(y, table)})",
            )
            assert rows <= 10, table
    # personas planted exactly once, dirt floors kept
    assert verify.evaluate(b).ok
    n_personas = one(
        con, f"SELECT count(*) FROM {rel(b, 'customers')} WHERE customer_id LIKE 'cus_persona_%'"
    )
    assert n_personas == sum(p.count for p in personas.personas(END))
    assert one(con, f"SELECT count(*) FROM {rel(b, 'order_lines')} WHERE quantity < 0") >= 2
    erased = f"SELECT count(DISTINCT customer_id) FROM {rel(b, 'customers')} WHERE deleted_at IS NOT NULL"
    assert one(con, erased) >= 3


def test_shared_devices_exist_on_a_larger_set(tmp_path):
    out = tmp_path / "raw"
    demo_data.generate(1500, 60, 5, out, end_date=END)
    n = (
        duckdb.connect()
        .execute(
            f"""SELECT count(*) FROM (SELECT anonymous_id FROM read_parquet('{(out / "events").as_posix()}/*.parquet')
            WHERE user_id IS NOT NULL AND anonymous_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT user_id) > 1)"""
        )
        .fetchone()[0]
    )
    assert n > 0


# ------------------------------------------------------------------ personas


def test_ground_truth_lists_every_persona_and_existing_customers(raw, con):
    with open(raw / "ground_truth.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"persona", "customer_id", "segment_family", "expected_label"}
    listed = {r["persona"] for r in rows}
    assert listed == {p.name for p in personas.personas(END)}
    ids = {r[0] for r in con.execute("SELECT customer_id FROM customers").fetchall()}
    assert {r["customer_id"] for r in rows} <= ids
    for p in personas.personas(END):
        assert 2 <= p.count <= 3
        for n in range(1, p.count + 1):
            assert f"cus_persona_{p.name}_{n}" in {r["customer_id"] for r in rows}
    families = {(r["segment_family"], r["expected_label"]) for r in rows}
    required = {
        ("rfm_segment", x) for x in ("champions", "hibernating", "cannot_lose", "new", "no_purchases")
    } | {
        ("purchase_segment", x)
        for x in ("first_time_buyer", "one_time_buyer", "repeat_buyer", "lapsed_buyer", "high_value",
                  "bargain_hunter", "window_shopper", "prospect")
    } | {("is_cart_abandoner", "true"), ("preferred_daypart", "evening")} | {
        ("usage_tier", x) for x in ("power", "regular", "casual", "at_risk", "dormant", "never_active")
    } | {("occasion_segment", x) for x in ("holiday_shopper", "year_round", "no_purchases")} | {
        ("benefit_segment", x) for x in ("price", "quality", "convenience", "sustainability")
    } | {("loyalty_tier", x) for x in ("vip", "loyal", "lapsed", "new", "no_purchases")} | {
        ("journey_stage", x) for x in ("awareness", "consideration", "advocacy")
    } | {("aida_stage", x) for x in ("desire", "action")} | {
        ("engagement_level", x) for x in ("highly_engaged", "unreachable", "disengaged")
    } | {("nps_category", x) for x in ("promoter", "detractor", "passive")} | {
        ("recommended_product", "Accessories/mid"), ("first_touch_campaign", personas.CAMPAIGN)
    }  # fmt: skip
    assert required <= families


def test_persona_customers_are_clean(raw, con):
    pc = "(SELECT customer_id FROM customers WHERE customer_id LIKE 'cus_persona_%')"
    # one CRM version, not erased, time zone set, opted in unless planted as unreachable
    rows = con.execute(
        f"""SELECT customer_id, count(*), bool_or(deleted_at IS NOT NULL), bool_or(timezone IS NULL),
                   bool_and(marketing_opt_in)
            FROM customers WHERE customer_id IN {pc} GROUP BY 1"""
    ).fetchall()
    assert len(rows) == sum(p.count for p in personas.personas(END))
    for cid, versions, erased, no_tz, opted_in in rows:
        assert versions == 1 and not erased and not no_tz, cid
        assert opted_in == ("unreachable" not in cid), cid
    # their events: no duplicate, malformed, skewed, late or id-less rows; anonymous ids not shared
    ev = f"(SELECT * FROM events WHERE user_id IN {pc})"
    assert one(con, f"SELECT count(*) FROM {ev}") > 300
    assert one(con, f"SELECT count(*) - count(DISTINCT message_id) FROM {ev}") == 0
    assert one(con, f"SELECT count(*) FROM {ev} WHERE NOT json_valid(properties)") == 0
    assert (
        one(
            con,
            f'SELECT count(*) FROM {ev} WHERE "timestamp" > received_at OR received_at > "timestamp" + INTERVAL 1 MINUTE',
        )
        == 0
    )
    assert (
        one(
            con,
            f"SELECT count(*) FROM {ev} WHERE event NOT IN ('Page Viewed', 'Products Searched', 'Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started', 'Order Completed', 'Review Submitted', 'Trial Started', 'Subscription Started', 'Feature Used')",
        )
        == 0
    )
    assert (
        one(
            con,
            f"""SELECT count(*) FROM events WHERE anonymous_id IN (SELECT anonymous_id FROM {ev})
            AND (user_id IS NULL OR user_id NOT IN {pc})""",
        )
        == 0
    )
    # their orders: completed, with lines, totals consistent
    latest = f"(SELECT * FROM orders WHERE customer_id IN {pc} QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY updated_at DESC) = 1)"
    assert one(con, f"SELECT count(*) FROM {latest} WHERE status <> 'completed' OR total <= 0") == 0
    # their surveys are in range
    assert (
        one(
            con,
            f"SELECT count(*) FROM survey_responses WHERE customer_id IN {pc} AND score NOT BETWEEN 0 AND 10",
        )
        == 0
    )


def test_personas_are_reproduced_by_the_reference_rules(raw):
    res = verify.evaluate(raw)
    assert res.as_of == END
    assert res.checked == sum(
        family not in verify.WAREHOUSE_ONLY_FAMILIES
        for _, _, family, _ in personas.ground_truth_rows(END)
    )
    assert res.mismatches == []
    # rank-based labels keep a safe distance from the quintile boundaries
    m = res.margins
    assert m["share_recency_gt_3"] >= 0.85 and m["share_pdays_lt_36"] >= 0.85
    assert (
        m["share_recency_gt_450"] <= 0.3
        and m["share_recency_gt_490"] < 0.15
        and m["share_pdays_lt_16"] >= 0.7
    )


@pytest.mark.parametrize(("customers", "seed"), [(400, 7), (60, 1)])
def test_personas_unambiguous_across_sizes_and_seeds(tmp_path, customers, seed):
    demo_data.generate(customers, 540, seed, tmp_path, end_date=END)
    res = verify.evaluate(tmp_path)
    assert res.ok, res.mismatches


def test_holiday_persona_dates_follow_the_end_date():
    bf, cm, xmas = personas._holiday_days_ago(date(2026, 6, 30))
    assert date.fromordinal(date(2026, 6, 30).toordinal() - bf) == date(2025, 11, 28)
    assert date.fromordinal(date(2026, 6, 30).toordinal() - cm) == date(2025, 12, 1)
    assert date.fromordinal(date(2026, 6, 30).toordinal() - xmas) == date(2025, 12, 23)
    bf2, _, _ = personas._holiday_days_ago(date(2026, 12, 20))
    assert date.fromordinal(date(2026, 12, 20).toordinal() - bf2) == date(2025, 11, 28)
