"""The defect corpus: one fixture per class of bad input real exports carry, each proved end to end.

A *defect* is planted into a copy of a small, clean demo landing zone (the *defective* zone); what the warehouse
should end up with instead is written into another copy (the *reference* zone: by default the same zone without the
defective rows; for a defect that is normalized exactly, the same rows written correctly). `run` builds both and
proves, for every defect at once:
  - its stated outcome: the rows it adds to `audit.rejected_rows` per (source table, reason), and its own checks;
  - raw = staged + rejected, with raw counted from the Parquet files on disk, not from the views that read them;
  - every label of every customer equal to the reference build's (`marts.customer_segments`, `segment_history`);
  - none of its planted PII strings in any relation past staging.
A *scenario* is a defect that needs builds of its own (a sequence of incremental runs, or a build that must stop):
it runs itself in its own work directory and returns its failures.

Modules: `zone` (read and write landing-zone files), `landing` (layout, schema drift, operations), `values`
(time, casts, vocabulary, money, versions), `privacy` (PII and erasure), `run` (the runner).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

Check = Callable[[duckdb.DuckDBPyConnection], list[str]]


@dataclass(frozen=True)
class Defect:
    """One defect planted into the shared defective zone.

    name: short id; fixture files it writes are named `defect-<name>*.parquet` (or live under a folder it names).
    defect_class: the class of the README's data-quality table it stands for.
    outcome: one sentence, what the warehouse does with it.
    plant(root): writes the defective rows or files into the landing zone at `root`.
    reference(root): writes what the reference zone holds instead (None: nothing, the rows are just absent).
    rejected: rows the defect adds to audit.rejected_rows, per (source_table, rejection_reason).
    pii: planted strings that must appear in no relation past staging (intermediate, marts, audit, snapshots).
    check(con): extra assertions on the defective warehouse (read-only connection); returns failure messages.
    """

    name: str
    defect_class: str
    outcome: str
    plant: Callable[[Path], None]
    reference: Callable[[Path], None] | None = None
    rejected: dict[tuple[str, str], int] = field(default_factory=dict)
    pii: tuple[str, ...] = ()
    check: Check | None = None


@dataclass(frozen=True)
class Scenario:
    """A defect that needs builds of its own.

    run(base_root, work_dir, dbt): `base_root` is the clean landing zone (copy it, never change it), `work_dir` an
    empty directory of its own, `dbt` a callable `dbt(args: list[str], raw_root, db_path, target) -> CompletedProcess`
    that runs `dbt <args>` against that landing zone and warehouse with its own target path. Returns failures.
    """

    name: str
    defect_class: str
    outcome: str
    run: Callable[..., list[str]]
