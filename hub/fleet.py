"""Terminal health for the supervisor: the last heartbeat of every terminal, kept as sent."""

from __future__ import annotations

import json
from typing import Any

from hub.applications import ApplicationStore
from hub.clock import now_text
from hub.db import Database
from hub.models import FleetTerminal


class FleetStore:
    """Stores heartbeats (last per terminal) and lists the fleet."""

    def __init__(self, db: Database, applications: ApplicationStore) -> None:
        self._db = db
        self._applications = applications

    def record_heartbeat(self, terminal_id: str, payload: dict[str, Any]) -> None:
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO heartbeats (terminal_id, received_at, payload) VALUES (:tid, :at, :payload) "
                "ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, "
                "payload = excluded.payload",
                {"tid": terminal_id, "at": now_text(), "payload": json.dumps(payload, ensure_ascii=False)},
            )

    def terminals(self) -> list[FleetTerminal]:
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT t.terminal_id, t.enabled, h.received_at, h.payload FROM terminals t "
                "LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id ORDER BY t.terminal_id"
            )
        counts = self._applications.count_by_terminal()
        return [
            FleetTerminal(
                terminal_id=r[0],
                enabled=bool(r[1]),
                last_heartbeat_at=r[2],
                heartbeat=json.loads(r[3]) if r[3] else None,
                applications_received=counts.get(r[0], 0),
            )
            for r in rows
        ]
