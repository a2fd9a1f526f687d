"""Compare the marts (and audit tables) of two warehouses row for row, on any two engines.

Usage:
  python -m segments_tooling.engines.compare_marts LEFT RIGHT [--schemas marts,audit] [--limit-tables T1,T2]
  python -m segments_tooling.engines.compare_marts export SOURCE --out FILE.duckdb [--schemas marts,audit,raw]

A warehouse (LEFT, RIGHT, SOURCE) is one of:
  path/to/file.duckdb        a DuckDB warehouse, opened read-only (DuckDB vs DuckDB needs nothing else)
  postgresql://user@host:port/db
                             a Postgres database (needs psycopg2: run from .venv-postgres); each table is read
                             with COPY ... TO STDOUT (CSV) into a scratch DuckDB file, typed from its columns
  postgres                   the database of profiles.yml's postgres output (SEGMENTS_PG_* variables)
  spark                      the local Spark warehouse of profiles.yml's spark output (run from .venv-spark)
  parquet:DIR                DIR/<schema>/<table>.parquet, as `export --out DIR` with a directory writes

Equal means, for every table in the compared schemas of either side:
  - the table exists on both sides, with the same column names (case-insensitive; order ignored);
  - the same multiset of rows. Rows are paired after sorting both sides by every non-float column, then the
    float columns; paired values must be equal, nulls equal to nulls;
  - floating-point values (a double or real on either side) are equal when |a - b| <= max(1e-6, 1e-9 *
    max(|a|, |b|)): absolute 1e-6 or relative 1e-9, whichever is looser (--abs-tol, --rel-tol). Integers
    and decimals compare exactly by value (10 = 10.00), text and booleans exactly, dates by value;
    timestamps with a time zone are normalized to UTC and compared with naive timestamps as UTC.
Exits 1 naming the first differing table with an example row of each side, 0 when every table is equal.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

DEFAULT_SCHEMAS = ("marts", "audit")
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")
NUMERIC_PREFIXES = (
    "DECIMAL",
    "NUMERIC",
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
)


# ---------------------------------------------------------------------------------------------- sources


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_to_duckdb_type(type_name: str) -> str:
    """A DuckDB type for a Postgres column type as format_type() spells it."""
    name = type_name.lower()
    if name.startswith("numeric"):
        return "DECIMAL" + name[len("numeric") :] if "(" in name else "DOUBLE"
    if name.startswith(("character varying", "character", "text", "varchar", "json", "uuid")):
        return "VARCHAR"
    if name.startswith("timestamp") and "with time zone" in name:
        return "TIMESTAMPTZ"
    if name.startswith("timestamp"):
        return "TIMESTAMP"
    return {
        "integer": "INTEGER",
        "bigint": "BIGINT",
        "smallint": "SMALLINT",
        "double precision": "DOUBLE",
        "real": "FLOAT",
        "boolean": "BOOLEAN",
        "date": "DATE",
    }.get(name, "VARCHAR")


def _included(schema: str, table: str, entries: list[str]) -> bool:
    """Whether schema.table is named by `entries` (each a schema or a schema.table)."""
    return schema in entries or f"{schema}.{table}" in entries


def _schemas_of(entries: list[str]) -> list[str]:
    return sorted({entry.split(".", 1)[0] for entry in entries})


def export_postgres(dsn: str, schemas: list[str], out: Path) -> None:
    """Every table and view of `schemas` (a schema or schema.table each) in a Postgres database, copied into
    the DuckDB file `out`."""
    import psycopg2

    pg = psycopg2.connect(dsn, options="-c TimeZone=UTC")
    con = duckdb.connect(str(out))
    try:
        with pg.cursor() as cur, tempfile.TemporaryDirectory() as scratch:
            cur.execute(
                "select c.table_schema, c.table_name, c.column_name, "
                "format_type(a.atttypid, a.atttypmod) from information_schema.columns as c "
                "join pg_attribute as a on a.attrelid = (quote_ident(c.table_schema) || '.' || "
                "quote_ident(c.table_name))::regclass and a.attname = c.column_name "
                "where c.table_schema = any(%s) order by 1, 2, c.ordinal_position",
                [_schemas_of(schemas)],
            )
            tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for schema, table, column, type_name in cur.fetchall():
                if not _included(schema, table, schemas):
                    continue
                tables.setdefault((schema, table), []).append(
                    (column, _pg_to_duckdb_type(type_name))
                )
            for (schema, table), columns in tables.items():
                csv_path = Path(scratch) / f"{schema}.{table}.csv"
                with csv_path.open("w") as handle:
                    cur.copy_expert(
                        f"copy (select * from {_quoted(schema)}.{_quoted(table)}) to stdout "
                        "with (format csv, header true)",
                        handle,
                    )
                con.execute(f"create schema if not exists {_quoted(schema)}")
                types = ", ".join(f"'{name}': '{data_type}'" for name, data_type in columns)
                con.execute(
                    f"create or replace table {_quoted(schema)}.{_quoted(table)} as select * from read_csv("
                    f"'{csv_path}', header = true, columns = {{{types}}}, allow_quoted_nulls = false, "
                    "timestampformat = 'auto')"
                )
    finally:
        con.close()
        pg.close()


def export_spark(schemas: list[str], out: Path, spark=None) -> None:
    """Every table of `schemas` in the local Spark warehouse, via Parquet, into the DuckDB file `out`. With
    `spark`, a caller's session, which stays open; else a session of its own, stopped at the end."""
    from segments_tooling.engines.load_raw import spark_session

    own_session = spark is None
    spark = spark or spark_session()
    con = duckdb.connect(str(out))
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for schema in _schemas_of(schemas):
                if not spark.catalog.databaseExists(schema):
                    continue
                con.execute(f"create schema if not exists {_quoted(schema)}")
                for table in spark.catalog.listTables(schema):
                    # a session dbt ran in also lists its temporary views (the __dbt_tmp relations)
                    if table.isTemporary or not _included(schema, table.name, schemas):
                        continue
                    path = Path(scratch) / schema / table.name
                    spark.table(f"{schema}.{table.name}").write.mode("overwrite").parquet(str(path))
                    con.execute(
                        f"create or replace table {_quoted(schema)}.{_quoted(table.name)} as "
                        f"select * from read_parquet('{path}/*.parquet')"
                    )
    finally:
        con.close()
        if own_session:
            spark.stop()


def export_parquet(source_dir: Path, schemas: list[str], out: Path) -> None:
    con = duckdb.connect(str(out))
    try:
        for schema in schemas:
            folder = source_dir / schema
            if not folder.is_dir():
                continue
            con.execute(f"create schema if not exists {_quoted(schema)}")
            for path in sorted(folder.glob("*.parquet")):
                con.execute(
                    f"create or replace table {_quoted(schema)}.{_quoted(path.stem)} as "
                    f"select * from read_parquet('{path}')"
                )
    finally:
        con.close()


def postgres_dsn_from_environment() -> str:
    """The DSN of profiles.yml's postgres output: SEGMENTS_PG_* with the same defaults."""
    parts = {
        "host": os.environ.get("SEGMENTS_PG_HOST", "localhost"),
        "port": os.environ.get("SEGMENTS_PG_PORT", "55432"),
        "user": os.environ.get("SEGMENTS_PG_USER", "segments"),
        "dbname": os.environ.get("SEGMENTS_PG_DATABASE", "segments"),
    }
    if os.environ.get("SEGMENTS_PG_PASSWORD"):
        parts["password"] = os.environ["SEGMENTS_PG_PASSWORD"]
    return " ".join(f"{key}='{value}'" for key, value in parts.items())


def materialize(source: str, schemas: list[str], scratch: Path, label: str, spark=None) -> Path:
    """A DuckDB file holding `schemas` of `source` (the file itself for a DuckDB warehouse); `spark`, a
    session to export with (export_spark)."""
    if source == "postgres":
        source = postgres_dsn_from_environment()
    if source.startswith(("postgresql://", "postgres://", "host=")):
        out = scratch / f"{label}.duckdb"
        export_postgres(source, schemas, out)
        return out
    if source == "spark":
        out = scratch / f"{label}.duckdb"
        export_spark(schemas, out, spark)
        return out
    if source.startswith("parquet:"):
        out = scratch / f"{label}.duckdb"
        export_parquet(Path(source[len("parquet:") :]), schemas, out)
        return out
    path = Path(source)
    if not path.is_file():
        sys.exit(
            f"compare_marts: {source}: no such DuckDB file (or use postgresql://..., spark, parquet:DIR)"
        )
    return path


# ---------------------------------------------------------------------------------------------- compare


@dataclass
class Column:
    name: str
    data_type: str

    @property
    def is_float(self) -> bool:
        return self.data_type.upper().startswith(FLOAT_TYPES)

    @property
    def is_numeric(self) -> bool:
        return self.is_float or self.data_type.upper().startswith(NUMERIC_PREFIXES)

    @property
    def is_timestamp(self) -> bool:
        return self.data_type.upper().startswith("TIMESTAMP")


def _tables(
    con: duckdb.DuckDBPyConnection, catalog: str, schemas: list[str]
) -> dict[str, list[Column]]:
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema in (select unnest(?)) "
        "order by table_schema, table_name, ordinal_position",
        [catalog, schemas],
    ).fetchall()
    tables: dict[str, list[Column]] = {}
    for schema, table, column, data_type in rows:
        tables.setdefault(f"{schema}.{table}", []).append(Column(column.lower(), data_type))
    return tables


def _normalized(column: Column, other: Column, alias: str) -> str:
    """The value of `column` as it is compared with `other`'s (both sides use the same rule)."""
    ref = f"{alias}.{_quoted(column.name)}"
    if column.is_float or other.is_float:
        return f"cast({ref} as double)"
    if column.is_numeric and other.is_numeric:
        return f"cast({ref} as decimal(38, 10))"
    if column.is_timestamp and other.is_timestamp:
        if "TIME ZONE" in column.data_type.upper() or column.data_type.upper() == "TIMESTAMPTZ":
            return f"timezone('UTC', {ref})"
        return f"cast({ref} as timestamp)"
    if column.data_type.upper() == other.data_type.upper():
        return ref
    return f"cast({ref} as varchar)"


@dataclass
class Difference:
    table: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}: {self.message}"


def compare_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    left: list[Column],
    right: list[Column],
    abs_tol: float,
    rel_tol: float,
) -> Difference | None:
    left_by_name = {column.name: column for column in left}
    right_by_name = {column.name: column for column in right}
    if set(left_by_name) != set(right_by_name):
        only_left = sorted(set(left_by_name) - set(right_by_name))
        only_right = sorted(set(right_by_name) - set(left_by_name))
        return Difference(table, f"columns differ: only left {only_left}, only right {only_right}")
    names = [column.name for column in left]
    floats = [name for name in names if left_by_name[name].is_float or right_by_name[name].is_float]
    exact = [name for name in names if name not in floats]
    schema, relation = table.split(".", 1)

    def side(catalog: str, mine: dict[str, Column], theirs: dict[str, Column]) -> str:
        projections = [
            f"{_normalized(mine[n], theirs[n], 'source')} as {_quoted(n)}" for n in names
        ]
        order = ", ".join(f"{_quoted(n)} asc nulls first" for n in exact + floats) or "1"
        return (
            f"select *, row_number() over (order by {order}) as compare_row_number from ("
            f"select {', '.join(projections)} from {catalog}.{_quoted(schema)}.{_quoted(relation)} as source)"
        )

    left_sql = side("left_wh", left_by_name, right_by_name)
    right_sql = side("right_wh", right_by_name, left_by_name)
    counts = con.execute(
        f"select (select count(*) from ({left_sql})), (select count(*) from ({right_sql}))"
    )
    left_count, right_count = counts.fetchone()
    conditions = []
    for name in names:
        a, b = f"l.{_quoted(name)}", f"r.{_quoted(name)}"
        if name in floats:
            conditions.append(
                f"not ({a} is not distinct from {b} or abs({a} - {b}) <= "
                f"greatest({abs_tol}, {rel_tol} * greatest(abs({a}), abs({b}))))"
            )
        else:
            conditions.append(f"{a} is distinct from {b}")
    where = " or ".join(conditions) or "false"
    found = con.execute(
        f"with l as ({left_sql}), r as ({right_sql}) "
        f"select l.*, r.* from l full join r on l.compare_row_number = r.compare_row_number "
        f"where l.compare_row_number is null or r.compare_row_number is null or {where} "
        "order by coalesce(l.compare_row_number, r.compare_row_number) limit 1"
    )
    row = found.fetchone()
    if row is None:
        return None
    width = len(names) + 1
    left_row = dict(zip(names, row[: width - 1], strict=True))
    right_row = dict(zip(names, row[width : 2 * width - 1], strict=True))
    differing = [name for name in names if left_row[name] != right_row[name]]
    message = (
        f"rows differ ({left_count:,} left, {right_count:,} right); first differing pair in sort order, "
        f"columns {differing}:\n    left:  {left_row}\n    right: {right_row}"
    )
    return Difference(table, message)


def compare(
    left: Path,
    right: Path,
    schemas: list[str],
    abs_tol: float,
    rel_tol: float,
    only: list[str] | None = None,
) -> list[Difference]:
    con = duckdb.connect()
    con.execute(f"attach '{left}' as left_wh (read_only)")
    con.execute(f"attach '{right}' as right_wh (read_only)")
    con.execute("set TimeZone = 'UTC'")
    left_tables = _tables(con, "left_wh", schemas)
    right_tables = _tables(con, "right_wh", schemas)
    differences: list[Difference] = []
    names = sorted(set(left_tables) | set(right_tables))
    if only:
        names = [name for name in names if name in only or name.split(".", 1)[1] in only]
        differences += [
            Difference(wanted, "missing on both sides")
            for wanted in only
            if not any(wanted in (name, name.split(".", 1)[1]) for name in names)
        ]
    for table in names:
        if table not in left_tables or table not in right_tables:
            side = "left" if table not in left_tables else "right"
            differences.append(Difference(table, f"missing on the {side}"))
            continue
        difference = compare_table(
            con, table, left_tables[table], right_tables[table], abs_tol, rel_tol
        )
        if difference:
            differences.append(difference)
        else:
            print(f"compare_marts: {table}: equal")
    con.close()
    return differences


def export(source: str, schemas: list[str], out: Path, spark=None) -> Path:
    """`schemas` of the warehouse `source` (postgres, spark, a DSN or parquet:DIR) copied into the DuckDB file
    `out`, which is replaced only when the copy is whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        made = materialize(source, schemas, Path(scratch), "export", spark)
        if made == Path(source):
            sys.exit("compare_marts export: the source is already a DuckDB file")
        os.replace(made, partial)
    os.replace(partial, out)
    print(f"compare_marts: exported {source} ({', '.join(schemas)}) to {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "export":
        parser = argparse.ArgumentParser(
            description="Copy a warehouse's schemas into a DuckDB file."
        )
        parser.add_argument("source")
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument(
            "--schemas",
            default="marts,audit,raw.landing_zone_status",
            help="comma-separated schemas or schema.table names",
        )
        args = parser.parse_args(argv[1:])
        schemas = [schema.strip() for schema in args.schemas.split(",") if schema.strip()]
        export(args.source, schemas, args.out)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("left")
    parser.add_argument("right")
    parser.add_argument("--schemas", default=",".join(DEFAULT_SCHEMAS))
    parser.add_argument("--abs-tol", type=float, default=1e-6)
    parser.add_argument("--rel-tol", type=float, default=1e-9)
    parser.add_argument(
        "--limit-tables", help="comma-separated tables (schema.table or table) to compare"
    )
    parser.add_argument(
        "--all", action="store_true", help="report every differing table, not the first"
    )
    args = parser.parse_args(argv)
    schemas = [schema.strip() for schema in args.schemas.split(",") if schema.strip()]
    only = [name.strip() for name in args.limit_tables.split(",")] if args.limit_tables else None
    with tempfile.TemporaryDirectory() as scratch:
        left = materialize(args.left, schemas, Path(scratch), "left")
        right = materialize(args.right, schemas, Path(scratch), "right")
        differences = compare(left, right, schemas, args.abs_tol, args.rel_tol, only)
    if not differences:
        print(f"compare_marts: every table of {', '.join(schemas)} is equal")
        return 0
    for difference in differences if args.all else differences[:1]:
        print(f"compare_marts: DIFFERENT {difference}", file=sys.stderr)
    if not args.all and len(differences) > 1:
        print(
            f"compare_marts: {len(differences) - 1} more tables differ (--all lists them)",
            file=sys.stderr,
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())
