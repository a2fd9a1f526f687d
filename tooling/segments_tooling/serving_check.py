"""Prove that BI tools can read the published file while builds run: an older DuckDB client (1.4) reads the
serving file in a loop, and holds one connection open throughout, while `dbt build` and the publication run twice.

Usage:
    python -m segments_tooling.serving_check --reader-python .venv-duckdb14/bin/python --dbt .venv/bin/dbt \
        --raw-root DIR --warehouse PATH --serving PATH [--target-path target/serving]

Passes when: every build and publication succeeded with the reader attached; every read saw a complete publication
(each table's row count equal to what publication_tables promises); the reader saw at least two publications; the
connection held open from the start still reads its publication whole at the end; the reader's DuckDB is 1.4.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from segments_tooling.equivalence import WITHOUT_TESTS

READER = r"""
import json, sys, time, os, duckdb
serving, stop_file, mode = sys.argv[1], sys.argv[2], sys.argv[3]

def read_whole(con):
    tables = con.execute(
        "select table_schema, table_name, row_count, published_at from main.publication_tables"
    ).fetchall()
    wrong = [
        f"{schema}.{name}" for schema, name, rows, _ in tables
        if con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0] != rows
    ]
    return str(tables[0][3]) if tables else None, len(tables), wrong

print(json.dumps({"version": duckdb.__version__}), flush=True)
if mode == "hold":
    # One connection open from start to end (a dashboard left open): DuckDB caches the database per path and
    # process, so this runs in a process of its own.
    held = duckdb.connect(serving, read_only=True)
    held_publication, _, _ = read_whole(held)
    while not os.path.exists(stop_file):
        time.sleep(0.2)
    publication, tables, wrong = read_whole(held)
    print(json.dumps({"held": publication, "held_at_start": held_publication, "wrong": wrong}), flush=True)
else:
    while not os.path.exists(stop_file):
        try:
            con = duckdb.connect(serving, read_only=True)
            publication, tables, wrong = read_whole(con)
            con.close()
            print(json.dumps({"publication": publication, "tables": tables, "wrong": wrong}), flush=True)
        except Exception as error:
            print(json.dumps({"error": repr(error)}), flush=True)
        time.sleep(0.2)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader-python", required=True)
    parser.add_argument("--dbt", required=True)
    parser.add_argument("--raw-root", required=True, type=Path)
    parser.add_argument("--warehouse", required=True, type=Path)
    parser.add_argument("--serving", required=True, type=Path)
    parser.add_argument("--target-path", default="target/serving")
    args = parser.parse_args(argv)

    env = dict(
        os.environ,
        SEGMENTS_RAW_ROOT=str(args.raw_root),
        SEGMENTS_DUCKDB_PATH=str(args.warehouse),
    )
    publish = [sys.executable, "-m", "segments_tooling.publish",
               "--warehouse", str(args.warehouse), "--out", str(args.serving)]  # fmt: skip
    failures: list[str] = []
    if not args.serving.exists():
        subprocess.run(publish, env=env, check=True)
    stop_file = args.serving.with_name(args.serving.name + ".stop")
    stop_file.unlink(missing_ok=True)
    readers = [
        subprocess.Popen(
            [args.reader_python, "-c", READER, str(args.serving), str(stop_file), mode],
            stdout=subprocess.PIPE,
            text=True,
        )
        for mode in ("hold", "loop")
    ]
    try:
        time.sleep(1.0)
        for run in range(2):
            build = subprocess.run(
                # seeds and models only: make dbt-test tested this warehouse's data
                [args.dbt, "build", *WITHOUT_TESTS, "--target-path", args.target_path],
                check=False,
                env=env,
                capture_output=True,
                text=True,
            )
            if build.returncode != 0:
                failures.append(
                    f"dbt build {run + 1} failed with the reader attached:\n{build.stdout[-2000:]}"
                )
                break
            published = subprocess.run(
                publish, check=False, env=env, capture_output=True, text=True
            )
            if published.returncode != 0:
                failures.append(f"publication {run + 1} failed: {published.stderr[-2000:]}")
            time.sleep(1.0)
    finally:
        stop_file.touch()
        output = "".join(reader.communicate(timeout=120)[0] for reader in readers)
        stop_file.unlink(missing_ok=True)

    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    version = lines[0].get("version", "") if lines else ""
    if not version.startswith("1.4"):
        failures.append(f"the reader is DuckDB {version!r}, not 1.4")
    reads = [line for line in lines if "publication" in line]
    errors = [line["error"] for line in lines if "error" in line]
    failures += [f"a read failed: {error}" for error in errors]
    failures += [f"an incomplete publication was read: {line}" for line in reads if line["wrong"]]
    publications = {line["publication"] for line in reads}
    if len(publications) < 2:
        failures.append(
            f"the reader saw {len(publications)} publication(s) in {len(reads)} reads, not 2+"
        )
    held = [line for line in lines if "held" in line]
    if not held or held[0]["wrong"] or held[0]["held"] != held[0]["held_at_start"]:
        failures.append(
            f"the connection held open did not keep reading its publication whole: {held}"
        )
    for failure in failures:
        print(f"FAIL {failure}")
    print(
        f"serving check: DuckDB {version} reader, {len(reads)} reads of {len(publications)} publications "
        f"during 2 builds, {len(failures)} failures"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
