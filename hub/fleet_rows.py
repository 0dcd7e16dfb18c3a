"""The fleet listing's rows, built cheaply: heartbeats read once, terminals ranked by urgency.

A fleet of 1,000 terminals is listed every few seconds by every open fleet page, but in ten
seconds only the terminals that sent a heartbeat since (about one in six at the default 60 s
interval) have anything new to read. `HeartbeatReadings` keeps what fleet_summary read out of
each terminal's last heartbeat, keyed by the stored row itself (received_at and the payload
text), so a listing parses and summarises only the heartbeats that changed. The key is the
database's own value, so several hub processes each keep their own readings and all agree.

`attention_rank` orders terminals for a supervisor who cannot read 1,000 rows: a call for
staff first, then device errors or dead outbox items, then silent (stale) terminals, then
those behind the catalog or with other alerts or device warnings, then the rest.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

from hub import fleet_summary
from hub.models import DeviceState, FleetAlert, FleetTerminal, QueueState


@dataclass(frozen=True)
class HeartbeatReading:
    """What the fleet page needs out of one stored heartbeat (shared between listings: read only)."""

    heartbeat: dict[str, Any] | None
    devices: list[DeviceState]
    queue: QueueState
    software_version: str | None
    catalog_version: str | None
    alerts: list[FleetAlert]


EMPTY_READING = HeartbeatReading(None, [], QueueState(), None, None, [])


def read_heartbeat(payload: str | None) -> HeartbeatReading:
    """Parse and summarise one stored heartbeat; any odd shape reads as "unknown", never fails."""
    if not payload:
        return EMPTY_READING
    try:
        beat = json.loads(payload)
    except ValueError:
        return EMPTY_READING
    if not isinstance(beat, dict):
        return EMPTY_READING
    software, catalog = fleet_summary.versions(beat.get("versions"))
    return HeartbeatReading(
        heartbeat=beat,
        devices=fleet_summary.device_states(beat.get("devices")),
        queue=fleet_summary.queue_state(beat.get("queue"), beat),
        software_version=software,
        catalog_version=catalog,
        alerts=fleet_summary.alerts(beat.get("alerts")),
    )


class HeartbeatReadings:
    """terminal id → its last heartbeat's reading, re-read only when the stored row changed."""

    def __init__(self) -> None:
        self._readings: dict[str, tuple[str | None, str | None, HeartbeatReading]] = {}
        self._lock = threading.Lock()

    def read_all(self, rows: list[tuple[str, str | None, str | None]]) -> list[HeartbeatReading]:
        """Readings for (terminal_id, received_at, payload) rows, in order; forgets terminals not listed."""
        with self._lock:
            known = self._readings
        fresh: dict[str, tuple[str | None, str | None, HeartbeatReading]] = {}
        found = []
        for terminal_id, received_at, payload in rows:
            entry = known.get(terminal_id)
            if entry is None or entry[0] != received_at or entry[1] != payload:
                entry = (received_at, payload, read_heartbeat(payload))
            fresh[terminal_id] = entry
            found.append(entry[2])
        with self._lock:
            self._readings = fresh
        return found


def attention_rank(terminal: FleetTerminal) -> int:
    """0 = most urgent (a citizen waits for staff) … 4 = nothing to do."""
    if any(a.kind == "call_staff" for a in terminal.alerts):
        return 0
    if any(d.severity == "error" for d in terminal.devices) or (terminal.queue.dead or 0) > 0:
        return 1
    if terminal.stale:
        return 2
    if terminal.catalog_behind or terminal.alerts or any(d.severity == "warn" for d in terminal.devices):
        return 3
    return 4
