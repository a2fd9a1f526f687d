"""Running the statements in DuckDB and writing the files: Parquet per raw table, and the ground truth.

Every COPY is ORDER BY a total order, so the files are byte-for-byte reproducible whatever the number of threads.
A run is one chunk (``Chunk``): all persons, or a range of person ids in a fresh connection writing files of its
own; the events of a chunk are split further into ``event_files`` files by person id.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from segments_tooling import personas as persona_recipes
from segments_tooling.demo_data.constants import SCHEMA, SORT_KEYS, TABLES
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement

# the relation each raw table is copied from
OUT_RELATIONS = {
    "customers": "customers_out",
    "events": "events_all",
    "orders": "orders_all",
    "order_lines": "lines_all",
    "products": "products_out",
    "email_events": "email_all",
    "survey_responses": "surveys_all",
}


@dataclass(frozen=True)
class Engine:
    """DuckDB settings of every connection, and whether to print per-step timings to stderr."""

    temp_directory: Path
    threads: int | None = None
    memory_limit: str | None = None
    verbose: bool = False


@dataclass(frozen=True)
class Chunk:
    """One connection's share of the work and the files it writes: ``part-<k>.parquet`` (k < event_files) for
    an unchunked run (``file_stem`` None), else ``<file_stem>.parquet`` or ``<file_stem>-<k>.parquet``."""

    run: RunParams
    event_files: int
    file_stem: str | None = None
    label: str = ""  # prefix of the verbose timings
    writes_products: bool = True  # the catalogue is the same in every chunk: written once


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def plan_chunks(
    run: RunParams, chunk_customers: int | None, events_file_customers: int
) -> list[Chunk]:
    """One chunk for everyone (``chunk_customers`` None), else chunks of ``chunk_customers`` customers (plus
    as many anonymous visitors); events files hold about ``events_file_customers`` customers each."""
    if chunk_customers is None:
        return [Chunk(run, max(1, _ceil_div(run.customers, events_file_customers)))]
    starts = range(0, run.customers, chunk_customers)
    chunks = []
    for index, first in enumerate(starts):
        stop = min(first + chunk_customers, run.customers)
        chunk_run = RunParams(
            run.customers, run.days, run.seed, run.end_date, (first, stop), first_chunk=index == 0
        )
        chunks.append(
            Chunk(
                chunk_run,
                max(1, _ceil_div(stop - first, events_file_customers)),
                file_stem=f"part-{index:05d}",
                label=f"chunk {index + 1}/{len(starts)} ",
                writes_products=index == 0,
            )
        )
    return chunks


@contextmanager
def temporary_directory() -> Iterator[Path]:
    """DuckDB's spill directory: ``$SEGMENTS_TEMP_DIRECTORY`` (kept), else a fresh one (removed after)."""
    from_env = os.environ.get("SEGMENTS_TEMP_DIRECTORY")
    path = Path(from_env) if from_env else Path(tempfile.mkdtemp(prefix="demo_data_"))
    path.mkdir(parents=True, exist_ok=True)
    try:
        yield path
    finally:
        if not from_env:
            shutil.rmtree(path, ignore_errors=True)


def clear_outputs(out: Path) -> None:
    for table in TABLES:
        for old in (out / table).glob("*.parquet"):
            old.unlink()


def connect(engine: Engine) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET VARIABLE n_chunks = 1")
    con.execute("SET VARIABLE chunk = 0")
    con.execute(f"SET temp_directory = '{engine.temp_directory.as_posix()}'")
    if engine.threads:
        con.execute(f"SET threads = {int(engine.threads)}")
    if engine.memory_limit:
        con.execute(f"SET memory_limit = '{engine.memory_limit}'")
    return con


def _log(engine: Engine, message: str) -> None:
    if engine.verbose:
        print(message, file=sys.stderr)


def run_statements(
    con: duckdb.DuckDBPyConnection, statements: list[Statement], engine: Engine, chunk: Chunk
) -> None:
    for name, sql in statements:
        started = time.perf_counter()
        con.execute(sql)
        _log(engine, f"  {chunk.label}{name}: {time.perf_counter() - started:.2f}s")
    check_personas(con, chunk.run.end_date)


def check_personas(con: duckdb.DuckDBPyConnection, end_date: date) -> None:
    """Persona rows must lie inside the snapshot, in UTC and in the persona's local time."""
    cutoff = f"TIMESTAMP '{(end_date + timedelta(days=1)).isoformat()}'"
    bad = con.execute(
        f"""SELECT count(*) FROM p_events_out e JOIN p_cust c ON c.customer_id = e.user_id
            WHERE e.received_at >= {cutoff} OR local_to_utc('UTC', e."timestamp") IS NULL
               OR timezone(c.tz, timezone('UTC', e."timestamp"))::DATE > DATE '{end_date.isoformat()}'"""
    ).fetchone()[0]
    bad += con.execute(
        f"SELECT count(*) FROM p_ord_t WHERE created_at + INTERVAL 10 MINUTE >= {cutoff}"
    ).fetchone()[0]
    if bad:
        raise RuntimeError(f"{bad} persona rows fall after the end date; fix the persona recipes")


def copy_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    out: Path,
    event_files: int = 1,
    file_stem: str | None = None,
) -> int:
    """Write one table as ORDER BY-sorted Parquet (events as ``event_files`` files, one per person chunk);
    returns its row count. File names: see ``Chunk``."""
    columns = ", ".join(
        f'"{column}"::{sql_type} AS "{column}"' for column, sql_type in SCHEMA[table]
    )
    target = out / table
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    n_files = event_files if table == "events" else 1
    for file_no in range(n_files):
        con.execute(f"SET VARIABLE n_chunks = {event_files}")
        con.execute(f"SET VARIABLE chunk = {file_no}")
        if file_stem is None:
            name = f"part-{file_no}"
        else:
            name = file_stem if n_files == 1 else f"{file_stem}-{file_no}"
        path = target / f"{name}.parquet"
        row = con.execute(
            f"COPY (SELECT {columns} FROM {OUT_RELATIONS[table]} ORDER BY {SORT_KEYS[table]}) "
            f"TO '{path.as_posix()}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000)"
        ).fetchone()
        total += int(row[0])
    return total


def write_chunk(
    chunk: Chunk, statements: list[Statement], out: Path, engine: Engine, counts: dict[str, int]
) -> None:
    """Run one chunk's statements in a fresh connection and add its files' row counts to ``counts``."""
    con = connect(engine)
    try:
        run_statements(con, statements, engine, chunk)
        for table in TABLES:
            if table == "products" and not chunk.writes_products:
                continue
            started = time.perf_counter()
            counts[table] += copy_table(con, table, out, chunk.event_files, chunk.file_stem)
            _log(engine, f"  {chunk.label}copy {table}: {time.perf_counter() - started:.2f}s")
    finally:
        con.close()


def write_ground_truth(out: Path, run: RunParams) -> None:
    """``ground_truth.csv`` (persona, customer_id, segment family, expected label) and ``ground_truth.json``."""
    with open(out / "ground_truth.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["persona", "customer_id", "segment_family", "expected_label"])
        writer.writerows(persona_recipes.ground_truth_rows(run.end_date))
    doc = {
        "end_date": run.end_date.isoformat(),
        "seed": run.seed,
        "customers": run.customers,
        "days": run.days,
        "personas": [
            {
                **{key: value for key, value in asdict(persona).items() if key != "notes"},
                "customer_ids": [
                    persona_recipes.customer_id(persona, n) for n in range(1, persona.count + 1)
                ],
            }
            for persona in persona_recipes.personas(run.end_date)
        ],
    }
    (out / "ground_truth.json").write_text(
        json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
