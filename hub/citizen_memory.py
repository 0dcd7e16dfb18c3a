"""What the hub remembers of a citizen between visits: the delivery method chosen last.

The kiosk preselects it on the delivery screen (自取 or 邮寄), so a citizen who had the
licences posted last time is not asked again; the choice stays one tap to change. The
table names no one: rows are keyed by an HMAC of the ID number under a key derived from
the hub's master key, so the database alone cannot tell whose choice a row is, and the
only value kept is the method (the address comes from the person's profile).

An application queued offline may arrive after a newer one: the row keeps the choice of
the application the kiosk committed last (its ``created_at``), not the one received last.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from flows.journey import DELIVERY_METHODS
from hub.clock import to_text
from hub.db import Database, Transaction
from hub.matter_progress import RATING_THEME
from hub.models import ApplicationIn

_KEY_LABEL = b"onestop citizen memory v1"  # domain separation: this key seals nothing else

CITIZEN_MEMORY_TABLE = """CREATE TABLE IF NOT EXISTS citizen_choices (
    person_key TEXT PRIMARY KEY,
    delivery_method TEXT NOT NULL,
    chosen_at TEXT NOT NULL
)"""


class CitizenMemory:
    """Writes a citizen's last delivery choice as applications arrive; reads it for the profile."""

    def __init__(self, db: Database, master_key: bytes) -> None:
        self._db = db
        self._key = hmac.new(master_key, _KEY_LABEL, hashlib.sha256).digest()

    def person_key(self, id_number: str) -> str:
        return hmac.new(self._key, id_number.strip().upper().encode("ascii", "replace"),
                        hashlib.sha256).hexdigest()

    def remember(self, tx: Transaction, items: Iterable[ApplicationIn]) -> None:
        """Inside the applications' own transaction: what was stored is what is remembered."""
        for item in items:
            choice = _delivery_choice(item)
            if choice is None:
                continue
            id_number, method = choice
            tx.execute(
                "INSERT INTO citizen_choices (person_key, delivery_method, chosen_at)"
                " VALUES (:key, :method, :at)"
                " ON CONFLICT (person_key) DO UPDATE SET delivery_method = excluded.delivery_method,"
                " chosen_at = excluded.chosen_at WHERE excluded.chosen_at >= citizen_choices.chosen_at",
                {"key": self.person_key(id_number), "method": method, "at": to_text(item.created_at)},
            )

    def last_delivery(self, id_number: str) -> str | None:
        """The method of this citizen's newest application, or None when the hub has none."""
        with self._db.transaction() as tx:
            row = tx.fetchone("SELECT delivery_method FROM citizen_choices WHERE person_key = :key",
                              {"key": self.person_key(id_number)})
        return row[0] if row and row[0] in DELIVERY_METHODS else None


def _delivery_choice(item: ApplicationIn) -> tuple[str, str] | None:
    """(ID number, method) of an application, or None for a rating or a body without them."""
    if item.theme == RATING_THEME:
        return None
    applicant, delivery = item.body_part("applicant"), item.body_part("delivery")
    id_number = str(applicant.get("id_number") or "").strip()
    method = delivery.get("method")
    if not id_number or method not in DELIVERY_METHODS:
        return None
    return id_number, str(method)
