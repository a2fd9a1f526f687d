"""Helpers that write SQL text, and the macros behind every random draw.

A draw is ``hx(id, k)`` = ``hash(xor(hash(seed, id), k))`` for an entity id and a draw number k: DuckDB's
multi-argument ``hash`` combines its arguments too weakly, the outer hash re-mixes them. ``u`` turns it into a
uniform double in [0, 1), ``ui`` into an integer in [0, n), ``zn`` into a standard normal, ``uuid_of`` into a
version-4 style UUID. The data is therefore a pure function of (customers, days, seed, end date).
"""

from __future__ import annotations

from segments_tooling.demo_data.params import RunParams

# (step name, SQL script): one entry of the list a run executes in order
Statement = tuple[str, str]


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def string_list(values: list[str]) -> str:
    """A DuckDB list literal of strings."""
    return "[" + ", ".join(quote(value) for value in values) + "]"


def random_element(values: list[str], key: str, draw_no: int) -> str:
    """Expression picking one of ``values`` uniformly with the draw ``ui(key, draw_no, len(values))``."""
    return f"{string_list(values)}[1 + ui({key}, {draw_no}, {len(values)})]"


def weighted_case(draw: str, choices: list[tuple[str, float]]) -> str:
    """CASE expression picking a SQL literal with the given weights from a uniform draw in [0, 1)."""
    total = sum(weight for _, weight in choices)
    cumulative, branches = 0.0, []
    for literal, weight in choices[:-1]:
        cumulative += weight / total
        branches.append(f"WHEN {draw} < {cumulative:.6f} THEN {literal}")
    return f"(CASE {' '.join(branches)} ELSE {choices[-1][0]} END)"


def values_table(rows: list[tuple], columns: str) -> str:
    """A ``(VALUES ...) t(columns)`` relation of literal rows (strings quoted, numbers as written)."""
    body = ", ".join(
        "(" + ", ".join(quote(v) if isinstance(v, str) else repr(v) for v in row) + ")"
        for row in rows
    )
    return f"(VALUES {body}) t({columns})"


def draw_macros(run: RunParams) -> list[Statement]:
    """The macros of the random draws, and the time helpers the stages share (``ev_ts``: the timestamp of
    event slot ``slot`` of a session; ``pick`` / ``qty``: product and quantity of an order or cart line)."""
    return [
        (
            "macros",
            f"""
        SET TimeZone = 'UTC';
        CREATE OR REPLACE TEMP MACRO hx(id, k) AS hash(xor(hash({run.seed}::BIGINT, id), (k)::UBIGINT));
        CREATE OR REPLACE TEMP MACRO u(id, k) AS ((hx(id, k) >> 11)::DOUBLE / 9007199254740992.0);
        CREATE OR REPLACE TEMP MACRO ui(id, k, n) AS ((hx(id, k) % greatest((n), 1)::UBIGINT)::BIGINT);
        CREATE OR REPLACE TEMP MACRO zn(id, k) AS (sqrt(-2.0 * ln(((hx(id, k) >> 11)::DOUBLE + 0.5)
            / 9007199254740992.0)) * cos(2.0 * pi() * u(id, (k) + 7777)));
        -- version-4 style UUID text from two 64-bit draws (UHUGEINT -> UUID cast is much faster than printf)
        CREATE OR REPLACE TEMP MACRO uuid_of(id, k) AS
            ((((hx(id, k) & 18446744073709490175::UBIGINT) | 16384::UBIGINT)::UHUGEINT
              * 18446744073709551616::UHUGEINT
              + ((hx(id, (k) + 1) & 4611686018427387903::UBIGINT) | 9223372036854775808::UBIGINT)::UHUGEINT
             )::UUID::VARCHAR);
        CREATE OR REPLACE TEMP MACRO secs(x) AS to_seconds((x)::BIGINT);
        CREATE OR REPLACE TEMP MACRO pick(x, j, fav) AS
            (floor(pow(u((x) * 16 + (j), 501), 1.7) * 63)::BIGINT * 8
             + CASE WHEN u((x) * 16 + (j), 502) < 0.6 THEN (fav) ELSE ui((x) * 16 + (j), 503, 8) END);
        CREATE OR REPLACE TEMP MACRO qty(x, j) AS
            (1 + (u((x) * 16 + (j), 504) < 0.18)::INT + (u((x) * 16 + (j), 505) < 0.05)::INT);
        CREATE OR REPLACE TEMP MACRO ev_ts(utc_start, sid, slot) AS
            (utc_start + secs((slot) * 28 + ui((sid) * 32 + (slot), 302, 28))
             + to_milliseconds(ui((sid) * 32 + (slot), 306, 1000)));
        CREATE OR REPLACE TEMP MACRO local_to_utc(tz, ts) AS timezone('UTC', timezone(tz, ts));
        """,
        )
    ]
