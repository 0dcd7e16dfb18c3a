"""Running totals per terminal and theme: applications, 好差评 and their stars.

The fleet page shows every terminal's applications and rating average of all time, and the
ratings per theme. Counted with GROUP BY over the applications and ratings tables, that
cost grew with every application the city ever sent (a year at 17,000 a day is ~6 million
rows, read again on every fleet refresh). Instead each write adds to a small row per
(terminal, theme) in the same transaction that stores what it counts, so the totals are as
exact as the tables, for every hub process, and a listing reads ~5,000 small rows.

Writers collect their changes in a `TallyChanges` and apply them once, just before the
transaction commits, in sorted order: two transactions of one terminal then lock its rows in
the same order (no deadlock), and terminals never share a row, so they never wait on each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hub.db import Transaction

TALLY_TABLE = """CREATE TABLE IF NOT EXISTS fleet_tallies (
    terminal_id TEXT NOT NULL,
    theme TEXT NOT NULL,
    applications BIGINT NOT NULL DEFAULT 0,
    ratings BIGINT NOT NULL DEFAULT 0,
    stars BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (terminal_id, theme)
)"""

_FILL_APPLICATIONS = (
    "INSERT INTO fleet_tallies (terminal_id, theme, applications) "
    "SELECT terminal_id, theme, count(*) FROM applications GROUP BY terminal_id, theme"
)
_FILL_RATINGS = (  # WHERE true: SQLite's parser needs it before ON CONFLICT in INSERT … SELECT
    "INSERT INTO fleet_tallies (terminal_id, theme, ratings, stars) "
    "SELECT terminal_id, theme, count(*), sum(stars) FROM ratings WHERE true GROUP BY terminal_id, theme "
    "ON CONFLICT (terminal_id, theme) DO UPDATE SET ratings = excluded.ratings, stars = excluded.stars"
)


@dataclass(frozen=True)
class RatingTotal:
    """A terminal's or a theme's 好差评: how many, their stars, and the average the fleet shows."""

    key: str  # terminal id or theme
    count: int
    stars: int

    @property
    def average(self) -> float:
        return round(self.stars / self.count, 2)


class TallyChanges:
    """Changes to the totals made inside one transaction; `apply` writes them."""

    def __init__(self) -> None:
        self._changes: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])

    def add(
        self, terminal_id: str, theme: str, applications: int = 0, ratings: int = 0, stars: int = 0
    ) -> None:
        change = self._changes[(terminal_id, theme)]
        change[0] += applications
        change[1] += ratings
        change[2] += stars

    def apply(self, tx: Transaction) -> None:
        for (terminal_id, theme), (applications, ratings, stars) in sorted(self._changes.items()):
            if applications or ratings or stars:
                tx.execute(
                    "INSERT INTO fleet_tallies (terminal_id, theme, applications, ratings, stars) "
                    "VALUES (:tid, :theme, :a, :r, :s) ON CONFLICT (terminal_id, theme) DO UPDATE SET "
                    "applications = fleet_tallies.applications + excluded.applications, "
                    "ratings = fleet_tallies.ratings + excluded.ratings, "
                    "stars = fleet_tallies.stars + excluded.stars",
                    {"tid": terminal_id, "theme": theme, "a": applications, "r": ratings, "s": stars},
                )
        self._changes.clear()


def fill_if_new(tx: Transaction) -> None:
    """Count what is already stored when the totals table is new (a hub from before it): once.

    Run in the schema transaction (one schema creator at a time on PostgreSQL). Rows are
    never deleted from fleet_tallies, so an empty table means it was never filled.
    """
    if tx.fetchone("SELECT 1 FROM fleet_tallies LIMIT 1") is not None:
        return
    tx.execute(_FILL_APPLICATIONS)
    tx.execute(_FILL_RATINGS)


def applications_by_terminal(tx: Transaction) -> dict[str, int]:
    """terminal id → applications stored (terminals with none are left out)."""
    rows = tx.fetchall(
        "SELECT terminal_id, sum(applications) FROM fleet_tallies GROUP BY terminal_id "
        "HAVING sum(applications) > 0"
    )
    return {r[0]: int(r[1]) for r in rows}


def ratings_by(tx: Transaction, column: str) -> list[RatingTotal]:
    """Ratings and their stars per terminal_id or per theme (keys with none are left out)."""
    if column not in ("terminal_id", "theme"):
        raise ValueError(f"ratings are totalled by terminal_id or theme, not {column!r}")
    rows = tx.fetchall(
        f"SELECT {column}, sum(ratings), sum(stars) FROM fleet_tallies GROUP BY {column} "
        "HAVING sum(ratings) > 0"
    )
    return [RatingTotal(r[0], int(r[1]), int(r[2])) for r in rows]
