"""Print what a build produced: landing-zone status, rows per mart, and segment sizes.

Usage: python -m segments_tooling.summary [--db PATH]
The database defaults to $SEGMENTS_DUCKDB_PATH, else data/warehouse.duckdb.
"""

from __future__ import annotations

import argparse
import os
import sys

import duckdb

# Columns whose values are segment labels: the wide table's families, shown as "family: label n (share)".
LABEL_SUFFIXES = ("_segment", "_tier", "_stage", "_level", "_category", "_intensity", "_trend")


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1",
        [schema],
    ).fetchall()
    return [row[0] for row in rows]


def _label_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return [row[0] for row in rows if row[0].endswith(LABEL_SUFFIXES)]


def _history_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Range of segment history and, per family, how many customers changed segment in the latest period."""
    periods, first, last = con.execute(
        "select count(distinct period_end), min(period_end), max(period_end) from marts.segment_transitions"
    ).fetchone()
    if not periods:
        return ["", "Segment history: empty"]
    lines = [
        "",
        f"Segment history: {periods} period ends from {first} to {last}; customers moving in the last one",
    ]
    rows = con.execute(
        "select segment_family, "
        "sum(case when transition_type = 'move' then customer_count else 0 end), sum(customer_count) "
        "from marts.segment_transitions where period_end = ? group by 1 order by 1",
        [last],
    ).fetchall()
    for family, moved, total in rows:
        lines.append(f"  {family:<20} {moved:>8,} of {total:,}")
    return lines


def summarize(db_path: str) -> str:
    lines: list[str] = []
    con = duckdb.connect(db_path, read_only=True)
    try:
        if "landing_zone_status" in _tables(con, "raw"):
            status = con.execute(
                "select table_name, file_count, is_present from raw.landing_zone_status order by 1"
            ).fetchall()
            absent = [name for name, _, present in status if not present]
            lines.append(
                f"Landing zone: {len(status) - len(absent)} of {len(status)} sources present"
                + (f"; absent: {', '.join(absent)}" if absent else "")
            )
        marts = _tables(con, "marts")
        if not marts:
            lines.append("No tables in schema marts.")
            return "\n".join(lines)
        lines.append("")
        lines.append("Rows per mart")
        for table in marts:
            count = con.execute(f'select count(*) from marts."{table}"').fetchone()[0]
            lines.append(f"  marts.{table:<32} {count:>12,}")
        source = "customer_segments" if "customer_segments" in marts else None
        if source:
            total = con.execute(f"select count(*) from marts.{source}").fetchone()[0]
            lines.append("")
            lines.append(f"Segment sizes (marts.{source}, {total:,} customers)")
            for column in _label_columns(con, "marts", source):
                rows = con.execute(
                    f"select coalesce(cast(\"{column}\" as varchar), '(null)') as label, "
                    f"count(*) as n from marts.{source} group by 1 order by 2 desc, 1"
                ).fetchall()
                parts = [f"{label} {n:,} ({n / total:.0%})" for label, n in rows] if total else []
                lines.append(f"  {column}: " + ", ".join(parts))
        if "segment_transitions" in marts:
            lines.extend(_history_lines(con))
        if "rejected_rows" in _tables(con, "audit"):
            rows = con.execute(
                "select source_table, rejection_reason, count(*) from audit.rejected_rows "
                "group by 1, 2 order by 1, 3 desc"
            ).fetchall()
            lines.append("")
            lines.append("Quarantined rows (audit.rejected_rows)")
            for source_table, reason, n in rows:
                lines.append(f"  {source_table:<26} {reason:<24} {n:>10,}")
    finally:
        con.close()
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_db = os.environ.get("SEGMENTS_DUCKDB_PATH", "data/warehouse.duckdb")
    parser.add_argument("--db", default=default_db, help="DuckDB warehouse file")
    args = parser.parse_args(argv)
    if not os.path.exists(args.db):
        print(f"summary: no warehouse at {args.db}; run `make build` first", file=sys.stderr)
        return 1
    print(summarize(args.db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
