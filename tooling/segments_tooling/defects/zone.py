"""Read and write landing-zone Parquet files for the defect corpus (DuckDB only, no pandas)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from segments_tooling.bad_input import SCHEMAS


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def write_rows(
    path: Path,
    rows: list[dict],
    types: dict[str, str] | None = None,
) -> Path:
    """Write `rows` (dicts with the same keys, in order) to the Parquet file `path`, columns typed by `types`
    (column -> DuckDB type; a column not named there is written as VARCHAR). Zero rows need `types`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(types) if types else list(rows[0])
    types = types or {}
    con = duckdb.connect()
    try:
        select_list = ", ".join(
            f'CAST(col{i} AS {types.get(c, "VARCHAR")}) AS "{c}"' for i, c in enumerate(columns)
        )
        if rows:
            values = ", ".join(
                "(" + ", ".join(_literal(row.get(c)) for c in columns) + ")" for row in rows
            )
            names = ", ".join(f"col{i}" for i in range(len(columns)))
            source = f"(VALUES {values}) AS t({names})"
        else:
            source = (
                "(SELECT "
                + ", ".join(f"NULL AS col{i}" for i in range(len(columns)))
                + " WHERE FALSE) AS t"
            )
        con.execute(f"COPY (SELECT {select_list} FROM {source}) TO '{path}' (FORMAT parquet)")
    finally:
        con.close()
    return path


def contract_types(table: str) -> dict[str, str]:
    """The contract types of a raw table (column -> DuckDB type)."""
    return dict(SCHEMAS[table])


def read_rows(root: Path, table: str, where: str = "true", limit: int | None = None) -> list[dict]:
    """Rows of the clean landing zone's `table` matching the SQL predicate `where`, as dicts, in a stable
    order (file name, then row number). Use it to copy real rows into a fixture."""
    con = duckdb.connect()
    try:
        query = (
            f"SELECT * EXCLUDE (filename, file_row_number) FROM read_parquet('{root}/{table}/**/*.parquet', "
            f"union_by_name = true, filename = true, file_row_number = true) WHERE {where} "
            f"ORDER BY filename, file_row_number" + (f" LIMIT {limit}" if limit else "")
        )
        cursor = con.execute(query)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
