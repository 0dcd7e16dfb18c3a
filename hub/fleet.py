"""Terminal health for the supervisor: the last heartbeat of every terminal, and recent activity.

Heartbeats are kept as sent (last one per terminal); the listing adds what the fleet
page needs read out of them (hub/fleet_summary.py, read once per new heartbeat by
hub/fleet_rows.py), whether each terminal is stale, and the applications received per
hour and per theme over the last 24 hours. A listing costs one query per table, not per
terminal; a row is parsed, built and serialised again only when something it shows changed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from hub.applications import ApplicationStore
from hub.catalog import CatalogStore
from hub.clock import now_text, to_text
from hub.db import Database
from hub.fleet_rows import FleetRows, HeartbeatReading, ListedRow, RowFacts, attention_rank
from hub.models import (
    FleetCounts,
    FleetOrder,
    FleetReply,
    FleetTerminal,
    HourCount,
    ThemeCount,
    ThemeRating,
)
from hub.ratings import RatingStore
from hub.terminals import advance_heartbeat_sequence

DEFAULT_STALE_AFTER_S = 180.0  # three of the terminals' default 60 s heartbeat intervals
ACTIVITY_HOURS = 24


class FleetStore:
    """Stores heartbeats (last per terminal) and lists the fleet."""

    def __init__(
        self,
        db: Database,
        applications: ApplicationStore,
        catalog: CatalogStore,
        ratings: RatingStore,
        stale_after_s: float = DEFAULT_STALE_AFTER_S,
    ) -> None:
        self._db = db
        self._applications = applications
        self._catalog = catalog
        self._ratings = ratings
        self.stale_after_s = stale_after_s
        self._listed = FleetRows()

    def record_heartbeat(self, terminal_id: str, payload: dict[str, Any]) -> None:
        """Keep the heartbeat unless a newer one (higher `sequence`) is already stored."""
        with self._db.transaction(write=True) as tx:
            if not advance_heartbeat_sequence(tx, terminal_id, int(payload["sequence"])):
                return
            tx.execute(
                "INSERT INTO heartbeats (terminal_id, received_at, payload) VALUES (:tid, :at, :payload) "
                "ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, "
                "payload = excluded.payload",
                {"tid": terminal_id, "at": now_text(), "payload": json.dumps(payload, ensure_ascii=False)},
            )

    def terminals(
        self, now: datetime | None = None, order: FleetOrder = "terminal_id", limit: int | None = None
    ) -> list[FleetTerminal]:
        """The fleet's rows (see `overview`), shared with later listings: read only."""
        rows = self._rows(now or datetime.now(UTC), self._catalog.latest_publication())
        return [row.terminal for row in _ordered(rows, order, limit)]

    def _rows(self, now: datetime, latest: tuple[str, int] | None) -> list[ListedRow]:
        """Every registered terminal by id: one query per table, a row rebuilt only when it changed."""
        stale_before = to_text(now - timedelta(seconds=self.stale_after_s))
        with self._db.transaction() as tx:
            stored = tx.fetchall(
                "SELECT t.terminal_id, t.enabled, h.received_at, h.payload FROM terminals t "
                "LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id ORDER BY t.terminal_id"
            )
        enabled = {r[0]: bool(r[1]) for r in stored}
        received = self._applications.count_by_terminal()
        numbers = self._catalog.numbers()
        ratings = self._ratings.by_terminal()

        def facts(terminal_id: str, reading: HeartbeatReading, last_at: str | None) -> RowFacts:
            reported, rated = reading.catalog_version, ratings.get(terminal_id)
            return RowFacts(
                enabled=enabled[terminal_id],
                applications_received=received.get(terminal_id, 0),
                stale=last_at is None or last_at < stale_before,
                catalog_number=numbers.get(reported) if reported else None,
                catalog_behind=latest is not None and reported is not None and reported != latest[0],
                rating_count=rated.count if rated else 0,
                rating_average=rated.average if rated else None,
            )

        return self._listed.build([(r[0], r[2], r[3]) for r in stored], facts)

    def overview(
        self, now: datetime | None = None, order: FleetOrder = "terminal_id", limit: int | None = None
    ) -> FleetReply:
        """Everything the fleet page shows, as of `now` (default: the hub clock).

        order="attention" lists the most urgent terminals first (hub/fleet_rows.attention_rank);
        limit keeps only the first rows; `counts` always covers the whole fleet.
        """
        reply, rows = self._overview(now or datetime.now(UTC), order, limit)
        reply.terminals = [row.terminal for row in rows]
        return reply

    def overview_json(self, order: FleetOrder = "terminal_id", limit: int | None = None) -> bytes:
        """`overview()` as the JSON GET /v1/fleet sends: rows serialised once each, when they change."""
        reply, rows = self._overview(datetime.now(UTC), order, limit)
        rest = reply.model_dump_json().encode("utf-8")
        if not rest.startswith(_NO_TERMINALS):  # terminals is FleetReply's first field
            raise AssertionError("FleetReply no longer starts with its terminals")
        return b'{"terminals":[' + b",".join(row.json() for row in rows) + b"]" + rest[len(_NO_TERMINALS):]

    def _overview(
        self, now: datetime, order: FleetOrder, limit: int | None
    ) -> tuple[FleetReply, list[ListedRow]]:
        """The reply without its terminals, and the rows to list in it."""
        latest = self._catalog.latest_publication()
        rows = self._rows(now, latest)
        per_hour, per_theme = self.activity(now)
        reply = FleetReply.model_construct(
            terminals=[],
            counts=_counts([row.terminal for row in rows]),
            generated_at=to_text(now),
            stale_after_s=self.stale_after_s,
            applications_per_hour=per_hour,
            applications_per_theme=per_theme,
            ratings_per_theme=[
                ThemeRating(theme=r.key, count=r.count, average=r.average) for r in self._ratings.by_theme()
            ],
            catalog_latest_version=latest[0] if latest else None,
            catalog_latest_number=latest[1] if latest else None,
        )
        return reply, _ordered(rows, order, limit)

    def activity(self, now: datetime) -> tuple[list[HourCount], list[ThemeCount]]:
        """Applications received in the last 24 hours: per hour (all 24 listed) and per theme."""
        current_hour = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        first_hour = current_hour - timedelta(hours=ACTIVITY_HOURS - 1)
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT substr(received_at, 1, 13) AS hour, theme, count(*) FROM applications "
                "WHERE received_at >= :since GROUP BY substr(received_at, 1, 13), theme",
                {"since": to_text(first_hour)},
            )
        hours: dict[str, int] = {}
        themes: dict[str, int] = {}
        for hour, theme, count in rows:
            hours[hour] = hours.get(hour, 0) + int(count)
            themes[theme] = themes.get(theme, 0) + int(count)
        per_hour = []
        for i in range(ACTIVITY_HOURS):
            start = first_hour + timedelta(hours=i)
            key = to_text(start)[:13]
            per_hour.append(HourCount(hour=f"{key}:00:00Z", count=hours.get(key, 0)))
        ranked = sorted(themes.items(), key=lambda item: (-item[1], item[0]))
        per_theme = [ThemeCount(theme=theme, count=count) for theme, count in ranked]
        return per_hour, per_theme


_NO_TERMINALS = b'{"terminals":[]'


def _ordered(rows: list[ListedRow], order: FleetOrder, limit: int | None) -> list[ListedRow]:
    if order == "attention":
        rows = sorted(rows, key=lambda row: attention_rank(row.terminal))  # stable: by id within a rank
    return rows if limit is None else rows[:limit]


def _counts(rows: list[FleetTerminal]) -> FleetCounts:
    return FleetCounts(
        total=len(rows),
        stale=sum(1 for t in rows if t.stale),
        device_errors=sum(1 for t in rows if any(d.severity == "error" for d in t.devices)),
        catalog_behind=sum(1 for t in rows if t.catalog_behind),
        call_staff=sum(1 for t in rows if any(a.kind == "call_staff" for a in t.alerts)),
    )
