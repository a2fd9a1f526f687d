"""Keep the contract of ``customer_segments`` in step with the registry of segment families.

Usage::

    python -m segments_tooling.registry [--project DIR] [--check]

The registry (var ``segments__label_families`` in ``dbt_project.yml``) generates the SQL of ``customer_segments``,
``segment_summary``, the history, the snapshot and the tests. One list dbt cannot generate is the enforced contract
of ``customer_segments``: its YAML must name every column with a data type. This tool adds the column entry of each
label, flag and metric the registry declares and the YAML lacks (and names it in the model's ``not_null_columns``
test), and removes the entries of columns the registry no longer declares. Existing entries are left as written. ``--check`` changes nothing and exits 1 when the YAML is
out of step (``make lint`` runs it; ``make build`` runs the tool before dbt).

A label column is text, a flag boolean; a metric takes the ``data_type`` of the same column in its label model's
YAML, which must declare it.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

CONTRACT_YAML = Path("models/marts/segments/_segments__models.yml")
MART = "customer_segments"
# Columns of customer_segments that are not generated from the registry.
FIXED_COLUMNS = ("customer_id", "as_of_date")
LABEL_TYPE = "varchar"
FLAG_TYPE = "boolean"


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    description: str
    is_label: bool = False
    model: str = ""


def load_registry(project: Path) -> list[dict]:
    config = yaml.safe_load((project / "dbt_project.yml").read_text())
    return config["vars"]["segments__label_families"]


def _model_column_types(project: Path, model: str) -> dict[str, str]:
    """data_type of each column of a model, from whichever YAML file under models/ describes it."""
    for path in (project / "models").rglob("*.yml"):
        document = yaml.safe_load(path.read_text()) or {}
        for entry in document.get("models") or []:
            if entry.get("name") == model:
                return {
                    c["name"]: c["data_type"]
                    for c in entry.get("columns") or []
                    if c.get("data_type")
                }
    return {}


def registry_columns(registry: list[dict]) -> list[Column]:
    """Every column customer_segments carries for the registry, in registry order."""
    columns: list[Column] = []
    for family in registry:
        model = family["model"]
        if family.get("labels") is not None:
            description = family.get("description") or (
                f"The {family['name']} label ({model}); segment_catalog describes each label."
            )
            columns.append(Column(family["name"], LABEL_TYPE, description, is_label=True))
        for flag, column in (family.get("flags") or {}).items():
            columns.append(
                Column(column, FLAG_TYPE, f"True when the customer is a {flag} ({model}).")
            )
        for metric in family.get("metrics") or []:
            columns.append(
                Column(metric, "", f"{metric} of {model} as of the as-of date.", model=model)
            )
    return columns


def _typed(project: Path, column: Column) -> Column:
    """A metric column to add takes the data_type its label model's YAML declares."""
    if column.data_type:
        return column
    data_type = _model_column_types(project, column.model).get(column.name)
    if not data_type:
        raise SystemExit(
            f"registry: metric {column.name} has no data_type in the YAML of {column.model}; declare it there so "
            f"the contract of {MART} can carry it"
        )
    return replace(column, data_type=data_type)


def _folded(text: str) -> str:
    return "".join(f"          {line}\n" for line in textwrap.wrap(text, width=100))


def _column_block(column: Column) -> str:
    tests = "        data_tests:\n          - in_segment_vocabulary\n" if column.is_label else ""
    return (
        f"      - name: {column.name}\n"
        f"        data_type: {column.data_type}\n"
        f"        description: >\n{_folded(column.description)}"
        f"{tests}"
    )


# The never-null columns of customer_segments: the list of its model-level not_null_columns test.
NOT_NULL_LIST = re.compile(r"^( +)column_names: \[([^\]]*)\]\n", re.MULTILINE)


def _flow_list(indent: str, key: str, items: list[str], width: int = 117) -> str:
    """`key: [a, b, ...]` in YAML flow style, wrapped at `width` with continuation lines indented two more."""
    lines, line = [], f"{indent}{key}: ["
    for item in items:
        if len(line) + len(item) + 2 > width and not line.endswith("["):
            lines.append(line.rstrip())
            line = indent + "  "
        line += item + ", "
    return "\n".join([*lines, line.rstrip().rstrip(",") + "]"]) + "\n"


def _synced_not_null(text: str, start: int, kept: set[str], added: list[str]) -> str:
    """The not_null_columns list after `start` (customer_segments' entry) without removed columns, with `added`."""
    columns = text.find("\n    columns:\n", start) + 1
    test = text.find("- not_null_columns:", start, columns)
    found = NOT_NULL_LIST.search(text, test, columns) if test >= 0 else None
    if not found:
        raise SystemExit(f"{CONTRACT_YAML}: {MART} has no not_null_columns test with column_names")
    names = [name.strip() for name in found.group(2).replace("\n", " ").split(",") if name.strip()]
    wanted = [name for name in names if name in kept] + [
        name for name in added if name not in names
    ]
    return (
        text[: found.start()]
        + _flow_list(found.group(1), "column_names", wanted)
        + text[found.end() :]
    )


def _mart_columns_span(text: str) -> tuple[int, int]:
    """Start and end offsets of the customer_segments column list in the YAML text."""
    model = re.search(rf"^  - name: {MART}\n", text, re.MULTILINE)
    if not model:
        raise SystemExit(f"{CONTRACT_YAML}: no model entry for {MART}")
    columns = re.compile(r"^    columns:\n", re.MULTILINE).search(text, model.end())
    end = re.compile(r"^(  - name: |\S)", re.MULTILINE).search(text, columns.end())
    return columns.end(), end.start() if end else len(text)


def _split_columns(block: str) -> list[tuple[str, str]]:
    parts = re.split(r"(?=^      - name: )", block, flags=re.MULTILINE)
    return [(re.match(r"      - name: (\S+)", p).group(1), p) for p in parts if p.strip()]


def synced_text(project: Path) -> tuple[str, list[str]]:
    """The contract YAML with the registry's columns added and stale ones removed, and what changed."""
    path = project / CONTRACT_YAML
    text = path.read_text()
    start, end = _mart_columns_span(text)
    existing = _split_columns(text[start:end])
    wanted = registry_columns(load_registry(project))
    wanted_names = {c.name for c in wanted} | set(FIXED_COLUMNS)
    changes = [f"remove column {name}" for name, _ in existing if name not in wanted_names]
    kept = [(name, block) for name, block in existing if name in wanted_names]
    present = {name for name, _ in kept}
    added = [_typed(project, c) for c in wanted if c.name not in present]
    changes += [f"add column {c.name} ({c.data_type})" for c in added]
    blocks = [block if block.endswith("\n") else block + "\n" for _, block in kept]
    trailing = "\n" if text[start:end].endswith("\n\n") else ""
    new_block = (
        "".join(blocks).rstrip("\n") + "\n" + "".join(_column_block(c) for c in added) + trailing
    )
    text = text[:start] + new_block + text[end:]
    model = re.search(rf"^  - name: {MART}\n", text, re.MULTILINE).start()
    synced = _synced_not_null(text, model, present, [c.name for c in added])
    if synced != text and not changes:
        changes.append(f"sync the never-null columns of {MART}")
    return synced, changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when out of step"
    )
    args = parser.parse_args(argv)
    text, changes = synced_text(args.project)
    if not changes:
        print(f"registry: the contract of {MART} matches the registry")
        return 0
    if args.check:
        print(
            f"registry: {CONTRACT_YAML} is out of step with segments__label_families:",
            *changes,
            sep="\n  ",
        )
        print("run `python -m segments_tooling.registry` (make build does) and commit the result")
        return 1
    (args.project / CONTRACT_YAML).write_text(text)
    print(f"registry: {CONTRACT_YAML}:", *changes, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
