"""Splitting a landing zone into increments (segments_tooling.equivalence): fast, no dbt."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

from segments_tooling import equivalence

T0 = datetime(2026, 1, 1, 12, 0, 0)
BOUNDARIES = [T0 + timedelta(days=10), T0 + timedelta(days=20), T0 + timedelta(days=30)]


def test_increment_of_boundaries_belong_to_the_earlier_increment():
    assert equivalence.increment_of(None, BOUNDARIES) == 1
    assert equivalence.increment_of(T0, BOUNDARIES) == 1
    assert equivalence.increment_of(BOUNDARIES[0], BOUNDARIES) == 1
    assert equivalence.increment_of(BOUNDARIES[0] + timedelta(microseconds=1), BOUNDARIES) == 2
    assert equivalence.increment_of(BOUNDARIES[2], BOUNDARIES) == 3
    assert equivalence.increment_of(BOUNDARIES[2] + timedelta(seconds=1), BOUNDARIES) == 4


def test_increment_sql_agrees_with_increment_of():
    values = [None, T0, *BOUNDARIES, *(b + timedelta(microseconds=1) for b in BOUNDARIES)]
    con = duckdb.connect()
    for value in values:
        literal = "null" if value is None else f"timestamp '{value.isoformat(sep=' ')}'"
        sql = equivalence.increment_sql(f"cast({literal} as timestamp)", BOUNDARIES)
        assert con.execute(f"select {sql}").fetchall()[0][0] == equivalence.increment_of(
            value, BOUNDARIES
        ), value


@pytest.mark.parametrize("text", ["", "0.5,0.4", "0,0.5", "0.5,1", "0.5,0.5"])
def test_parse_fractions_rejects_bad_input(text):
    with pytest.raises(ValueError):
        equivalence.parse_fractions(text)


def test_parse_fractions():
    assert equivalence.parse_fractions("0.7, 0.8,0.9") == [0.7, 0.8, 0.9]


def _write(con: duckdb.DuckDBPyConnection, root, table: str, sql: str) -> None:
    (root / table).mkdir(parents=True)
    con.execute(f"copy ({sql}) to '{root / table / 'part-0.parquet'}' (format parquet)")


@pytest.fixture()
def landing_zone(tmp_path):
    """40 days of events (one device a day, two events 10 minutes apart), orders with versions, lines,
    products, customers with versions, email events and surveys."""
    root = tmp_path / "raw"
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    _write(
        con,
        root,
        "events",
        f"""
        select
            'm' || day || '_' || step as message_id,
            'd' || (day % 5) as anonymous_id,
            case when day >= 25 and day % 5 = 1 then 'c1' end as user_id,
            'Page Viewed' as event,
            timestamp '{T0}' + to_days(day) + to_minutes(10 * step) as "timestamp",
            timestamp '{T0}' + to_days(day) + to_minutes(10 * step) + to_seconds(5) as received_at,
            '/p' as page_path,
            '{{}}' as properties
        from range(40) as days(day), range(2) as steps(step)
        """,
    )
    _write(
        con,
        root,
        "customers",
        f"""
        select 'c' || id as customer_id, 'UTC' as timezone,
            cast(null as timestamp) as deleted_at,
            timestamp '{T0}' + to_days(version * 3) as updated_at
        from range(3) as ids(id), range(3) as versions(version)
        """,
    )
    _write(
        con,
        root,
        "orders",
        f"""
        select 'o' || id as order_id, 'c1' as customer_id,
            case when version = 0 then 'pending' else 'completed' end as status,
            timestamp '{T0}' + to_days(id * 4 + version * 12) as updated_at
        from range(8) as ids(id), range(2) as versions(version)
        """,
    )
    _write(
        con,
        root,
        "order_lines",
        "select 'o' || id as order_id, 1 as line_number, 'p' || (id % 3) as product_id from range(9) as ids(id)",
    )
    _write(con, root, "products", "select 'p' || id as product_id from range(4) as ids(id)")
    _write(
        con,
        root,
        "email_events",
        f"select 'e' || id as email_event_id, timestamp '{T0}' + to_days(id) as occurred_at "
        "from range(40) as ids(id)",
    )
    _write(
        con,
        root,
        "survey_responses",
        f"select 'r' || id as response_id, timestamp '{T0}' + to_days(id * 4) as submitted_at "
        "from range(10) as ids(id)",
    )
    con.close()
    return root


def _read(path) -> list[tuple]:
    return duckdb.connect().execute(f"select * from read_parquet('{path}')").fetchall()


def test_split_keeps_every_row_once_without_hand_made_rows(landing_zone, tmp_path):
    out = tmp_path / "increments"
    plan = equivalence.split_landing_zone(landing_zone, out, [0.5, 0.75], hand_made=False)
    assert plan.increments == 3
    con = duckdb.connect()
    for table in equivalence.RAW_TABLES:
        source = f"read_parquet('{landing_zone / table / '*.parquet'}')"
        parts = f"read_parquet('{out}/*/{table}.parquet')"
        only_source = f"select count(*) from (from {source} except all from {parts})"
        only_parts = f"select count(*) from (from {parts} except all from {source})"
        assert con.execute(only_source).fetchall()[0][0] == 0, table
        assert con.execute(only_parts).fetchall()[0][0] == 0, table
        total = con.execute(f"select count(*) from {source}").fetchall()[0][0]
        assert sum(plan.rows[table]) == total, table


def test_split_by_clock_and_followers_come_with_their_order(landing_zone, tmp_path):
    out = tmp_path / "increments"
    plan = equivalence.split_landing_zone(landing_zone, out, [0.5, 0.75], hand_made=False)
    con = duckdb.connect()
    for increment in range(1, plan.increments + 1):
        low = plan.boundaries[increment - 2] if increment > 1 else datetime.min
        high = plan.boundaries[increment - 1] if increment <= len(plan.boundaries) else datetime.max
        for table, clock in equivalence.TABLE_CLOCKS.items():
            path = out / str(increment) / f"{table}.parquet"
            if not path.exists():
                continue
            bounds = con.execute(f"select min({clock}), max({clock}) from '{path}'").fetchall()[0]
            assert low < bounds[0] and bounds[1] <= high, (table, increment)
    # an order line is in the increment of its order's first version; products with their first line
    lines = con.execute(
        f"""
        select lines.order_id, lines.increment, min(orders.increment)
        from (select order_id, cast(split_part(filename, '/', -2) as int) as increment
              from read_parquet('{out}/*/order_lines.parquet', filename = true)) as lines
        left join (select order_id, cast(split_part(filename, '/', -2) as int) as increment
                   from read_parquet('{out}/*/orders.parquet', filename = true)) as orders
            on lines.order_id = orders.order_id
        group by all
        """
    ).fetchall()
    for order_id, increment, order_increment in lines:
        assert increment == (order_increment or 1), order_id
    products = dict(
        con.execute(
            f"""select product_id, cast(split_part(filename, '/', -2) as int)
                from read_parquet('{out}/*/products.parquet', filename = true)"""
        ).fetchall()
    )
    assert products["p3"] == 1  # never ordered: first increment


def test_hand_made_rows_and_scenarios(landing_zone, tmp_path):
    out = tmp_path / "increments"
    plan = equivalence.split_landing_zone(landing_zone, out, [0.5, 0.75], hand_made=True)
    assert plan.hand_made == {"duplicate_copies": 3, "late_landing_copy": 1, "time_zone_change": 1}
    copies = _read(out / "2" / "events.parquet")
    # the copies keep their message_id and client timestamp but are received inside increment 2
    first_increment_ids = {row[0] for row in _read(out / "1" / "events.parquet")}
    copied = [row for row in copies if row[0] in first_increment_ids]
    assert len(copied) == 3
    assert all(plan.boundaries[0] < row[5] <= plan.boundaries[1] for row in copied)
    late = [
        row for row in _read(out / "3" / "events.parquet") if row[6] == "/equivalence/late-copy"
    ]
    assert len(late) == 1 and late[0][5] <= plan.boundaries[1]
    scenarios = plan.scenarios
    assert scenarios["duplicates_across_increments"] == 4
    assert scenarios["copies_landing_after_their_increment"] == 1
    assert scenarios["devices_identified_later"] == 1  # d1 identifies as c1 on day 26
    assert scenarios["orders_status_changed_later"] > 0
    assert scenarios["time_zone_changes_later"] == 1
    assert scenarios["erasures_arriving_later"] == 0


def test_land_increment_adds_one_file_per_table(landing_zone, tmp_path):
    out, landing = tmp_path / "increments", tmp_path / "landing"
    plan = equivalence.split_landing_zone(landing_zone, out, [0.5], hand_made=False)
    equivalence.land_increment(out, landing, 1)
    equivalence.land_increment(out, landing, 2)
    assert sorted(p.name for p in (landing / "events").iterdir()) == [
        "increment-1.parquet",
        "increment-2.parquet",
    ]
    assert plan.increments == 2
