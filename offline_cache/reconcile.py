"""Reconciliation: does the hub still hold everything this terminal believes it delivered?

The outbox forgets a body once the hub acknowledges it, so an acknowledgement is
trusted. This check catches the rare case where the trust was misplaced (a hub
restored from an old backup, say): ids acknowledged here but absent at the hub
are listed for staff, with the hub receipts the kiosk kept, so the applicants
can be contacted. It never re-sends and never deletes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from offline_cache.hub_client import HubClient
from offline_cache.outbox import OutboxStore

HUB_CLOCK_MARGIN = timedelta(hours=1)


@dataclass(frozen=True)
class ReconcileReport:
    """`checked` acknowledged ids since the time; `missing_at_hub` need a person to follow up."""

    since: datetime
    checked: int
    missing_at_hub: list[str]

    @property
    def ok(self) -> bool:
        return not self.missing_at_hub


def reconcile(outbox: OutboxStore, client: HubClient, since: datetime) -> ReconcileReport:
    """Compare ids acknowledged since `since` with what the hub lists (raises HubError if unreachable)."""
    local = outbox.acked_since(since)
    at_hub = set(client.received_since((since - HUB_CLOCK_MARGIN).isoformat()))
    return ReconcileReport(since, len(local), [i for i in local if i not in at_hub])
