"""Picking the rare dirty rows: a rate per row plus an "at least k" floor.

The erased customers, the orders with a negative quantity, the orphan order lines and the out-of-range survey
scores are each the rows whose draw falls below a small rate, united with the ``k`` rows of smallest hash, so a
small data set still has a few. The floor is planted in the first chunk only (``RunParams.dirt_floor``); the
rate is per row, so the same whatever the chunking. Dirt never touches persona rows: the persona rows are added
after these picks. The other dirt (duplicated and malformed events, customer versions, odd country codes, ...)
is a per-row draw written where its column is computed; docs/demo_data.md lists it all.
"""

from __future__ import annotations


def rate_with_floor(
    source: str,
    key: str,
    *,
    rate: tuple[int, str],
    floor: tuple[int, int],
    columns: str | None = None,
    tie_break: str | None = None,
    floor_condition: str | None = None,
) -> str:
    """Query of the ``columns`` (default: ``key``) of the rows of ``source`` whose draw ``u(key, n)`` is below
    the rate (``rate`` = (n, rate)), united with the ``at_least`` rows of smallest ``hx(key, m)`` (``floor`` =
    (m, at_least); ties broken by ``tie_break``, default ``key``) among those meeting ``floor_condition``."""
    rate_draw, rate_value = rate
    floor_draw, at_least = floor
    columns = columns or key
    where = f" WHERE {floor_condition}" if floor_condition else ""
    return f"""SELECT {columns} FROM {source} WHERE u({key}, {rate_draw}) < {rate_value}
        UNION
        SELECT {columns} FROM (SELECT {columns} FROM {source}{where}
                               ORDER BY hx({key}, {floor_draw}), {tie_break or key} LIMIT {at_least})"""
