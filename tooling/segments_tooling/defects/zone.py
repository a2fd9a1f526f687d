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


def sql_path(path: Path) -> str:
    """A path as a SQL string literal (quotes doubled)."""
    return "'" + str(path).replace("'", "''") + "'"


def is_data_file(path: Path) -> bool:
    """The landing zone's rule for what is data: a `.parquet` file whose name and folders (below the table
    folder) do not start with `.` or `_` (macOS `._` resource forks, `_SUCCESS` markers, hidden files)."""
    return path.suffix == ".parquet" and not any(part.startswith((".", "_")) for part in path.parts)


def base_rows(
    root: Path,
    table: str,
    where: str,
    order_by: str,
    limit: int | None = None,
    contract_only: bool = False,
) -> list[dict]:
    """Rows of the clean zone's `table` as planted so far in `root`: every data file but the defects' own, in a
    stable order whatever the files (the defective and reference zones split the same rows differently).
    `where` may read the relation `rows`; `contract_only` keeps the contract columns only."""
    folder = root / table
    files = sorted(
        str(path)
        for path in folder.rglob("*.parquet")
        if is_data_file(path.relative_to(folder)) and not path.name.startswith("defect-")
    )
    con = duckdb.connect()
    try:
        listed = "[" + ", ".join(sql_path(Path(f)) for f in files) + "]"
        cursor = con.execute(
            f"with rows as (select * from read_parquet({listed}, union_by_name = true)) "
            f"select * from rows where {where} order by {order_by}"
            + (f" limit {limit}" if limit else "")
        )
        names = [d[0] for d in cursor.description]
        contract = contract_types(table)
        return [
            {k: v for k, v in zip(names, row, strict=True) if not contract_only or k in contract}
            for row in cursor.fetchall()
        ]
    finally:
        con.close()


def base_rows_contract(root: Path, table: str, where: str, order_by: str) -> list[dict]:
    """base_rows with the contract columns only."""
    return base_rows(root, table, where, order_by, contract_only=True)


def contract_types(table: str) -> dict[str, str]:
    """The contract types of a raw table (column -> DuckDB type)."""
    return dict(SCHEMAS[table])
