"""The fleet listing's rows, built cheaply: heartbeats read once, terminals ranked by urgency.

A fleet of 1,000 terminals is listed every few seconds by every open fleet page, but in ten
seconds only the terminals that sent a heartbeat or an application since have anything new to
show. `FleetRows` keeps each terminal's last row (what fleet_summary read out of its heartbeat,
the row's model and its JSON), keyed by what the tables say (the stored heartbeat's received_at
and text, the counts, stale, catalog), so a listing parses, builds and serialises only the rows
that changed. The keys are the database's own values, so several hub processes each keep their
own rows and all agree.

`attention_rank` orders terminals for a supervisor who cannot read 1,000 rows: a call for
staff first, then device errors or dead outbox items, then silent (stale) terminals, then
those behind the catalog or with other alerts or device warnings, then the rest.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
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


@dataclass(frozen=True)
class RowFacts:
    """What a terminal's row says besides its heartbeat, read from the tables for one listing."""

    enabled: bool
    applications_received: int
    stale: bool
    catalog_number: int | None
    catalog_behind: bool
    rating_count: int
    rating_average: float | None


class ListedRow:
    """One terminal's row: its model, and its JSON once a reply needed it (both shared, read only)."""

    __slots__ = ("_json", "facts", "payload", "reading", "received_at", "terminal")

    def __init__(
        self, terminal: FleetTerminal, facts: RowFacts, received_at: str | None, payload: str | None,
        reading: HeartbeatReading,
    ) -> None:
        self.terminal, self.facts = terminal, facts
        self.received_at, self.payload, self.reading = received_at, payload, reading
        self._json: bytes | None = None

    def json(self) -> bytes:
        if self._json is None:
            self._json = self.terminal.__pydantic_serializer__.to_json(self.terminal)
        return self._json


class FleetRows:
    """terminal id → its last listed row, rebuilt only when something it shows changed.

    A heartbeat is parsed again only when its stored row (received_at, payload) changed; the
    row's model and JSON only when the heartbeat or one of its RowFacts did.
    """

    def __init__(self) -> None:
        self._rows: dict[str, ListedRow] = {}
        self._lock = threading.Lock()

    def build(
        self,
        stored: list[tuple[str, str | None, str | None]],
        facts_for: Callable[[str, HeartbeatReading, str | None], RowFacts],
    ) -> list[ListedRow]:
        """Rows for (terminal_id, received_at, payload), in order; forgets terminals not listed."""
        with self._lock:
            known = self._rows
        fresh: dict[str, ListedRow] = {}
        for terminal_id, received_at, payload in stored:
            row = known.get(terminal_id)
            same_beat = row is not None and row.received_at == received_at and row.payload == payload
            reading = row.reading if row is not None and same_beat else read_heartbeat(payload)
            facts = facts_for(terminal_id, reading, received_at)
            if row is None or not same_beat or row.facts != facts:
                row = ListedRow(_terminal(terminal_id, received_at, reading, facts), facts, received_at,
                                payload, reading)
            fresh[terminal_id] = row
        with self._lock:
            self._rows = fresh
        return list(fresh.values())


def _terminal(
    terminal_id: str, received_at: str | None, reading: HeartbeatReading, facts: RowFacts
) -> FleetTerminal:
    # model_construct: every value below was read and checked here already (no second validation).
    return FleetTerminal.model_construct(
        terminal_id=terminal_id,
        enabled=facts.enabled,
        last_heartbeat_at=received_at,
        heartbeat=reading.heartbeat,
        applications_received=facts.applications_received,
        stale=facts.stale,
        devices=reading.devices,
        queue=reading.queue,
        software_version=reading.software_version,
        catalog_version=reading.catalog_version,
        catalog_number=facts.catalog_number,
        catalog_behind=facts.catalog_behind,
        rating_count=facts.rating_count,
        rating_average=facts.rating_average,
        alerts=reading.alerts,
    )


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
