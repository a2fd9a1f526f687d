"""The parameters of one generation run, shared by every stage, and the SQL literals derived from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class RunParams:
    """One generation run: every person, or (``person_range`` = (first, stop)) the customers
    ``first <= pid < stop`` plus the anonymous visitors ``customers + first <= pid < customers + stop``.

    Customers have the person ids 0 .. customers - 1, anonymous-only visitors customers .. 2 * customers - 1.
    """

    customers: int
    days: int
    seed: int
    end_date: date
    person_range: tuple[int, int] | None = None
    # Only the first run plants the personas and the "at least k" dirt floors; the rate-based dirt is per
    # row, so it does not depend on the split.
    first_chunk: bool = True

    @property
    def start_date(self) -> date:
        """First day of the activity window."""
        return self.end_date - timedelta(days=self.days - 1)

    @property
    def start_sql(self) -> str:
        return f"DATE '{self.start_date.isoformat()}'"

    @property
    def end_sql(self) -> str:
        return f"DATE '{self.end_date.isoformat()}'"

    @property
    def cutoff_sql(self) -> str:
        """The exclusive snapshot bound: midnight (UTC) after the end date."""
        return f"TIMESTAMP '{(self.end_date + timedelta(days=1)).isoformat()} 00:00:00'"

    @property
    def person_ids_sql(self) -> str:
        """A relation ``t(i)`` of the person ids of this run."""
        if self.person_range is None:
            return f"range({2 * self.customers}) t(i)"
        first, stop = self.person_range
        anonymous_first, anonymous_stop = self.customers + first, self.customers + stop
        return (
            f"(SELECT * FROM range({first}, {stop}) UNION ALL "
            f"SELECT * FROM range({anonymous_first}, {anonymous_stop})) t(i)"
        )

    @property
    def persona_filter_sql(self) -> str:
        """Appended to the persona relations: keeps them in the first run only."""
        return "" if self.first_chunk else " WHERE FALSE"

    def dirt_floor(self, at_least: int) -> int:
        """How many rows a rare kind of dirt gets at least in this run (``at_least`` in the first, else 0)."""
        return at_least if self.first_chunk else 0
