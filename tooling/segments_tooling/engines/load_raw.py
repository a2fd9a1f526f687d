"""Load a landing zone into the raw tables of the postgres or spark target.

Usage: python -m segments_tooling.engines.load_raw --target postgres|spark --raw-root DIR [--work-dir DIR]

The raw tables carry exactly what DuckDB's raw views expose (same columns, same types in the engine's spelling,
lineage columns source_file_name, source_row_number and source_schema_issue included), because DuckDB makes
them: the loader runs the on-run-start macro register_landing_zone with dbt-duckdb into a scratch file
(WORK_DIR/landing.duckdb, kept between loads so raw.landing_files compares with the previous load), then copies
every table of its schema `raw` (the seven sources, landing_files and landing_zone_status) to the target.

- postgres: each table as CSV through COPY FROM STDIN, in one transaction per table: TRUNCATE and COPY when
  the table exists with the same columns (views over it keep working), else DROP ... CASCADE and CREATE
  (dbt build recreates the staging views). Connection from SEGMENTS_PG_* as in profiles.yml.
- spark: each table written as Parquet by DuckDB, then saved by Spark as a managed Parquet table raw.<table>
  in the local warehouse (overwrite), with the columns cast to the contract types. Session settings from the
  same environment variables and defaults as profiles.yml's spark output.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

RAW_SCHEMA = "raw"


def postgres_type(duckdb_type: str) -> str:
    """The Postgres spelling of a DuckDB column type of the raw views."""
    name = duckdb_type.upper()
    if name.startswith("DECIMAL"):
        return name.replace("DECIMAL", "numeric").lower()
    return {
        "VARCHAR": "text",
        "BIGINT": "bigint",
        "INTEGER": "integer",
        "SMALLINT": "smallint",
        "BOOLEAN": "boolean",
        "DOUBLE": "double precision",
        "FLOAT": "real",
        "DATE": "date",
        "TIMESTAMP": "timestamp",
        "TIMESTAMP WITH TIME ZONE": "timestamptz",
    }.get(name, "text")


def spark_type(duckdb_type: str) -> str:
    """The Spark spelling of a DuckDB column type of the raw views."""
    name = duckdb_type.upper()
    if name.startswith("DECIMAL"):
        return name.lower()
    return {
        "VARCHAR": "string",
        "BIGINT": "bigint",
        "INTEGER": "int",
        "SMALLINT": "smallint",
        "BOOLEAN": "boolean",
        "DOUBLE": "double",
        "FLOAT": "float",
        "DATE": "date",
        "TIMESTAMP": "timestamp",
        "TIMESTAMP WITH TIME ZONE": "timestamp",
    }.get(name, "string")


DbtRunner = Callable[[list[str], dict[str, str]], None]


def dbt_subprocess(dbt: Path) -> DbtRunner:
    """A DbtRunner calling the dbt executable `dbt` with the given arguments and extra environment."""

    def run(arguments: list[str], env: dict[str, str]) -> None:
        result = subprocess.run(
            [str(dbt), *arguments],
            check=False,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
        sys.stdout.write(result.stdout)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            raise RuntimeError(f"dbt {' '.join(arguments[:2])} failed (exit {result.returncode})")

    return run


def register_landing_zone(
    run_dbt: DbtRunner, raw_root: Path, landing_db: Path, target_path: str
) -> None:
    """Run the landing-zone macro with dbt-duckdb into `landing_db`: the raw views and inventory."""
    env = {
        "SEGMENTS_TARGET": "duckdb",
        "SEGMENTS_RAW_ROOT": str(raw_root),
        "SEGMENTS_DUCKDB_PATH": str(landing_db),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
        "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", str(Path.cwd())),
    }
    run_dbt(
        [
            "run-operation",
            "register_landing_zone",
            "--target",
            "duckdb",
            "--target-path",
            target_path,
        ],
        env,
    )


def raw_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Every relation of schema raw with its columns (name, DuckDB type), in order."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = ? order by table_name, ordinal_position",
        [RAW_SCHEMA],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_postgres(con: duckdb.DuckDBPyConnection, tables: dict[str, list[tuple[str, str]]]) -> None:
    import psycopg2

    pg = psycopg2.connect(
        host=os.environ.get("SEGMENTS_PG_HOST", "localhost"),
        port=int(os.environ.get("SEGMENTS_PG_PORT", "55432")),
        user=os.environ.get("SEGMENTS_PG_USER", "segments"),
        password=os.environ.get("SEGMENTS_PG_PASSWORD", ""),
        dbname=os.environ.get("SEGMENTS_PG_DATABASE", "segments"),
        options="-c TimeZone=UTC",
    )
    with pg, pg.cursor() as cur:
        cur.execute(f"create schema if not exists {RAW_SCHEMA}")
    with tempfile.TemporaryDirectory() as scratch:
        for table, columns in tables.items():
            started = time.monotonic()
            csv_path = Path(scratch) / f"{table}.csv"
            con.execute(
                f"copy (select * from {RAW_SCHEMA}.{_quoted(table)}) to '{csv_path}' (header, delimiter ',')"
            )
            wanted = [(name, postgres_type(data_type)) for name, data_type in columns]
            qualified = f"{RAW_SCHEMA}.{_quoted(table)}"
            with pg, pg.cursor() as cur:
                cur.execute(
                    "select column_name, format_type(atttypid, atttypmod) from information_schema.columns "
                    "join pg_attribute on attrelid = (quote_ident(table_schema) || '.' || "
                    "quote_ident(table_name))::regclass and attname = column_name "
                    "where table_schema = %s and table_name = %s order by ordinal_position",
                    [RAW_SCHEMA, table],
                )
                existing = [(name, type_name) for name, type_name in cur.fetchall()]
                if existing and existing == [(n, _pg_canonical(t)) for n, t in wanted]:
                    cur.execute(f"truncate table {qualified}")
                else:
                    cur.execute(f"drop table if exists {qualified} cascade")
                    column_sql = ", ".join(f"{_quoted(n)} {t}" for n, t in wanted)
                    cur.execute(f"create table {qualified} ({column_sql})")
                with csv_path.open() as handle:
                    cur.copy_expert(
                        f"copy {qualified} from stdin with (format csv, header true)", handle
                    )
                cur.execute(f"analyze {qualified}")
                cur.execute(f"select count(*) from {qualified}")
                count = cur.fetchone()[0]
            print(
                f"load_raw: postgres {qualified}: {count:,} rows in {time.monotonic() - started:.1f} s"
            )
    pg.close()


def _pg_canonical(type_name: str) -> str:
    """format_type's spelling of the types postgres_type() writes."""
    canonical = {
        "timestamp": "timestamp without time zone",
        "timestamptz": "timestamp with time zone",
    }
    return canonical.get(type_name, type_name)


def spark_session():
    """A local Spark session configured as profiles.yml's spark output (same variables, same defaults)."""
    from pyspark.sql import SparkSession

    spark_dir = os.environ.get("SEGMENTS_SPARK_DIR", "data/spark")
    settings = {
        "spark.master": os.environ.get("SEGMENTS_SPARK_MASTER", "local[*]"),
        "spark.driver.memory": os.environ.get("SEGMENTS_SPARK_DRIVER_MEMORY", "4g"),
        "spark.sql.warehouse.dir": f"{spark_dir}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": (
            f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true"
        ),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.sources.default": "parquet",
        "spark.sql.shuffle.partitions": os.environ.get("SEGMENTS_SPARK_SHUFFLE_PARTITIONS", "4"),
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def load_spark(
    con: duckdb.DuckDBPyConnection,
    tables: dict[str, list[tuple[str, str]]],
    work_dir: Path,
    spark=None,
) -> None:
    """With `spark`, a caller's session, which stays open; else a session of its own, stopped at the end."""
    export_dir = (work_dir / "raw_export").resolve()
    shutil.rmtree(export_dir, ignore_errors=True)
    export_dir.mkdir(parents=True)
    own_session = spark is None
    spark = spark or spark_session()
    spark.sql(f"create database if not exists {RAW_SCHEMA}")
    for table, columns in tables.items():
        started = time.monotonic()
        parquet_path = export_dir / f"{table}.parquet"
        con.execute(
            f"copy (select * from {RAW_SCHEMA}.{_quoted(table)}) to '{parquet_path}' (format parquet)"
        )
        frame = spark.read.parquet(str(parquet_path))
        projections = [
            f"cast(`{name}` as {spark_type(data_type)}) as `{name}`" for name, data_type in columns
        ]
        frame = frame.selectExpr(*projections)
        frame.write.mode("overwrite").format("parquet").saveAsTable(f"{RAW_SCHEMA}.{table}")
        count = spark.table(f"{RAW_SCHEMA}.{table}").count()
        print(
            f"load_raw: spark {RAW_SCHEMA}.{table}: {count:,} rows in {time.monotonic() - started:.1f} s"
        )
    if own_session:
        spark.stop()


def load(target: str, raw_root: Path, work_dir: Path, run_dbt: DbtRunner, spark=None) -> None:
    """The landing zone `raw_root` into the raw tables of `target`, using `work_dir` for scratch; `spark`, a
    session to load with (load_spark)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    landing_db = work_dir / "landing.duckdb"
    started = time.monotonic()
    raw_root = raw_root.resolve()
    if not re.fullmatch(r"[^'\\]+", str(raw_root)):
        raise RuntimeError(f"{raw_root}: use a landing root without quotes or backslashes")
    register_landing_zone(run_dbt, raw_root, landing_db, f"target/landing-{target}")
    con = duckdb.connect(str(landing_db), read_only=True)
    tables = raw_tables(con)
    if target == "postgres":
        load_postgres(con, tables)
    else:
        load_spark(con, tables, work_dir, spark)
    con.close()
    print(
        f"load_raw: {len(tables)} raw tables loaded into {target} in {time.monotonic() - started:.1f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=["postgres", "spark"], required=True)
    parser.add_argument("--raw-root", required=True, type=Path)
    parser.add_argument("--work-dir", type=Path, help="scratch folder (default data/<target>)")
    parser.add_argument("--dbt", type=Path, default=Path(sys.executable).parent / "dbt")
    args = parser.parse_args(argv)
    try:
        load(
            args.target,
            args.raw_root,
            args.work_dir or Path("data") / args.target,
            dbt_subprocess(args.dbt),
        )
    except RuntimeError as error:
        sys.exit(f"load_raw: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
