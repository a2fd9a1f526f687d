"""History replay: segment_history at a past period end equals a from-scratch build as of that date.

Usage:
    python -m segments_tooling.history_replay --history-db WAREHOUSE --replay-db ASOF [--sample 20]

The replay warehouse is a separate full `dbt build --vars '{as_of_date: D}'` of the same landing zone; its
marts.customer_segments holds the labels as of D (column as_of_date = D). The check:
  1. read D from the replay's marts.customer_segments (exactly one as_of_date);
  2. require that D is a period end of the history warehouse's marts.segment_history;
  3. unpivot the replay's customer_segments into (customer_id, segment_family, segment) for every family
     segment_history holds, keeping the customers counted at D: those whose created_local_date (replay's
     intermediate.int_customers_resolved) is on or before D. When D is the history's own current as-of date
     (its rows at D are is_current) every customer is counted, as in customer_segments, so none is dropped;
  4. compare with the segment_history rows at period_end = D both ways (EXCEPT ALL), print per family the
     customers compared and the mismatching customers, and a sample of mismatches.
Exit 0 when both sides are equal, 1 on any mismatch or when nothing was compared, 2 when the check cannot run
(a missing table or column, D not a period end, ...). Both warehouses are attached READ_ONLY.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

HISTORY = "history_wh"
REPLAY = "replay_wh"


class ReplayError(Exception):
    """The check cannot run: the message says why."""


@dataclass
class FamilyResult:
    family: str
    customers_compared: int
    mismatches: int


@dataclass
class ReplayResult:
    as_of_date: date
    history_is_current: bool
    families: list[FamilyResult]
    rows_compared: int
    only_in_replay: int
    only_in_history: int
    # (customer_id, segment_family, replay segment or None, history segment or None)
    sample: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    @property
    def mismatches(self) -> int:
        return sum(family.mismatches for family in self.families)

    @property
    def ok(self) -> bool:
        return self.rows_compared > 0 and self.only_in_replay == 0 and self.only_in_history == 0


def connect(history_db: str | Path, replay_db: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with both warehouses attached read-only."""
    con = duckdb.connect()
    for alias, path in ((HISTORY, history_db), (REPLAY, replay_db)):
        if not Path(path).is_file():
            raise ReplayError(f"{alias.removesuffix('_wh')} warehouse {path} does not exist")
        escaped = str(path).replace("'", "''")
        con.execute(f"attach '{escaped}' as {alias} (READ_ONLY)")
    return con


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = ? and table_schema = ? and table_name = ? "
            "order by ordinal_position",
            [catalog, schema, table],
        ).fetchall()
    ]


def _require(
    con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str, columns: list[str]
) -> list[str]:
    present = _columns(con, catalog, schema, table)
    where = f"{catalog.removesuffix('_wh')} warehouse"
    if not present:
        raise ReplayError(f"{where} has no table {schema}.{table}")
    missing = [column for column in columns if column not in present]
    if missing:
        raise ReplayError(f"{where}: {schema}.{table} lacks column(s) {', '.join(missing)}")
    return present


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def replay_as_of_date(con: duckdb.DuckDBPyConnection) -> date:
    dates = con.execute(
        f"select distinct as_of_date from {REPLAY}.marts.customer_segments order by 1"
    ).fetchall()
    if not dates:
        raise ReplayError(
            "replay warehouse: marts.customer_segments is empty, no as_of_date to read"
        )
    if len(dates) > 1 or dates[0][0] is None:
        shown = ", ".join(str(row[0]) for row in dates[:5])
        raise ReplayError(
            f"replay warehouse: marts.customer_segments must hold one as_of_date, found {shown}"
        )
    return dates[0][0]


def _history_current_flag(con: duckdb.DuckDBPyConnection, as_of: date) -> bool:
    """Whether the history rows at period_end = D are its current rows; an error when D is no period end."""
    flags = con.execute(
        f"select distinct is_current from {HISTORY}.marts.segment_history where period_end = ?",
        [as_of],
    ).fetchall()
    if not flags:
        bounds = con.execute(
            f"select min(period_end), max(period_end), "
            f"max(period_end) filter (where period_end < ?), "
            f"min(period_end) filter (where period_end > ?) "
            f"from {HISTORY}.marts.segment_history",
            [as_of, as_of],
        ).fetchall()[0]
        if bounds[0] is None:
            raise ReplayError(
                f"replay as_of_date {as_of} is not a period end of segment_history: "
                "history warehouse: marts.segment_history is empty"
            )
        neighbours = ", ".join(str(day) for day in bounds[2:] if day is not None)
        raise ReplayError(
            f"replay as_of_date {as_of} is not a period end of segment_history in the history "
            f"warehouse (period ends run from {bounds[0]} to {bounds[1]}; nearest: {neighbours}); "
            "rebuild the replay with --vars '{as_of_date: <a period end>}' (weekly history: a Sunday)"
        )
    if len(flags) > 1:
        raise ReplayError(
            f"history warehouse: segment_history rows at period_end {as_of} mix is_current true and false"
        )
    return bool(flags[0][0])


def run_check(con: duckdb.DuckDBPyConnection, sample_size: int = 20) -> ReplayResult:
    """Compare segment_history at the replay's as-of date with the replay's customer_segments."""
    _require(con, HISTORY, "marts", "segment_history",
             ["customer_id", "segment_family", "period_end", "segment", "is_current"])  # fmt: skip
    replay_columns = _require(
        con, REPLAY, "marts", "customer_segments", ["customer_id", "as_of_date"]
    )
    _require(con, REPLAY, "intermediate", "int_customers_resolved",
             ["customer_id", "created_local_date"])  # fmt: skip

    as_of = replay_as_of_date(con)
    history_is_current = _history_current_flag(con, as_of)
    families = [
        row[0]
        for row in con.execute(
            f"select distinct segment_family from {HISTORY}.marts.segment_history "
            "where period_end = ? order by 1",
            [as_of],
        ).fetchall()
    ]
    missing = [family for family in families if family not in replay_columns]
    if missing:
        raise ReplayError(
            "replay warehouse: marts.customer_segments has no column for segment_history "
            f"famil{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}"
        )

    unpivoted = "\n union all\n".join(
        f"select customer_id, '{family}' as segment_family, "
        f"cast({_quote(family)} as varchar) as segment from {REPLAY}.marts.customer_segments"
        for family in families
    )
    if history_is_current:
        counted, params = "true", []
    else:
        counted = (
            f"customer_id in (select customer_id from {REPLAY}.intermediate.int_customers_resolved "
            "where created_local_date <= ?)"
        )
        params = [as_of]
    con.execute(
        f"create or replace temp table replay_labels as select * from ({unpivoted}) where {counted}",
        params,
    )
    con.execute(
        "create or replace temp table history_labels as "
        "select customer_id, segment_family, cast(segment as varchar) as segment "
        f"from {HISTORY}.marts.segment_history where period_end = ?",
        [as_of],
    )
    con.execute(
        "create or replace temp table only_in_replay as "
        "select * from replay_labels except all select * from history_labels"
    )
    con.execute(
        "create or replace temp table only_in_history as "
        "select * from history_labels except all select * from replay_labels"
    )

    per_family = con.execute(
        """
        with compared as (
            select segment_family, customer_id from replay_labels
            union
            select segment_family, customer_id from history_labels
        ),
        mismatched as (
            select segment_family, customer_id from only_in_replay
            union
            select segment_family, customer_id from only_in_history
        )
        select
            compared.segment_family,
            count(distinct compared.customer_id),
            count(distinct mismatched.customer_id)
        from compared
        left join mismatched
            on compared.segment_family = mismatched.segment_family
            and compared.customer_id = mismatched.customer_id
        group by compared.segment_family
        order by compared.segment_family
        """
    ).fetchall()
    sample = con.execute(
        """
        select
            coalesce(r.customer_id, h.customer_id) as customer_id,
            coalesce(r.segment_family, h.segment_family) as segment_family,
            r.segment as replay_segment,
            h.segment as history_segment
        from only_in_replay as r
        full outer join only_in_history as h
            on r.customer_id = h.customer_id and r.segment_family = h.segment_family
        order by segment_family, customer_id, replay_segment, history_segment
        limit ?
        """,
        [sample_size],
    ).fetchall()
    counts = con.execute(
        "select (select count(*) from replay_labels), (select count(*) from history_labels), "
        "(select count(*) from only_in_replay), (select count(*) from only_in_history)"
    ).fetchall()[0]
    return ReplayResult(
        as_of_date=as_of,
        history_is_current=history_is_current,
        families=[FamilyResult(*row) for row in per_family],
        rows_compared=counts[0] + counts[1],
        only_in_replay=counts[2],
        only_in_history=counts[3],
        sample=[tuple(row) for row in sample],
    )


def format_report(result: ReplayResult) -> str:
    lines = [
        f"history replay at {result.as_of_date}"
        + (
            " (the history's current date: every customer counted)"
            if result.history_is_current
            else " (customers created on or before it)"
        )
    ]
    width = max([len("family")] + [len(f.family) for f in result.families])
    lines.append(f"  {'family':<{width}}  {'customers compared':>18}  {'mismatches':>10}")
    for family in result.families:
        lines.append(
            f"  {family.family:<{width}}  {family.customers_compared:>18}  {family.mismatches:>10}"
        )
    lines.append(
        f"rows: {result.rows_compared} compared, {result.only_in_replay} only in the replay, "
        f"{result.only_in_history} only in segment_history"
    )
    if result.sample:
        lines.append(f"sample of mismatches ({len(result.sample)} shown):")
        lines.append("  customer_id  segment_family  replay -> history")
        for customer_id, family, replay_segment, history_segment in result.sample:
            lines.append(
                f"  {customer_id}  {family}  {replay_segment or '(absent)'} -> "
                f"{history_segment or '(absent)'}"
            )
    if result.rows_compared == 0:
        lines.append("FAIL: no rows compared (no customer counted at this date on either side)")
    elif not result.ok:
        lines.append(
            f"FAIL: segment_history at {result.as_of_date} differs from the replay in "
            f"{result.mismatches} customer-family pairs"
        )
    else:
        lines.append(f"OK: segment_history at {result.as_of_date} equals the replay")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--history-db", required=True, help="warehouse holding marts.segment_history"
    )
    parser.add_argument(
        "--replay-db", required=True, help="warehouse built with --vars '{as_of_date: D}'"
    )
    parser.add_argument("--sample", type=int, default=20, help="mismatches to print (default 20)")
    args = parser.parse_args(argv)
    try:
        con = connect(args.history_db, args.replay_db)
        try:
            result = run_check(con, sample_size=args.sample)
        finally:
            con.close()
    except (ReplayError, duckdb.Error) as error:
        print(f"history_replay: error: {error}", file=sys.stderr)
        return 2
    print(format_report(result))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
