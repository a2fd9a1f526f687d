"""Landing-zone defects: what users land (partition folders, files that are not data), schema drift per file, and
operations on the landing zone (a moved root, a file replaced in place, a file deleted by retention).

Each defect copies real rows of the clean zone (zone.base_rows) and re-keys them, so a wrong reading would change
labels: the reference zone holds what the warehouse should read instead (the same rows under the contract's names
and types), or nothing when the rows must be quarantined.
"""

from __future__ import annotations

import shutil
import struct
from datetime import timedelta
from pathlib import Path

import duckdb

from segments_tooling.defects import Defect, Scenario, zone
from segments_tooling.equivalence import WITHOUT_TESTS

# Copied events are shifted this many days back, onto days their customers may not have been active: a copy read
# without its customer (a lost user_id) would then change usage labels.
SHIFT_DAYS = 2
# Copied events: identified events of the last weeks of the clean zone (the usage window).
RECENT_EVENTS = (
    "user_id is not null and received_at >= (select max(received_at) - interval 28 days from rows)"
)


def _copy_parquet(source: Path, target: Path, where: str = "true") -> int:
    """Write the rows of the Parquet file `source` matching `where` (which may read `file_row_number`, and
    `{src}` for the file) to `target` with the same types; returns the number of rows written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        reader = f"read_parquet({zone.sql_path(source)}, file_row_number = true)"
        relation = (
            f"select * exclude (file_row_number) from {reader} "
            f"where {where.format(src=zone.sql_path(source))} order by file_row_number"
        )
        con.execute(f"copy ({relation}) to {zone.sql_path(target)} (format parquet)")
        return con.execute(
            f"select count(*) from read_parquet({zone.sql_path(target)})"
        ).fetchone()[0]
    finally:
        con.close()


def _move_rows(root: Path, table: str, target: str, where: str) -> None:
    """Move the rows of <table>/part-0.parquet matching `where` into <table>/<target> (a sub-folder path)."""
    source = root / table / "part-0.parquet"
    kept = root / table / ".part-0.rewrite"
    _copy_parquet(source, root / table / target, where)
    _copy_parquet(source, kept, f"not coalesce(({where}), false)")
    kept.replace(source)


def _recent_events(root: Path, limit: int) -> list[dict]:
    return zone.base_rows(root, "events", RECENT_EVENTS, "message_id", limit)


def _rekeyed_events(root: Path, prefix: str, limit: int = 40) -> list[dict]:
    """Copies of recent identified events with new message_ids, shifted SHIFT_DAYS back."""
    rows = []
    for number, row in enumerate(_recent_events(root, limit)):
        rows.append(
            {
                **row,
                "message_id": f"{prefix}-{number:04d}",
                "timestamp": row["timestamp"] - timedelta(days=SHIFT_DAYS),
                "received_at": row["received_at"] - timedelta(days=SHIFT_DAYS),
            }
        )
    return rows


def _renamed(rows: list[dict], names: dict[str, str], drop: tuple[str, ...] = ()) -> list[dict]:
    return [
        {names.get(column, column): value for column, value in row.items() if column not in drop}
        for row in rows
    ]


def _contract_file(root: Path, table: str, name: str, rows: list[dict]) -> None:
    zone.write_rows(root / table / f"defect-{name}.parquet", rows, zone.contract_types(table))


def _statuses(con: duckdb.DuckDBPyConnection, where: str) -> list[tuple]:
    return con.execute(
        f"select file_path, status, reason, schema_notes from raw.landing_files where {where} order by 1"
    ).fetchall()


def _expect_status(path_like: str, status: str, reason_like: str = "%") -> callable:
    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        rows = _statuses(con, f"file_path like '{path_like}'")
        if not rows:
            return [f"raw.landing_files lists no file like {path_like}"]
        return [
            f"raw.landing_files: {path} is {found} ({reason}), expected {status} ({reason_like})"
            for path, found, reason, _ in rows
            if found != status
            or not con.execute("select ? like ?", [reason or "", reason_like]).fetchone()[0]
        ]

    return check


def _checks(*checks) -> callable:
    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        return [message for one in checks for message in one(con)]

    return check


def _count_is(label: str, sql: str, expected: int) -> callable:
    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        found = con.execute(sql).fetchone()[0]
        return [] if found == expected else [f"{label}: expected {expected}, found {found}"]

    return check


# --- layout: partition folders and files that are not data ----------------------------------------------------


def _plant_hive_partition_events(root: Path) -> None:
    # the newest half of the events, under a hive partition folder (the folder name is not a column)
    median = "(select median(received_at) from {src})"
    _move_rows(root, "events", "dt=2026-05/part-0.parquet", f"received_at >= {median}")


def _plant_nested_partition_orders(root: Path) -> None:
    _move_rows(root, "orders", "year=2026/month=06/part-0.parquet", "updated_at >= '2026-06-01'")


def _apple_double() -> bytes:
    # an AppleDouble header (macOS resource fork), as Finder copies leave next to every file
    return struct.pack(">IIH", 0x00051607, 0x00020000, 0) + b"Mac OS X        " + b"\x00" * 64


def _plant_junk_files(root: Path) -> None:
    (root / "events" / "._part-0.parquet").write_bytes(_apple_double())
    (root / "events" / ".part-0.parquet.crc").write_bytes(b"crc\x00\x01\x02\x03")
    (root / "events" / "README.txt").write_text("exported by the tracker, one file per day\n")
    (root / "orders" / "_SUCCESS").write_bytes(b"")
    # a Spark job's temporary output: real rows that must not be read until the job commits them
    zone.write_rows(
        root / "events" / "_temporary" / "0" / "part-00000.parquet",
        _rekeyed_events(root, "defect-temporary"),
        zone.contract_types("events"),
    )


def zero_column_parquet() -> bytes:
    """A Parquet file whose schema has no column (what pyarrow writes for an empty table), encoded by hand:
    FileMetaData{version 1, schema [root, 0 children], num_rows 0, row_groups []} in thrift compact."""

    def field(delta: int, kind: int) -> bytes:
        return bytes([(delta << 4) | kind])

    root_element = field(4, 8) + bytes([6]) + b"schema" + field(1, 5) + bytes([0]) + b"\x00"
    metadata = (
        field(1, 5) + bytes([2])  # version = 1 (zigzag)
        + field(1, 9) + bytes([(1 << 4) | 12]) + root_element  # schema: one struct element
        + field(1, 6) + bytes([0])  # num_rows = 0
        + field(1, 9) + bytes([12])  # row_groups: empty list
        + b"\x00"
    )  # fmt: skip
    return b"PAR1" + metadata + struct.pack("<I", len(metadata)) + b"PAR1"


def _plant_zero_column_file(root: Path) -> None:
    (root / "customers" / "defect-zero_column_file.parquet").write_bytes(zero_column_parquet())


# --- schema drift per file ----------------------------------------------------------------------------------------

CAMEL_CASE = {
    "message_id": "messageId",
    "anonymous_id": "anonymousId",
    "user_id": "userId",
    "event": "eventName",
    "timestamp": "Timestamp",
    "received_at": "receivedAt",
    "device_type": "deviceType",
}
CAMEL_CASE_DROPPED = ("page_path", "utm_source", "utm_medium", "utm_campaign")


def _camel_case_rows(root: Path) -> list[dict]:
    rows = _rekeyed_events(root, "defect-camel")
    # copies on devices of their own: only userId ties them to their customer
    return [{**row, "anonymous_id": f"defect-camel-device-{row['user_id']}"} for row in rows]


def _plant_camel_case_events(root: Path) -> None:
    types = {CAMEL_CASE.get(c, c): t for c, t in zone.contract_types("events").items()}
    for column in CAMEL_CASE_DROPPED:
        types.pop(column)
    rows = _renamed(_camel_case_rows(root), CAMEL_CASE, CAMEL_CASE_DROPPED)
    zone.write_rows(root / "events" / "defect-camel_case_events.parquet", rows, types)


def _reference_camel_case_events(root: Path) -> None:
    rows = [
        {**row, **{column: None for column in CAMEL_CASE_DROPPED}} for row in _camel_case_rows(root)
    ]
    _contract_file(root, "events", "camel_case_events", rows)


def _plant_missing_user_id(root: Path) -> None:
    # `uid` is no known name of user_id: the file lacks a required column. The copies keep their real devices,
    # so nulling user_id would still credit them to the customers through stitching.
    types = {("uid" if c == "user_id" else c): t for c, t in zone.contract_types("events").items()}
    rows = _renamed(_rekeyed_events(root, "defect-uid"), {"user_id": "uid"})
    zone.write_rows(root / "events" / "defect-missing_user_id.parquet", rows, types)


def _plant_epoch_timestamp_events(root: Path) -> None:
    types = {**zone.contract_types("events"), "timestamp": "BIGINT"}
    rows = [
        {**row, "timestamp": int(row["timestamp"].timestamp())}
        for row in _rekeyed_events(root, "defect-epoch")
    ]
    zone.write_rows(root / "events" / "defect-epoch_timestamp_events.parquet", rows, types)


NUMERIC_CUSTOMERS = {"integer_id_orders": 900001, "double_id_orders": 900002}


def _numeric_customer(root: Path, defect: str) -> list[dict]:
    row = zone.base_rows(root, "customers", "deleted_at is null", "customer_id, updated_at", 1)[0]
    number = NUMERIC_CUSTOMERS[defect]
    return [{**row, "customer_id": str(number), "email": f"numeric{number}@example.org"}]


def _orders_of_numeric_customer(root: Path, defect: str) -> list[dict]:
    """Every version of a few real completed orders, re-keyed to numeric order ids and the numeric customer."""
    two_versions = (
        "order_id in (select order_id from rows group by order_id "
        "having count(*) = 2 and bool_or(status = 'completed') order by order_id limit 4)"
    )
    rows = zone.base_rows(root, "orders", two_versions, "order_id, updated_at")
    base = {"integer_id_orders": 7100000, "double_id_orders": 7200000}[defect]
    order_numbers = {
        order_id: base + n for n, order_id in enumerate(sorted({r["order_id"] for r in rows}))
    }
    return [
        {
            **row,
            "order_id": order_numbers[row["order_id"]],
            "customer_id": NUMERIC_CUSTOMERS[defect],
        }
        for row in rows
    ]


def _plant_integer_id_orders(root: Path, as_text: bool = False) -> None:
    _contract_file(
        root, "customers", "integer_id_orders", _numeric_customer(root, "integer_id_orders")
    )
    types = zone.contract_types("orders")
    rows = _orders_of_numeric_customer(root, "integer_id_orders")
    if as_text:
        rows = [
            {**r, "order_id": str(r["order_id"]), "customer_id": str(r["customer_id"])}
            for r in rows
        ]
    else:
        types = {**types, "order_id": "BIGINT", "customer_id": "BIGINT"}
    zone.write_rows(root / "orders" / "defect-integer_id_orders.parquet", rows, types)


def _plant_double_id_orders(root: Path) -> None:
    _contract_file(
        root, "customers", "double_id_orders", _numeric_customer(root, "double_id_orders")
    )
    rows = [
        {**r, "order_id": str(r["order_id"]), "customer_id": float(r["customer_id"])}
        for r in _orders_of_numeric_customer(root, "double_id_orders")
    ]
    types = {**zone.contract_types("orders"), "customer_id": "DOUBLE"}
    zone.write_rows(root / "orders" / "defect-double_id_orders.parquet", rows, types)


def _reference_double_id_orders(root: Path) -> None:
    # the customer is there; the orders are quarantined, so they are not
    _contract_file(
        root, "customers", "double_id_orders", _numeric_customer(root, "double_id_orders")
    )


def _plant_boolean_score_survey(root: Path) -> None:
    rows = zone.base_rows(root, "survey_responses", "survey_type = 'nps'", "response_id", 6)
    rows = [
        {**row, "response_id": f"defect-boolean-{n}", "score": row["score"] >= 9}
        for n, row in enumerate(rows)
    ]
    types = {**zone.contract_types("survey_responses"), "score": "BOOLEAN"}
    zone.write_rows(root / "survey_responses" / "defect-boolean_score_survey.parquet", rows, types)


def _drift_record_names(path: str, column: str) -> callable:
    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        records = con.execute(
            "select raw_record from audit.rejected_rows where rejection_reason = 'schema_drift' "
            "and source_file_name = ?",
            [path],
        ).fetchall()
        if not records:
            return [f"no schema_drift rows from {path}"]
        wrong = [r[0] for r in records if path not in r[0] or column not in r[0]]
        return (
            [f"schema_drift record does not name {path} and {column}: {wrong[0]}"] if wrong else []
        )

    return check


DEFECTS: list[Defect] = [
    Defect(
        name="hive_partition_events",
        defect_class="partition sub-folders",
        outcome="events/dt=2026-05/part-0.parquet is read like any file (the folder value is not a column)",
        plant=_plant_hive_partition_events,
        check=_expect_status("events/dt=2026-05/part-0.parquet", "loaded"),
    ),
    Defect(
        name="nested_partition_orders",
        defect_class="partition sub-folders",
        outcome="orders/year=2026/month=06/part-0.parquet is read, at any depth",
        plant=_plant_nested_partition_orders,
        check=_expect_status("orders/year=2026/month=06/part-0.parquet", "loaded"),
    ),
    Defect(
        name="junk_files",
        defect_class="files that are not data",
        outcome=(
            "._ resource forks, .crc and other hidden files, _SUCCESS, a Spark _temporary folder and a .txt file "
            "are skipped and listed with their reason in raw.landing_files"
        ),
        plant=_plant_junk_files,
        check=_checks(
            _expect_status("events/._part-0.parquet", "skipped", "macOS%"),
            _expect_status("events/.part-0.parquet.crc", "skipped", "hidden%"),
            _expect_status("events/README.txt", "skipped", "not a .parquet%"),
            _expect_status("orders/_SUCCESS", "skipped", "marker%"),
            _expect_status("events/_temporary/0/part-00000.parquet", "skipped", "marker%"),
        ),
    ),
    Defect(
        name="zero_column_file",
        defect_class="files that are not data",
        outcome="a Parquet file with no columns is skipped (DuckDB cannot open it) and listed",
        plant=_plant_zero_column_file,
        check=_expect_status(
            "customers/defect-zero_column_file.parquet", "skipped", "%no columns%"
        ),
    ),
    Defect(
        name="camel_case_events",
        defect_class="schema drift: column names",
        outcome=(
            "messageId, anonymousId, userId, eventName (a declared alias), Timestamp, receivedAt are read as the "
            "contract's columns; the absent optional page_path and utm_* come through as nulls"
        ),
        plant=_plant_camel_case_events,
        reference=_reference_camel_case_events,
        check=_checks(
            _expect_status("events/defect-camel_case_events.parquet", "loaded"),
            _count_is(
                "camelCase copies staged",
                "select count(*) > 0 from staging.stg_tracking__events where event_id like 'defect-camel-%'",
                True,
            ),
            _count_is(
                "camelCase copies staged without their customer",
                "select count(*) from staging.stg_tracking__events "
                "where event_id like 'defect-camel-%' and customer_id is null",
                0,
            ),
        ),
    ),
    Defect(
        name="missing_user_id",
        defect_class="schema drift: a required column missing",
        outcome="an events file without user_id (a `uid` column instead) is quarantined whole as schema_drift",
        plant=_plant_missing_user_id,
        rejected={("tracking.events", "schema_drift"): 40},
        check=_checks(
            _expect_status(
                "events/defect-missing_user_id.parquet", "quarantined", "user_id is missing"
            ),
            _drift_record_names("events/defect-missing_user_id.parquet", "user_id"),
        ),
    ),
    Defect(
        name="epoch_timestamp_events",
        defect_class="schema drift: a type that does not fit",
        outcome="an events file whose timestamp is an integer epoch is quarantined as schema_drift",
        plant=_plant_epoch_timestamp_events,
        rejected={("tracking.events", "schema_drift"): 40},
        check=_drift_record_names("events/defect-epoch_timestamp_events.parquet", "timestamp"),
    ),
    Defect(
        name="integer_id_orders",
        defect_class="schema drift: a type that does not fit",
        outcome="an orders file whose order_id and customer_id are integers is read exactly, the ids as text",
        plant=_plant_integer_id_orders,
        reference=lambda root: _plant_integer_id_orders(root, as_text=True),
        check=_expect_status("orders/defect-integer_id_orders.parquet", "loaded"),
    ),
    Defect(
        name="double_id_orders",
        defect_class="schema drift: a type that does not fit",
        outcome="an orders file whose customer_id is a DOUBLE (900002.0) is quarantined as schema_drift",
        plant=_plant_double_id_orders,
        reference=_reference_double_id_orders,
        rejected={("commerce.orders", "schema_drift"): 8},
        check=_drift_record_names("orders/defect-double_id_orders.parquet", "customer_id"),
    ),
    Defect(
        name="boolean_score_survey",
        defect_class="schema drift: a type that does not fit",
        outcome="a survey file whose score is a boolean is quarantined as schema_drift",
        plant=_plant_boolean_score_survey,
        rejected={("survey.survey_responses", "schema_drift"): 6},
        check=_drift_record_names("survey_responses/defect-boolean_score_survey.parquet", "score"),
    ),
]


# --- operations: scenarios with builds of their own ------------------------------------------------------------

# The data tests run on the builds after an operation; a scenario's first build and the fresh builds its results
# are compared with run without them (the clean zone's build is tested by the corpus builds and make dbt-test).
UNTESTED = ("build", *WITHOUT_TESTS)


def _build(
    dbt, root: Path, db: Path, target: str, work_dir: Path, label: str, args=("build",)
) -> list[str]:
    result = dbt([*args], root, db, target)
    log = work_dir / f"{label}.log"
    log.write_text(result.stdout + result.stderr)
    return [] if result.returncode == 0 else [f"dbt {' '.join(args)} ({label}) failed: see {log}"]


def _query(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _labels_equal(db: Path, expected_db: Path) -> list[str]:
    con = duckdb.connect()
    try:
        con.execute(f"attach {zone.sql_path(db)} as built (read_only)")
        con.execute(f"attach {zone.sql_path(expected_db)} as expected (read_only)")
        failures = []
        for relation in (
            "marts.customer_segments",
            "marts.segment_history",
            "staging.stg_tracking__events",
        ):
            for left, right in (("built", "expected"), ("expected", "built")):
                count = con.execute(
                    f"select count(*) from (select * from {left}.{relation} "
                    f"except all select * from {right}.{relation})"
                ).fetchone()[0]
                if count:
                    failures.append(f"{relation}: {count} rows of {left} are not in {right}")
        return failures
    finally:
        con.close()


def _reconciled(db: Path, root: Path, retained: dict[str, int] | None = None) -> list[str]:
    from segments_tooling.defects.run import rows_on_disk

    retained = retained or {}
    failures = []
    rows = _query(
        db,
        "select source_table, raw_row_count, retained_row_count, staged_row_count + rejected_row_count, "
        "is_reconciled from audit.source_reconciliation",
    )
    on_disk = rows_on_disk(root)
    for table, raw, kept, accounted, reconciled in rows:
        if raw != on_disk[table] or kept != retained.get(table, 0) or not reconciled:
            failures.append(
                f"{table}: {on_disk[table]} rows on disk, {retained.get(table, 0)} retained expected; the "
                f"reconciliation says raw {raw}, retained {kept}, staged + rejected {accounted}"
            )
    return failures


def _split_for_operations(base_root: Path, root: Path, last_days: int = 1) -> None:
    """A copy of the clean zone whose events and orders are split in two files: part-0 (older rows) and part-1
    (the rows received in the last `last_days` days of the data)."""
    shutil.copytree(base_root, root)
    for table, column in (("events", "received_at"), ("orders", "updated_at")):
        latest = f"{column} >= (select max({column}) - interval {last_days} days from {{src}})"
        _move_rows(root, table, "part-1.parquet", latest)


def _run_landing_root_moved(base_root: Path, work_dir: Path, dbt) -> list[str]:
    first = work_dir / "zone-a" / "raw"
    _split_for_operations(base_root, first)
    db = work_dir / "warehouse.duckdb"
    failures = _build(dbt, first, db, "defects-scenario-moved", work_dir, "1-build", UNTESTED)
    if failures:
        return failures
    before = _query(db, "select count(*) from staging.base_tracking__events_parsed")[0][0]
    moved = work_dir / 'zone o\'brien "b"' / "raw"
    moved.parent.mkdir(parents=True)
    first.rename(moved)
    failures += _build(dbt, moved, db, "defects-scenario-moved", work_dir, "2-after-move")
    if failures:
        return failures
    after = _query(db, "select count(*) from staging.base_tracking__events_parsed")[0][0]
    if after != before:
        failures.append(f"the move re-read files: parsed events {before} before, {after} after")
    not_unchanged = _query(
        db, "select file_path, change from raw.landing_files where change != 'unchanged'"
    )
    if not_unchanged:
        failures.append(f"files not unchanged after the move: {not_unchanged}")
    if "the root moved from" not in (work_dir / "2-after-move.log").read_text():
        failures.append("the run log does not say the landing root moved")
    failures += _reconciled(db, moved)
    # a fresh build of the moved zone: the same labels and staged events
    fresh = work_dir / "fresh.duckdb"
    failures += _build(
        dbt, moved, fresh, "defects-scenario-moved-fresh", work_dir, "3-fresh", UNTESTED
    )
    return failures or _labels_equal(db, fresh)


def _run_file_replaced_in_place(base_root: Path, work_dir: Path, dbt) -> list[str]:
    root = work_dir / "zone" / "raw"
    _split_for_operations(base_root, root)
    # part-1 first lands with the first half of its rows; then it is overwritten, same name, with all of them
    complete = work_dir / "part-1-complete"
    complete.mkdir()
    for table in ("events", "orders"):
        shutil.copy(root / table / "part-1.parquet", complete / f"{table}.parquet")
        _copy_parquet(
            complete / f"{table}.parquet",
            root / table / "part-1.parquet",
            "file_row_number % 2 = 0",
        )
    db = work_dir / "warehouse.duckdb"
    failures = _build(dbt, root, db, "defects-scenario-replaced", work_dir, "1-build", UNTESTED)
    if failures:
        return failures
    for table in ("events", "orders"):
        shutil.copy(complete / f"{table}.parquet", root / table / "part-1.parquet")
    failures += _build(dbt, root, db, "defects-scenario-replaced", work_dir, "2-after-replace")
    if failures:
        return failures
    changed = sorted(
        r[0] for r in _query(db, "select file_path from raw.landing_files where change = 'changed'")
    )
    if changed != ["events/part-1.parquet", "orders/part-1.parquet"]:
        failures.append(f"raw.landing_files marks as changed {changed}")
    log = (work_dir / "2-after-replace.log").read_text()
    if "changed in place" not in log or "parsed again" not in log:
        failures.append("the run log does not say the file changed and is parsed again")
    failures += _reconciled(db, root)
    fresh = work_dir / "fresh.duckdb"
    failures += _build(
        dbt, root, fresh, "defects-scenario-replaced-fresh", work_dir, "3-fresh", UNTESTED
    )
    return failures or _labels_equal(db, fresh)


def _run_file_deleted_by_retention(base_root: Path, work_dir: Path, dbt) -> list[str]:
    root = work_dir / "zone" / "raw"
    _split_for_operations(base_root, root, last_days=60)
    db = work_dir / "warehouse.duckdb"
    failures = _build(dbt, root, db, "defects-scenario-retention", work_dir, "1-build", UNTESTED)
    if failures:
        return failures
    # what the warehouse must hold after retention: the events kept (append-only), the orders as on disk
    expected_root = work_dir / "expected" / "raw"
    shutil.copytree(root, expected_root)
    (expected_root / "orders" / "part-0.parquet").unlink()
    retained = {
        "tracking.events": _query(
            db,
            "select count(*) from staging.base_tracking__events_parsed "
            "where source_file_name = 'events/part-0.parquet'",
        )[0][0]
    }
    for table in ("events", "orders"):
        (root / table / "part-0.parquet").unlink()
    failures += _build(dbt, root, db, "defects-scenario-retention", work_dir, "2-after-retention")
    if failures:
        return failures
    deleted = _query(
        db, "select file_path, reason from raw.landing_files where status = 'deleted' order by 1"
    )
    if [d[0] for d in deleted] != ["events/part-0.parquet", "orders/part-0.parquet"]:
        failures.append(f"raw.landing_files lists as deleted {deleted}")
    elif (
        "stay in the warehouse" not in deleted[0][1]
        or "no longer in the warehouse" not in deleted[1][1]
    ):
        failures.append(
            f"the deleted files' reasons do not say what happened to their rows: {deleted}"
        )
    if "files gone since the last run" not in (work_dir / "2-after-retention.log").read_text():
        failures.append("the run log does not say files are gone")
    failures += _reconciled(db, root, retained)
    # a third run, with nothing new: still green, the retained rows still accounted for
    failures += _build(dbt, root, db, "defects-scenario-retention", work_dir, "3-again")
    failures += _reconciled(db, root, retained)
    fresh = work_dir / "expected.duckdb"
    failures += _build(
        dbt,
        expected_root,
        fresh,
        "defects-scenario-retention-fresh",
        work_dir,
        "4-expected",
        UNTESTED,
    )
    return failures or _labels_equal(db, fresh)


SCENARIOS: list[Scenario] = [
    Scenario(
        name="landing_root_moved",
        defect_class="operations: the landing root moved",
        outcome=(
            "moved to a path with quotes, nothing is read again (files are known by their path relative to the "
            "root), the run log says the root moved, labels equal a fresh build"
        ),
        run=_run_landing_root_moved,
    ),
    Scenario(
        name="file_replaced_in_place",
        defect_class="operations: a file replaced in place",
        outcome=(
            "an events and an orders file overwritten with more rows are read again (the events file re-parsed, "
            "its old rows replaced), reported as changed; the warehouse equals a fresh build"
        ),
        run=_run_file_replaced_in_place,
    ),
    Scenario(
        name="file_deleted_by_retention",
        defect_class="operations: a file deleted by retention",
        outcome=(
            "the build stays green; the events of the deleted file stay (append-only, counted as retained in "
            "the reconciliation), the deleted orders file's rows leave the warehouse; the run log says so"
        ),
        run=_run_file_deleted_by_retention,
    ),
]
