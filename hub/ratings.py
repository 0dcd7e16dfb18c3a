"""好差评: the citizen's stars for an application, a message of its own, never an application.

One row per rated application: a citizen who taps again sends a new rating (new rating id,
later rated_at) that replaces the first; a re-sent rating (same id, the terminal re-sends
until acknowledged) is `replayed` and changes nothing. The fleet page reads the average and the
count per terminal and per theme. Terminals before this module queued ratings as
applications of theme "rating"; `adopt_legacy_ratings` moves such rows here at start-up
so they stop counting as applications.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import TypeAdapter, ValidationError

from hub.clock import now_text, to_text
from hub.db import Database, Transaction
from hub.errors import HubBusy
from hub.models import RatingIn, RatingResult
from hub.tallies import RatingTotal, TallyChanges, ratings_by

log = logging.getLogger(__name__)

LEGACY_THEME = "rating"
_ITEM = TypeAdapter(RatingIn)


class RatingStore:
    """Writes and summarises the ratings table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def receive_batch(self, terminal_id: str, raw_items: list[Any]) -> list[RatingResult]:
        """Store every valid rating once (a repeat is `replayed`); a malformed one is `rejected` alone."""
        results: list[RatingResult | None] = [None] * len(raw_items)
        valid: list[tuple[int, RatingIn]] = []
        for index, raw in enumerate(raw_items):
            try:
                valid.append((index, _ITEM.validate_python(raw)))
            except ValidationError as exc:
                rating_id = raw.get("rating_id") if isinstance(raw, dict) else None
                shown = rating_id if isinstance(rating_id, str) and len(rating_id) <= 64 else None
                where = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'item'}: {e['msg']}" for e in exc.errors()[:5]
                )
                results[index] = RatingResult(rating_id=shown, status="rejected", error=where)
        received_at = now_text()
        tally = TallyChanges()
        with self._db.transaction(write=True) as tx:
            for index, item in sorted(valid, key=lambda pair: (str(pair[1].application_id), pair[0])):
                status = _store(tx, terminal_id, item, received_at, tally)
                results[index] = RatingResult(rating_id=str(item.rating_id), status=status)
            tally.apply(tx)
        return [r for r in results if r is not None]

    def by_terminal(self) -> dict[str, RatingTotal]:
        return self._summary("terminal_id")

    def by_theme(self) -> list[RatingTotal]:
        return sorted(self._summary("theme").values(), key=lambda s: (-s.count, s.key))

    def _summary(self, column: str) -> dict[str, RatingTotal]:
        """From the running totals (hub/tallies.py): a few thousand small rows, not every rating."""
        with self._db.transaction() as tx:
            totals = ratings_by(tx, column)
        return {t.key: t for t in totals}

    def adopt_legacy_ratings(self) -> int:
        """Move applications of theme "rating" (older terminals) into this table; return how many."""
        tally = TallyChanges()
        with self._db.transaction(write=True) as tx:
            if not _legacy_rows_stored(tx):
                return 0
            rows = tx.fetchall(
                "SELECT terminal_id, application_id, body, created_at, received_at FROM applications "
                "WHERE theme = :theme",
                {"theme": LEGACY_THEME},
            )
            for terminal_id, rating_id, body, created_at, received_at in rows:
                data = _legacy_body(body)
                if data is None:
                    continue
                rated = tx.fetchone(
                    "SELECT theme FROM applications WHERE terminal_id = :tid AND application_id = :aid",
                    {"tid": terminal_id, "aid": data[0]},
                )
                try:
                    item = RatingIn(rating_id=rating_id, application_id=data[0], stars=data[1],
                                    theme=rated[0] if rated else "unknown", rated_at=created_at)
                except ValidationError:
                    continue
                _store(tx, terminal_id, item, received_at, tally)
                moved = tx.execute(
                    "DELETE FROM applications WHERE terminal_id = :tid AND application_id = :rid",
                    {"tid": terminal_id, "rid": rating_id},
                )
                tally.add(terminal_id, LEGACY_THEME, applications=-moved)
            tally.apply(tx)
        if rows:
            log.info("moved %d rating(s) sent as applications into the ratings table", len(rows))
        return len(rows)


def _legacy_rows_stored(tx: Transaction) -> bool:
    """Any application of theme "rating" stored? From the totals: no scan of every application."""
    row = tx.fetchone(
        "SELECT 1 FROM fleet_tallies WHERE theme = :theme AND applications > 0 LIMIT 1",
        {"theme": LEGACY_THEME},
    )
    return row is not None


STORE_ATTEMPTS = 3


def _store(tx: Transaction, terminal_id: str, item: RatingIn, received_at: str, tally: TallyChanges) -> str:
    """created (first or corrected rating of that application) or replayed (seen, or older).

    A correction replaces the row only if it is still the one read (same rating_id), so two
    hub processes correcting one rating at once cannot both subtract the same old stars from
    the totals: the one that finds the row changed reads it again.
    """
    params = {
        "tid": terminal_id,
        "rid": str(item.rating_id),
        "aid": str(item.application_id),
        "theme": item.theme,
        "stars": item.stars,
        "rated": to_text(item.rated_at),
        "received": received_at,
    }
    for _attempt in range(STORE_ATTEMPTS):
        found = tx.fetchone(
            "SELECT rating_id, rated_at, theme, stars FROM ratings "
            "WHERE terminal_id = :tid AND application_id = :aid",
            params,
        )
        if found is None:
            added = tx.execute(
                "INSERT INTO ratings (terminal_id, application_id, rating_id, theme, stars, rated_at,"
                " received_at) VALUES (:tid, :aid, :rid, :theme, :stars, :rated, :received)"
                " ON CONFLICT (terminal_id, application_id) DO NOTHING",
                params,
            )
            if added:
                tally.add(terminal_id, item.theme, ratings=1, stars=item.stars)
                return "created"
            continue  # another process stored this application's rating just now: judge against it
        if found[0] == params["rid"] or found[1] >= params["rated"]:
            return "replayed"
        replaced = tx.execute(
            "UPDATE ratings SET rating_id = :rid, theme = :theme, stars = :stars, rated_at = :rated,"
            " received_at = :received WHERE terminal_id = :tid AND application_id = :aid"
            " AND rating_id = :old",
            {**params, "old": found[0]},
        )
        if replaced:
            tally.add(terminal_id, found[2], ratings=-1, stars=-int(found[3]))
            tally.add(terminal_id, item.theme, ratings=1, stars=item.stars)
            return "created"
    raise HubBusy("this rating is being changed by another request; retry shortly")


def _legacy_body(body: str) -> tuple[str, int] | None:
    """(application id, stars) of an old rating body, or None when it is not one."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    stars, application_id = data.get("stars"), data.get("application_id")
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        return None
    if not isinstance(application_id, str):
        return None
    return application_id, stars
