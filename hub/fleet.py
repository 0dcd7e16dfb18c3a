"""Terminal health for the supervisor: the last heartbeat of every terminal, and recent activity.

Heartbeats are kept as sent (last one per terminal); the listing adds what the fleet
page needs read out of them (hub/fleet_summary.py), whether each terminal is stale,
and the applications received per hour and per theme over the last 24 hours.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from hub import fleet_summary
from hub.applications import ApplicationStore
from hub.catalog import CatalogStore
from hub.clock import now_text, to_text
from hub.db import Database
from hub.models import FleetReply, FleetTerminal, HourCount, ThemeCount, ThemeRating
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

    def terminals(self, now: datetime | None = None) -> list[FleetTerminal]:
        now = now or datetime.now(UTC)
        stale_before = to_text(now - timedelta(seconds=self.stale_after_s))
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT t.terminal_id, t.enabled, h.received_at, h.payload FROM terminals t "
                "LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id ORDER BY t.terminal_id"
            )
        counts = self._applications.count_by_terminal()
        listed = [_terminal(r, counts.get(r[0], 0), stale_before) for r in rows]
        return self._with_catalog_and_ratings(listed)

    def _with_catalog_and_ratings(self, terminals: list[FleetTerminal]) -> list[FleetTerminal]:
        """Each terminal's catalog number (behind the latest?) and its 好差评 average and count."""
        numbers = self._catalog.numbers()
        latest = self._catalog.latest_publication()
        ratings = self._ratings.by_terminal()
        for terminal in terminals:
            reported = terminal.catalog_version
            terminal.catalog_number = numbers.get(reported) if reported else None
            terminal.catalog_behind = latest is not None and reported is not None and reported != latest[0]
            rated = ratings.get(terminal.terminal_id)
            if rated is not None:
                terminal.rating_count, terminal.rating_average = rated.count, rated.average
        return terminals


    def overview(self, now: datetime | None = None) -> FleetReply:
        """Everything the fleet page shows, as of `now` (default: the hub clock)."""
        now = now or datetime.now(UTC)
        per_hour, per_theme = self.activity(now)
        latest = self._catalog.latest_publication()
        return FleetReply(
            terminals=self.terminals(now),
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


def _terminal(row: tuple[Any, ...], received: int, stale_before: str) -> FleetTerminal:
    terminal_id, enabled, last_at, payload = row
    beat = json.loads(payload) if payload else None
    body = beat if isinstance(beat, dict) else {}
    software, catalog = fleet_summary.versions(body.get("versions"))
    return FleetTerminal(
        terminal_id=terminal_id,
        enabled=bool(enabled),
        last_heartbeat_at=last_at,
        heartbeat=beat if isinstance(beat, dict) else None,
        applications_received=received,
        stale=last_at is None or last_at < stale_before,
        devices=fleet_summary.device_states(body.get("devices")),
        queue=fleet_summary.queue_state(body.get("queue"), body),
        software_version=software,
        catalog_version=catalog,
        alerts=fleet_summary.alerts(body.get("alerts")),
    )
