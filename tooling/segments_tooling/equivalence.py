"""Incremental equivalence: building a landing zone in increments gives the warehouse a full build gives.

Usage:
    python -m segments_tooling.equivalence --raw-root DIR --work-dir DIR [--fractions 0.7,0.8,0.9,0.995]
        [--project-dir .] [--dbt .venv/bin/dbt] [--dbt-args "--exclude test_type:unit"]
        [--split-only | --reuse-increments]

With --split-only it stops after step 3 (the engine checks land the same increments); --reuse-increments
starts at step 4 with the increments a --split-only run left in <work-dir>/increments.

Steps:
  1. Split the landing zone at RAW_ROOT into increments by server clock. The boundaries are quantiles of the
     events' received_at (`--fractions`, default 0.7, 0.8, 0.9, 0.995: five increments, the first holding most
     of the history, the last only the newest events, so its run restates only the last weeks of history). Each row goes to the increment its clock falls in (TABLE_CLOCKS; a null or unparseable clock
     goes to the first): events by received_at, orders and customers versions by updated_at, email events by
     occurred_at, survey responses by submitted_at. Order lines come with the first version of their order,
     products with the first order line that names them (the rest, and orphan lines, with the first
     increment).
  2. Append hand-made rows (HAND_MADE, documented there) for what the generator's data lacks across the
     boundaries: duplicate message_ids in a later increment, a copy received earlier but landing later (the
     lookback), a customer's time zone changed by a later CRM version.
  3. Check that the increments hold every scenario an incremental build must get right (SCENARIOS: late events,
     duplicates across increments, a device identified only later, an order whose status changes later, a
     session straddling a boundary, an erasure arriving later, a time zone change); a missing one fails.
  4. Land increment k as one more Parquet file per table (<work>/landing/<table>/increment-<k>.parquet, so the
     folder grows like a real landing zone) and run dbt (incremental) into <work>/incremental.duckdb after
     each: seeds, models and snapshot before the last (WITHOUT_TESTS), every data test too after it; then
     `dbt build --full-refresh` on the final landing zone into <work>/full.duckdb (seeds, models, snapshot).
     After each run it prints how far back the segment history was restated (int_history_restate_from); at
     least one later increment must restate only part of it, or the test fails (it would prove nothing).
  5. Compare every table of schemas staging, intermediate, marts and audit of the two warehouses row for row
     (EXCEPT ALL both ways on every column) and report per table. Exit 1 on any difference.

Each dbt run uses its own target and log paths under <work>; nothing is written outside it.
"""

from __future__ import annotations

import argparse
import bisect
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

# Server clock of each raw table split by time; order_lines and products follow their order.
TABLE_CLOCKS: dict[str, str] = {
    "events": "received_at",
    "customers": "updated_at",
    "orders": "updated_at",
    "email_events": "occurred_at",
    "survey_responses": "submitted_at",
}
FOLLOWER_TABLES = ("order_lines", "products")
RAW_TABLES = tuple(TABLE_CLOCKS) + FOLLOWER_TABLES
COMPARED_SCHEMAS = ("staging", "intermediate", "marts", "audit")
# Per-run bookkeeping, different by design: the date this run's history restated from (null after a full
# refresh of unchanged data, the first changed date after an increment). Every table it steers is compared.
NOT_COMPARED = {"intermediate.int_history_restate_from"}
DEFAULT_FRACTIONS = (0.7, 0.8, 0.9, 0.995)
# dbt build arguments of a run without tests (`dbt run` would leave the seeds out).
WITHOUT_TESTS = [
    "--resource-type",
    "seed",
    "--resource-type",
    "model",
    "--resource-type",
    "snapshot",
]
SESSION_TIMEOUT_SECONDS = 30 * 60

# Hand-made rows appended to the increments (all deterministic: candidates are ordered by their keys).
HAND_MADE = {
    "duplicate_copies": (
        "3 clean events of increment 1 copied unchanged into increment 2 with a received_at inside increment 2: "
        "message_ids staged in an earlier run, they must come out `duplicate`, never staged twice."
    ),
    "late_landing_copy": (
        "1 event of increment 2 received within 2 days before boundary 2, copied into increment 3 with "
        "received_at one second earlier and page_path /equivalence/late-copy: it lands later but was received "
        "first, so it must replace the staged copy (which becomes the duplicate); the incremental lookback "
        "must see it."
    ),
    "time_zone_change": (
        "1 customer with events, whose latest CRM version is in increment 1, gets a version in increment 3 "
        "with another time zone: the local times of all its events and sessions must follow."
    ),
}

# Scenario -> SQL counting it on the split tables (split_<table> with column _increment). {n} is the number of
# increments; inc(expression) is the increment a timestamp falls in.
SCENARIOS: dict[str, str] = {
    "late_events": """
        select count(*) from split_events
        where _increment > inc(try_cast("timestamp" as timestamp))
    """,
    "duplicates_across_increments": """
        select count(*) from (
            select message_id from split_events
            where message_id is not null
            group by message_id
            having count(distinct _increment) > 1
        )
    """,
    "copies_landing_after_their_increment": """
        select count(*) from split_events
        where _increment > inc(try_cast(received_at as timestamp))
    """,
    "devices_identified_later": """
        select count(*) from (
            select anonymous_id from split_events
            where anonymous_id is not null
            group by anonymous_id
            having min(case when user_id is not null then _increment end) > min(_increment)
        )
    """,
    "orders_status_changed_later": """
        select count(*) from (
            select order_id from split_orders
            where order_id is not null
            group by order_id
            having count(distinct _increment) > 1 and count(distinct status) > 1
        )
    """,
    "sessions_straddling_a_boundary": f"""
        select count(*) from (
            select
                _increment,
                try_cast("timestamp" as timestamp) as event_at,
                lag(_increment) over device_events as previous_increment,
                lag(try_cast("timestamp" as timestamp)) over device_events as previous_event_at
            from split_events
            where anonymous_id is not null
            window device_events as (partition by anonymous_id order by try_cast("timestamp" as timestamp))
        )
        where
            previous_increment != _increment
            and date_diff('second', previous_event_at, event_at) <= {SESSION_TIMEOUT_SECONDS}
    """,
    "erasures_arriving_later": """
        select count(*) from (
            select customers.customer_id
            from split_customers as customers
            inner join split_events as events
                on customers.customer_id = events.user_id
            where customers.deleted_at is not null and events._increment < customers._increment
            group by customers.customer_id
        )
    """,
    "time_zone_changes_later": """
        select count(*) from (
            select customer_id from split_customers
            where customer_id is not null
            group by customer_id
            having count(distinct _increment) > 1 and count(distinct timezone) > 1
        )
    """,
}


@dataclass
class SplitPlan:
    boundaries: list[datetime]
    rows: dict[str, list[int]] = field(default_factory=dict)  # table -> rows per increment
    hand_made: dict[str, int] = field(default_factory=dict)  # name -> rows appended
    scenarios: dict[str, int] = field(default_factory=dict)

    @property
    def increments(self) -> int:
        return len(self.boundaries) + 1


def increment_of(value: datetime | None, boundaries: list[datetime]) -> int:
    """1-based increment of a timestamp: increment k holds (boundary k-1, boundary k]; None goes to 1."""
    if value is None:
        return 1
    return bisect.bisect_left(boundaries, value) + 1


def increment_sql(expression: str, boundaries: list[datetime]) -> str:
    """SQL CASE giving the same increment as increment_of for a timestamp expression."""
    whens = [f"when {expression} is null then 1"]
    for index, boundary in enumerate(boundaries, start=1):
        whens.append(f"when {expression} <= timestamp '{boundary.isoformat(sep=' ')}' then {index}")
    return f"case {' '.join(whens)} else {len(boundaries) + 1} end"


def parse_fractions(text: str) -> list[float]:
    fractions = [float(part) for part in text.split(",") if part.strip()]
    if (
        not fractions
        or any(not 0 < value < 1 for value in fractions)
        or fractions != sorted(set(fractions))
    ):
        raise ValueError(f"fractions must be increasing values in (0, 1): {text!r}")
    return fractions


def _parquet_glob(raw_root: Path, table: str) -> str | None:
    folder = raw_root / table
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return None
    return str(folder / "*.parquet")


def compute_boundaries(con: duckdb.DuckDBPyConnection, fractions: list[float]) -> list[datetime]:
    """Quantiles of the events' received_at; duplicates collapsed (a tiny zone may yield fewer increments)."""
    quantiles = ", ".join(str(fraction) for fraction in fractions)
    values = con.execute(
        f"select quantile_disc(try_cast(received_at as timestamp), [{quantiles}]) from split_events"
    ).fetchall()[0][0]
    if values is None:
        raise ValueError("the landing zone has no events with a received_at to split on")
    return sorted({value for value in values if value is not None})


def load_split_tables(con: duckdb.DuckDBPyConnection, raw_root: Path) -> None:
    """One table split_<table> per raw table (empty, no columns but _increment, when the source is absent)."""
    for table in RAW_TABLES:
        glob = _parquet_glob(raw_root, table)
        if glob is None:
            con.execute(
                f"create or replace table split_{table} as select 1 as _increment where false"
            )
        else:
            con.execute(
                f"create or replace table split_{table} as "
                f"select *, 1 as _increment from read_parquet('{glob}', union_by_name = true)"
            )


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {row[0] for row in con.execute(f"describe split_{table}").fetchall()}


def assign_increments(con: duckdb.DuckDBPyConnection, boundaries: list[datetime]) -> None:
    for table, clock in TABLE_CLOCKS.items():
        if clock in _columns(con, table):
            expression = increment_sql(f'try_cast("{clock}" as timestamp)', boundaries)
            con.execute(f"update split_{table} set _increment = {expression}")
    if "order_id" in _columns(con, "order_lines") and "order_id" in _columns(con, "orders"):
        con.execute(
            """
            update split_order_lines set _increment = coalesce((
                select min(orders._increment) from split_orders as orders
                where orders.order_id = split_order_lines.order_id
            ), 1)
            """
        )
    if "product_id" in _columns(con, "products") and "product_id" in _columns(con, "order_lines"):
        con.execute(
            """
            update split_products set _increment = coalesce((
                select min(lines._increment) from split_order_lines as lines
                where lines.product_id = split_products.product_id
            ), 1)
            """
        )


def add_hand_made_rows(
    con: duckdb.DuckDBPyConnection, boundaries: list[datetime]
) -> dict[str, int]:
    """Append the HAND_MADE rows; returns rows appended per name (0 when no candidate or too few increments)."""
    added = {name: 0 for name in HAND_MADE}
    if len(boundaries) < 2 or "message_id" not in _columns(con, "events"):
        return added
    first, second = boundaries[0], boundaries[1]
    clean_event = """
        message_id is not null
        and (anonymous_id is not null or user_id is not null)
        and "event" is not null
        and properties = '{}'
        and "timestamp" < received_at
        and message_id in (select message_id from split_events group by message_id having count(*) = 1)
    """

    def append(name: str, table: str, select_sql: str) -> None:
        before = con.execute(f"select count(*) from split_{table}").fetchall()[0][0]
        con.execute(f"insert into split_{table} by name {select_sql}")
        added[name] = con.execute(f"select count(*) from split_{table}").fetchall()[0][0] - before

    append(
        "duplicate_copies",
        "events",
        f"""
        select * exclude (copy_number) replace (
            timestamp '{first.isoformat(sep=" ")}' + to_minutes(copy_number) as received_at,
            2 as _increment
        )
        from (
            select *, row_number() over (order by message_id) as copy_number
            from split_events
            where _increment = 1 and {clean_event}
        )
        where copy_number <= 3
        """,
    )
    append(
        "late_landing_copy",
        "events",
        f"""
        select * replace (
            received_at - to_seconds(1) as received_at,
            '/equivalence/late-copy' as page_path,
            3 as _increment
        )
        from split_events
        where
            _increment = 2
            and received_at > timestamp '{second.isoformat(sep=" ")}' - to_days(2)
            and {clean_event}
        order by message_id
        limit 1
        """,
    )
    if len(boundaries) >= 2 and "timezone" in _columns(con, "customers"):
        append(
            "time_zone_change",
            "customers",
            f"""
            with latest as (
                select *, row_number() over (partition by customer_id order by updated_at desc) as recency
                from split_customers
                where customer_id is not null
            ),
            candidates as (
                select latest.* exclude (recency), count(*) as event_count
                from latest
                inner join split_events as events on latest.customer_id = events.user_id
                where
                    latest.recency = 1
                    and latest._increment = 1
                    and latest.deleted_at is null
                    and latest.timezone is not null
                    and latest.customer_id not in (
                        select customer_id from split_customers where deleted_at is not null
                    )
                group by all
            )
            select * exclude (event_count) replace (
                case when timezone = 'Asia/Tokyo' then 'America/Los_Angeles' else 'Asia/Tokyo' end
                    as timezone,
                timestamp '{second.isoformat(sep=" ")}' + to_hours(1) as updated_at,
                3 as _increment
            )
            from candidates
            order by event_count desc, customer_id
            limit 1
            """,
        )
    return added


def count_scenarios(con: duckdb.DuckDBPyConnection, boundaries: list[datetime]) -> dict[str, int]:
    con.execute(f"create or replace macro inc(ts) as {increment_sql('ts', boundaries)}")
    counts = {}
    for name, sql in SCENARIOS.items():
        try:
            counts[name] = con.execute(sql).fetchall()[0][0]
        except duckdb.Error:  # a source or column absent from this landing zone
            counts[name] = 0
    return counts


def split_landing_zone(
    raw_root: Path,
    out_dir: Path,
    fractions: list[float] | None = None,
    hand_made: bool = True,
    boundaries: list[datetime] | None = None,
) -> SplitPlan:
    """Write increment k of every table to out_dir/<k>/<table>.parquet; return the plan.

    The increments are cut at `boundaries` when given, else at the `fractions` quantiles of received_at.
    """
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    load_split_tables(con, raw_root)
    boundaries = boundaries or compute_boundaries(con, list(fractions or DEFAULT_FRACTIONS))
    assign_increments(con, boundaries)
    plan = SplitPlan(boundaries=boundaries)
    if hand_made:
        plan.hand_made = add_hand_made_rows(con, boundaries)
    plan.scenarios = count_scenarios(con, boundaries)
    for table in RAW_TABLES:
        if _parquet_glob(raw_root, table) is None:
            continue
        plan.rows[table] = []
        for increment in range(1, plan.increments + 1):
            count = con.execute(
                f"select count(*) from split_{table} where _increment = {increment}"
            ).fetchall()[0][0]
            plan.rows[table].append(count)
            if count == 0:
                continue
            target = out_dir / str(increment) / f"{table}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            con.execute(
                f"copy (select * exclude (_increment) from split_{table} where _increment = {increment}) "
                f"to '{target}' (format parquet)"
            )
    con.close()
    return plan


def land_increment(increments_dir: Path, landing_dir: Path, increment: int) -> list[Path]:
    """Copy increment k into the landing zone as one more file per table."""
    landed = []
    for source in sorted((increments_dir / str(increment)).glob("*.parquet")):
        target = landing_dir / source.stem / f"increment-{increment}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        landed.append(target)
    return landed


def run_dbt(
    dbt: str,
    project_dir: Path,
    work_dir: Path,
    name: str,
    database: Path,
    landing_dir: Path,
    extra_args: list[str],
) -> float:
    """One dbt build with its own database, target and log paths; raises on failure."""
    command = [
        dbt,
        "build",
        *extra_args,
        "--target-path",
        str(work_dir / f"target-{name.split('-')[0]}"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    env = dict(
        os.environ,
        DBT_PROFILES_DIR=str(project_dir),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
        DO_NOT_TRACK="1",
        SEGMENTS_RAW_ROOT=str(landing_dir),
        SEGMENTS_DUCKDB_PATH=str(database),
        SEGMENTS_TEMP_DIRECTORY=str(work_dir / "tmp"),
    )
    log_file = work_dir / f"dbt-{name}.log"
    started = time.monotonic()
    with log_file.open("w") as log:
        result = subprocess.run(
            command, check=False, cwd=project_dir, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    seconds = time.monotonic() - started
    lines = log_file.read_text().splitlines()
    summary = next((line for line in reversed(lines) if "Done. PASS=" in line), "(no summary)")
    print(f"  dbt {name}: {seconds:.1f}s {summary.split('Done. ')[-1]}")
    if result.returncode != 0:
        print("\n".join(lines[-40:]))
        raise RuntimeError(f"dbt {name} failed (exit {result.returncode}); log: {log_file}")
    return seconds


@dataclass
class TableComparison:
    relation: str
    full_rows: int
    incremental_rows: int
    only_full: int
    only_incremental: int

    @property
    def equal(self) -> bool:
        return self.only_full == 0 and self.only_incremental == 0


def compare_warehouses(
    incremental_db: Path, full_db: Path
) -> tuple[list[TableComparison], list[str]]:
    """EXCEPT ALL both ways on every column of every table in COMPARED_SCHEMAS; also tables in one only."""
    con = duckdb.connect()
    con.execute(f"attach '{incremental_db}' as incremental_wh (read_only)")
    con.execute(f"attach '{full_db}' as full_wh (read_only)")
    schemas = ", ".join(f"'{schema}'" for schema in COMPARED_SCHEMAS)

    def tables(catalog: str) -> set[str]:
        rows = con.execute(
            f"""
            select table_schema || '.' || table_name
            from information_schema.tables
            where table_catalog = '{catalog}' and table_schema in ({schemas}) and table_type = 'BASE TABLE'
            """
        ).fetchall()
        return {row[0] for row in rows}

    full_tables = tables("full_wh") - NOT_COMPARED
    incremental_tables = tables("incremental_wh") - NOT_COMPARED
    problems = [
        f"only in the full build: {name}" for name in sorted(full_tables - incremental_tables)
    ]
    problems += [
        f"only in the incremental build: {name}"
        for name in sorted(incremental_tables - full_tables)
    ]
    comparisons = []
    for relation in sorted(full_tables & incremental_tables):
        schema, table = relation.split(".")
        columns = [
            row[0]
            for row in con.execute(
                """
                select column_name from information_schema.columns
                where table_catalog = 'full_wh' and table_schema = ? and table_name = ?
                order by ordinal_position
                """,
                [schema, table],
            ).fetchall()
        ]
        column_list = ", ".join(f'"{column}"' for column in columns)
        full_rel, incremental_rel = f"full_wh.{relation}", f"incremental_wh.{relation}"

        def count(sql: str) -> int:
            return con.execute(sql).fetchall()[0][0]

        comparisons.append(
            TableComparison(
                relation=relation,
                full_rows=count(f"select count(*) from {full_rel}"),
                incremental_rows=count(f"select count(*) from {incremental_rel}"),
                only_full=count(
                    f"select count(*) from (select {column_list} from {full_rel} "
                    f"except all select {column_list} from {incremental_rel})"
                ),
                only_incremental=count(
                    f"select count(*) from (select {column_list} from {incremental_rel} "
                    f"except all select {column_list} from {full_rel})"
                ),
            )
        )
    con.close()
    return comparisons, problems


# Checks on the incremental warehouse that the hand-made scenarios came out as intended.
OUTCOME_CHECKS: dict[str, str] = {
    "duplicate copies rejected as duplicate, never staged twice": """
        select count(*) = 3 from staging.base_tracking__events_checked
        where rejection_reason = 'duplicate' and source_file_name like '%increment-2.parquet'
            and event_id in (
                select event_id from staging.base_tracking__events_checked
                where source_file_name like '%increment-1.parquet' and rejection_reason is null
            )
    """,
    "late-landing copy received first replaced the staged copy": """
        select count(*) = 1 from staging.stg_tracking__events where page_path = '/equivalence/late-copy'
    """,
    "identifications re-attributed earlier anonymous events": """
        select count(*) = 0 from intermediate.int_events_stitched as events
        inner join intermediate.int_identities_stitched as identities
            on events.anonymous_id = identities.anonymous_id
        where identities.customer_id is not null and events.person_id != identities.person_id
            and events.customer_id is null
    """,
    "reconciliation exact: raw = staged + rejected": """
        select bool_and(is_reconciled) from audit.source_reconciliation
    """,
}


@dataclass
class Restatement:
    """What one incremental run recomputed of the segment history (int_history_restate_from)."""

    restate_from: object
    reason: str
    restated_dates: int
    all_dates: int

    @property
    def is_partial(self) -> bool:
        return self.restated_dates < self.all_dates

    def describe(self) -> str:
        return (
            f"history restated from {self.restate_from} ({self.reason}): "
            f"{self.restated_dates} of {self.all_dates} as-of dates recomputed"
        )


def history_restatement(db: Path) -> Restatement:
    with duckdb.connect(str(db), read_only=True) as con:
        restate_from, reason, sources = con.execute(
            "select restate_from, restate_reason, changed_fact_sources "
            "from intermediate.int_history_restate_from"
        ).fetchone()
        if sources:
            reason = f"{reason}: {sources}"
        restated, total = con.execute(
            "select count(*) filter (where as_of_date >= ?), count(*) from intermediate.int_as_of_date_spine",
            [restate_from],
        ).fetchone()
    return Restatement(restate_from, reason, restated, total)


def check_outcomes(incremental_db: Path) -> dict[str, bool]:
    con = duckdb.connect(str(incremental_db), read_only=True)
    try:
        return {
            name: bool(con.execute(sql).fetchall()[0][0]) for name, sql in OUTCOME_CHECKS.items()
        }
    finally:
        con.close()


def split(raw_root: Path, increments_dir: Path, fractions: str) -> int | None:
    """Steps 1-3: cut the increments, print the plan; their number, or None when a scenario is missing."""
    plan = split_landing_zone(raw_root, increments_dir, parse_fractions(fractions))
    print(f"equivalence: {plan.increments} increments, boundaries (events received_at):")
    for boundary in plan.boundaries:
        print(f"  {boundary.isoformat(sep=' ')}")
    for table, rows in plan.rows.items():
        print(f"  {table:<17} rows per increment {rows}")
    for name, rows in plan.hand_made.items():
        print(f"  hand-made {name}: {rows} rows")
    print("scenarios across increment boundaries:")
    missing = [name for name, count in plan.scenarios.items() if count == 0]
    for name, count in plan.scenarios.items():
        print(f"  {name:<38} {count}")
    if missing:
        print(f"equivalence: FAILED, scenarios missing from the increments: {', '.join(missing)}")
        return None
    return plan.increments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--raw-root", type=Path, required=True, help="generated landing zone to split"
    )
    parser.add_argument(
        "--work-dir", type=Path, required=True, help="emptied, then holds everything"
    )
    parser.add_argument("--fractions", default=",".join(str(f) for f in DEFAULT_FRACTIONS))
    parser.add_argument("--project-dir", type=Path, default=Path.cwd())
    parser.add_argument("--dbt", default=str(Path(".venv") / "bin" / "dbt"))
    parser.add_argument(
        "--dbt-args",
        default="--exclude test_type:unit",
        help="extra arguments of every dbt build (unit tests do not depend on data)",
    )
    parser.add_argument(
        "--split-only",
        action="store_true",
        help="steps 1-3 only: cut the increments into <work-dir>/increments and stop",
    )
    parser.add_argument(
        "--reuse-increments",
        action="store_true",
        help="skip steps 1-3: land the increments --split-only left in <work-dir>/increments",
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    project_dir = args.project_dir.resolve()
    work_dir = args.work_dir.resolve()
    dbt = args.dbt if os.path.isabs(args.dbt) else str((project_dir / args.dbt).resolve())
    increments_dir, landing_dir = work_dir / "increments", work_dir / "landing"
    incremental_db, full_db = work_dir / "incremental.duckdb", work_dir / "full.duckdb"
    extra_args = shlex.split(args.dbt_args)

    if args.reuse_increments:
        if not increments_dir.is_dir():
            print(
                f"equivalence: FAILED, no increments in {increments_dir} (run --split-only first)"
            )
            return 1
        for path in work_dir.iterdir():
            if path != increments_dir:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        (work_dir / "tmp").mkdir()
        increments = len([path for path in increments_dir.iterdir() if path.name.isdigit()])
        print(f"equivalence: {increments} increments from {increments_dir}")
    else:
        if work_dir.exists():
            shutil.rmtree(work_dir)
        (work_dir / "tmp").mkdir(parents=True)
        increments = split(args.raw_root.resolve(), increments_dir, args.fractions)
        if increments is None:
            return 1
        if args.split_only:
            return 0

    timings = {}
    restatements = []
    for increment in range(1, increments + 1):
        land_increment(increments_dir, landing_dir, increment)
        timings[f"incremental-{increment}"] = run_dbt(
            dbt,
            project_dir,
            work_dir,
            f"incremental-{increment}",
            incremental_db,
            landing_dir,
            # Data tests run after the last increment and on the full build: the earlier states matter
            # through what they leave behind, which the comparison checks.
            extra_args if increment == increments else [*extra_args, *WITHOUT_TESTS],
        )
        restatements.append(history_restatement(incremental_db))
        print(f"    {restatements[-1].describe()}")
    timings["full-refresh"] = run_dbt(
        dbt,
        project_dir,
        work_dir,
        "full-refresh",
        full_db,
        landing_dir,
        # without data tests: the comparison below proves its tables equal to the tested incremental ones
        ["--full-refresh", *extra_args, *WITHOUT_TESTS],
    )

    comparisons, problems = compare_warehouses(incremental_db, full_db)
    print(f"comparison of {len(comparisons)} tables (EXCEPT ALL both ways, every column):")
    for item in comparisons:
        status = "equal" if item.equal else "DIFFERENT"
        print(
            f"  {item.relation:<55} {item.full_rows:>7} rows  {status}"
            + (
                ""
                if item.equal
                else f" (only full: {item.only_full}, only incremental: {item.only_incremental})"
            )
        )
    problems += [f"{item.relation} differs" for item in comparisons if not item.equal]
    # The history must really have been extended, not rebuilt: otherwise equality proves nothing about it.
    if not any(item.is_partial for item in restatements[1:]):
        problems.append("no increment restated only part of the segment history")
    for name, passed in check_outcomes(incremental_db).items():
        print(f"  outcome: {name}: {'ok' if passed else 'FAILED'}")
        if not passed:
            problems.append(f"outcome failed: {name}")
    print(
        f"equivalence: {time.monotonic() - started:.0f}s in all; dbt "
        + ", ".join(f"{name} {seconds:.0f}s" for name, seconds in timings.items())
    )
    if problems:
        print("equivalence: FAILED\n  " + "\n  ".join(problems))
        return 1
    print(f"equivalence: all {len(comparisons)} tables equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
