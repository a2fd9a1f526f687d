"""Deterministic demo data for the behavioral-segmentation warehouse, generated entirely in DuckDB SQL.

Usage::

    python -m segments_tooling.demo_data --customers 20000 --days 540 --seed 42 --out data/raw [--end-date 2026-06-30]

Writes ``OUT/<table>/part-0.parquet`` for the raw tables ``customers``, ``events``, ``orders``, ``order_lines``,
``products``, ``email_events`` and ``survey_responses`` plus ``OUT/ground_truth.csv`` / ``ground_truth.json`` (the
planted personas, see :mod:`segments_tooling.personas`; checked by :mod:`segments_tooling.verify`). Events are
split into one file per 100,000 customers (``part-0`` .. ``part-<k>``, persons ``pid % k``), each sorted by
received_at.

Large sizes (more than 250,000 customers, or ``--chunk-customers K``) are generated in chunks: chunk c holds the
customers ``c*K <= pid < (c+1)*K`` and the anonymous visitors with the same offset, is run in a fresh DuckDB
connection and writes ``OUT/<table>/part-<c:05d>.parquet`` (events ``part-<c:05d>-<k>`` if a chunk has more than
100,000 customers; products once). ``--memory-limit`` caps DuckDB's buffers further; sorts spill to the temp
directory (``$SEGMENTS_TEMP_DIRECTORY`` if set).
Every draw and id is a function of the person id, so a person's rows do not depend on the chunking (a device
shared with customer pid - 1 also works across chunks), and one chunk covering everyone writes the same bytes as one
run. The personas and the "at least k" dirt floors (negative quantities, orphan lines, erased customers, bad
survey scores) are planted in the first chunk only; the rate-based dirt is per row, so the same in every chunk.

Randomness: every draw is ``hash(xor(hash(seed, entity_id), draw_no))`` (see :mod:`.sql`), so the output is a
pure function of (customers, days, seed, end date). Every COPY is ORDER BY a total order, so files are
byte-for-byte reproducible.

The model and the dirt, table by table, and the sizes and timings: docs/demo_data.md. The code: one module a
stage, run in this order by ``_statements`` (each takes the run's :class:`.params.RunParams` and returns its SQL):
:mod:`.sql` (draw macros), :mod:`.lookups`, :mod:`.products`, :mod:`.population` (persons, devices, sessions),
:mod:`.orders`, :mod:`.customers`, :mod:`.planted_personas`, :mod:`.events`, :mod:`.orders` (raw orders and
lines), :mod:`.email_events`, :mod:`.survey_responses`, :mod:`.customers` (persona customers); :mod:`.dirt`
picks the rare dirty rows, :mod:`.constants` holds the vocabularies and the schema, :mod:`.writer` runs the SQL
and writes the files.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

from segments_tooling.demo_data import writer
from segments_tooling.demo_data.constants import DEFAULT_END_DATE, SCHEMA, SORT_KEYS, TABLES
from segments_tooling.demo_data.customers import customer_tables, persona_customer_rows
from segments_tooling.demo_data.email_events import email_tables
from segments_tooling.demo_data.events import event_tables
from segments_tooling.demo_data.lookups import exchange_rate_rows, lookup_tables
from segments_tooling.demo_data.orders import order_output_tables, order_tables
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.planted_personas import persona_tables
from segments_tooling.demo_data.population import person_tables, session_tables
from segments_tooling.demo_data.products import product_tables
from segments_tooling.demo_data.sql import Statement, draw_macros
from segments_tooling.demo_data.survey_responses import survey_tables

__all__ = [
    "CHUNK_THRESHOLD",
    "DEFAULT_CHUNK_CUSTOMERS",
    "DEFAULT_END_DATE",
    "EVENTS_FILE_CUSTOMERS",
    "SCHEMA",
    "SORT_KEYS",
    "TABLES",
    "exchange_rate_rows",
    "generate",
    "main",
]

# customers per events file (one COPY sort each)
EVENTS_FILE_CUSTOMERS = 100_000
# above this many customers the persons are generated in chunks (see generate)
CHUNK_THRESHOLD = 250_000
DEFAULT_CHUNK_CUSTOMERS = 100_000

# the stages of a run, in the order their statements execute
STAGES = (
    draw_macros,
    lookup_tables,
    product_tables,
    person_tables,
    session_tables,
    order_tables,
    customer_tables,
    persona_tables,
    event_tables,
    order_output_tables,
    email_tables,
    survey_tables,
    persona_customer_rows,
)


def _statements(run: RunParams) -> list[Statement]:
    """The SQL of one generation run (all persons, or one chunk of them): every stage's, in order."""
    return [statement for stage in STAGES for statement in stage(run)]


def generate(
    customers: int,
    days: int,
    seed: int,
    out: str | os.PathLike,
    end_date: date = DEFAULT_END_DATE,
    threads: int | None = None,
    verbose: bool = False,
    chunk_customers: int | None = None,
    memory_limit: str | None = None,
) -> dict[str, int]:
    """Generate the raw tables into ``out``; returns {table: row count}.

    Up to ``CHUNK_THRESHOLD`` customers everything is one run (the files of earlier versions, byte for byte).
    Above it, or when ``chunk_customers`` is given, the persons are generated in chunks of ``chunk_customers``
    (default ``DEFAULT_CHUNK_CUSTOMERS``) customers plus as many anonymous visitors, each chunk in a fresh DuckDB
    connection writing its own files ``<table>/part-<chunk:05d>.parquet``: memory does not grow with the size.
    ``memory_limit`` (e.g. ``'6GB'``) caps DuckDB's buffer memory; sorts beyond it spill to the temp directory.
    """
    if customers < 1 or days < 28:
        raise ValueError("need customers >= 1 and days >= 28")
    if chunk_customers is not None and chunk_customers < 1:
        raise ValueError("need chunk_customers >= 1")
    if isinstance(end_date, str):
        end_date = date.fromisoformat(end_date)
    if chunk_customers is None and customers > CHUNK_THRESHOLD:
        chunk_customers = DEFAULT_CHUNK_CUSTOMERS
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    run = RunParams(customers, days, seed, end_date)
    counts = dict.fromkeys(TABLES, 0)
    with writer.temporary_directory() as temp_directory:
        engine = writer.Engine(temp_directory, threads, memory_limit, verbose)
        writer.clear_outputs(out)
        for chunk in writer.plan_chunks(run, chunk_customers, EVENTS_FILE_CUSTOMERS):
            started = time.perf_counter()
            writer.write_chunk(chunk, _statements(chunk.run), out, engine, counts)
            if verbose and chunk.run.person_range is not None:
                first, stop = chunk.run.person_range
                seconds = time.perf_counter() - started
                print(
                    f"  {chunk.label}customers {first}..{stop - 1}: {seconds:.1f}s", file=sys.stderr
                )
    writer.write_ground_truth(out, run)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m segments_tooling.demo_data", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--customers", type=int, default=20000)
    ap.add_argument("--days", type=int, default=540)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--end-date", type=date.fromisoformat, default=DEFAULT_END_DATE)
    ap.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    ap.add_argument("--verbose", action="store_true", help="print per-step timings to stderr")
    ap.add_argument(
        "--chunk-customers",
        type=int,
        default=None,
        help=f"generate in chunks of this many customers, one file per table and chunk (default: "
        f"{DEFAULT_CHUNK_CUSTOMERS:,} above {CHUNK_THRESHOLD:,} customers, else one run)",
    )
    ap.add_argument(
        "--memory-limit", default=None, help="DuckDB memory_limit, e.g. 6GB (default: DuckDB's)"
    )
    args = ap.parse_args(argv)
    started = time.perf_counter()
    counts = generate(
        args.customers,
        args.days,
        args.seed,
        args.out,
        args.end_date,
        args.threads,
        args.verbose,
        args.chunk_customers,
        args.memory_limit,
    )
    seconds = time.perf_counter() - started
    summary = " ".join(f"{table}={n}" for table, n in counts.items())
    print(f"demo_data: {summary} seconds={seconds:.1f} out={args.out}")
    return 0
