"""Publish the marts of a successful build to the serving database BI tools open.

Usage:
    python -m segments_tooling.publish [--warehouse PATH] [--out PATH] [--parquet DIR]

The build warehouse (DuckDB allows one writer per file) is never what a BI tool should open: a dashboard holding it
makes every `dbt build` fail to lock it, and a build locks every dashboard out while it runs. So after a successful
build this copies every relation of the schemas `marts` and `audit` (and the landing-zone status tables of `raw`)
into a new DuckDB file written in a storage version that DuckDB 1.4 and later read (Evidence, Metabase's and
Superset's DuckDB drivers), with the table and column comments dbt persisted, and a table
`main.publication_tables` (schema, table, rows, published_at) a reader can check its reads against. The new file
then replaces the old one with one atomic rename: a reader sees the previous publication or the new one, never half
of one, and a reader holding the old file open neither blocks the publication nor sees it change.
`--parquet DIR` also writes one Parquet file per relation under DIR/<schema>/<table>.parquet; DIR is a symbolic
link swapped atomically to a new folder of files, so it too is read whole or not at all.

Defaults: --warehouse $SEGMENTS_DUCKDB_PATH (data/warehouse.duckdb), --out $SEGMENTS_SERVING_PATH
(data/serving/segments.duckdb). On server engines (Postgres, Spark) the marts are the serving tables: nothing to do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb

# Storage version of the published file: the oldest DuckDB BI drivers in use read it (Evidence depends on 1.4).
STORAGE_VERSION = "v1.4.0"
PUBLISHED_SCHEMAS = ("marts", "audit")
# Landing-zone status tables of schema raw, published when the build wrote them (the rest of raw is views over
# the landing zone's files, which a BI tool has no business reading).
PUBLISHED_RAW_TABLES = ("landing_zone_status", "landing_files")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def relations_to_publish(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """(schema, name, comment) of every relation the publication copies, in a stable order."""
    schema_list = ", ".join(_literal(s) for s in PUBLISHED_SCHEMAS)
    raw_list = ", ".join(_literal(t) for t in PUBLISHED_RAW_TABLES)
    return con.execute(
        f"""
        select schema_name, table_name, comment from duckdb_tables()
        where database_name = 'warehouse'
          and (schema_name in ({schema_list}) or (schema_name = 'raw' and table_name in ({raw_list})))
        union all
        select schema_name, view_name, comment from duckdb_views()
        where database_name = 'warehouse' and not internal and schema_name in ({schema_list})
        order by 1, 2
        """
    ).fetchall()


def _column_comments(con, schema: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, comment from duckdb_columns() "
        "where database_name = 'warehouse' and schema_name = ? and table_name = ? and comment is not null "
        "order by column_index",
        [schema, table],
    ).fetchall()


def publish(warehouse: Path, out: Path, parquet: Path | None = None) -> dict[str, int]:
    """Publish the warehouse's marts to `out` (and Parquet files under `parquet`); returns rows per relation."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging_file = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    staging_file.unlink(missing_ok=True)
    published_at = datetime.now(UTC).replace(tzinfo=None)
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(str(warehouse))} as warehouse (read_only)")
        con.execute(
            f"attach {_literal(str(staging_file))} as publication "
            f"(storage_version {_literal(STORAGE_VERSION)})"
        )
        relations = relations_to_publish(con)
        for schema in sorted({schema for schema, _, _ in relations}):
            con.execute(f"create schema publication.{_quote(schema)}")
        for schema, name, comment in relations:
            target = f"publication.{_quote(schema)}.{_quote(name)}"
            con.execute(
                f"create table {target} as select * from warehouse.{_quote(schema)}.{_quote(name)}"
            )
            if comment:
                con.execute(f"comment on table {target} is {_literal(comment)}")
            for column, column_comment in _column_comments(con, schema, name):
                con.execute(
                    f"comment on column {target}.{_quote(column)} is {_literal(column_comment)}"
                )
            counts[f"{schema}.{name}"] = con.execute(f"select count(*) from {target}").fetchone()[0]
        con.execute(
            "create table publication.main.publication_tables ("
            "table_schema varchar, table_name varchar, row_count bigint, published_at timestamp)"
        )
        con.executemany(
            "insert into publication.main.publication_tables values (?, ?, ?, ?)",
            [(*key.split(".", 1), rows, published_at) for key, rows in counts.items()],
        )
        con.execute(
            "comment on table publication.main.publication_tables is "
            "'One row per published relation: its row count and when this publication was written.'"
        )
        if parquet is not None:
            _publish_parquet(con, relations, parquet)
        con.execute("detach publication")
    finally:
        con.close()
    with open(staging_file, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging_file, out)
    directory = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return counts


def _publish_parquet(con, relations, parquet: Path) -> None:
    """Write one Parquet file per relation into a new folder, then swap the `parquet` link to it."""
    versions = parquet.with_name(parquet.name + ".versions")
    folder = versions / f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{os.getpid()}"
    for schema, name, _ in relations:
        (folder / schema).mkdir(parents=True, exist_ok=True)
        target = folder / schema / f"{name}.parquet"
        con.execute(
            f"copy (select * from publication.{_quote(schema)}.{_quote(name)}) "
            f"to {_literal(str(target))} (format parquet)"
        )
    if parquet.exists() and not parquet.is_symlink():
        raise SystemExit(
            f"publish: {parquet} exists and is not a link made by publish; move it away"
        )
    previous = parquet.resolve() if parquet.is_symlink() else None
    link = parquet.with_name(f".{parquet.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(folder.relative_to(parquet.parent))
    os.replace(link, parquet)
    # Keep the previous folder: a reader may still be reading it. Older ones go.
    for old in sorted(p for p in versions.glob("*") if p not in (folder, previous)):
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path(os.environ.get("SEGMENTS_DUCKDB_PATH", "data/warehouse.duckdb")),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(os.environ.get("SEGMENTS_SERVING_PATH", "data/serving/segments.duckdb")),
    )
    parser.add_argument("--parquet", type=Path, default=None)
    args = parser.parse_args(argv)
    target = os.environ.get("SEGMENTS_TARGET", "duckdb")
    if target != "duckdb":
        print(f"publish: target {target}: the marts in the warehouse are the serving tables")
        return 0
    if not args.warehouse.exists():
        print(f"publish: no warehouse at {args.warehouse}: run the build first", file=sys.stderr)
        return 1
    counts = publish(args.warehouse.resolve(), args.out.resolve(), args.parquet)
    marts = sum(1 for key in counts if key.startswith("marts."))
    print(
        f"Published {marts} marts and {len(counts) - marts} audit tables to {args.out} "
        f"(DuckDB storage {STORAGE_VERSION}): point BI tools there, read-only, never at {args.warehouse}."
    )
    if args.parquet is not None:
        print(f"Parquet: {args.parquet}/<schema>/<table>.parquet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
