"""Receiving applications exactly once: store new ones, recognise replays, refuse conflicts.

One row per (terminal_id, application_id) is kept forever. Every item is written
inside a transaction that commits before the hub replies, so an acknowledgement
always means "durably stored". The body hash (SHA-256 of canonical JSON of theme
and body) decides whether a repeated id is the same application (replayed) or a
different one under a reused id (conflict).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from hub.clock import now_text, to_text
from hub.db import Database, Transaction
from hub.errors import ApplicationConflict, ApplicationInFlight, HubBusy
from hub.inflight import InFlightKeys
from hub.models import ApplicationIn, BatchItemResult
from hub.tallies import TallyChanges, applications_by_terminal

BATCH_WAIT_S = 5.0
RECEIVED_LIMIT = 5000
_ITEM = TypeAdapter(ApplicationIn)


@dataclass(frozen=True)
class StoredApplication:
    application_id: str
    status: str  # created | replayed | conflict
    receipt: str | None
    received_at: str | None


def body_hash(theme: str, body: dict[str, Any]) -> str:
    """SHA-256 of canonical JSON (sorted keys, no spaces, UTF-8) of {"theme", "body"}."""
    text = json.dumps(
        {"theme": theme, "body": body}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _new_receipt(received_at: str) -> str:
    return f"HUB-{received_at[:10].replace('-', '')}-{secrets.token_hex(5).upper()}"


def _describe(error: ValidationError) -> str:
    """Field locations and messages only: never echo the input, which may hold PII."""
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "item"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


class ApplicationStore:
    """Writes and reads the applications table for one hub."""

    def __init__(
        self,
        db: Database,
        in_flight: InFlightKeys,
        dedup: bool = True,
        on_created: Callable[[Transaction, str, list[ApplicationIn], str], None] | None = None,
    ) -> None:
        self._db = db
        self._in_flight = in_flight
        self._dedup = dedup
        self._on_created = on_created  # runs in the same transaction (progress tracking registers here)

    def _store_many(
        self, tx: Transaction, terminal_id: str, items: list[ApplicationIn]
    ) -> list[StoredApplication]:
        """Write items with one multi-row INSERT and one SELECT; one result per item, in order.

        Rows go in sorted by application id so concurrent batches lock in the same order.
        A repeat inside the same batch is judged against its first occurrence.
        """
        received_at = now_text()
        prepared = [(str(item.application_id), body_hash(item.theme, item.body), item) for item in items]
        first: dict[str, tuple[str, ApplicationIn]] = {}
        for app_id, digest, item in prepared:
            first.setdefault(app_id, (digest, item))
        to_insert = sorted(first.items()) if self._dedup else sorted((a, (d, i)) for a, d, i in prepared)
        receipts = self._insert(tx, terminal_id, received_at, to_insert)
        if not self._dedup:
            by_id: dict[str, list[str]] = {}
            for app_id, receipt in receipts:
                by_id.setdefault(app_id, []).append(receipt)
            return [StoredApplication(a, "created", by_id[a].pop(), received_at) for a, _, _ in prepared]
        created = dict(receipts)
        if self._on_created is not None and created:
            self._on_created(tx, terminal_id, [first[a][1] for a in sorted(created)], received_at)
        existing = self._existing(tx, terminal_id, [a for a in first if a not in created])
        outcome: dict[str, StoredApplication] = {}
        for app_id, (digest, _) in first.items():
            if app_id in created:
                outcome[app_id] = StoredApplication(app_id, "created", created[app_id], received_at)
            elif existing[app_id][0] == digest:
                outcome[app_id] = StoredApplication(app_id, "replayed", *existing[app_id][1:])
            else:
                outcome[app_id] = StoredApplication(app_id, "conflict", None, None)
        results: list[StoredApplication] = []
        seen: set[str] = set()
        for app_id, digest, _ in prepared:
            result = outcome[app_id]
            if app_id in seen and result.status != "conflict":
                same = digest == first[app_id][0]
                result = (
                    StoredApplication(app_id, "replayed", result.receipt, result.received_at)
                    if same
                    else (StoredApplication(app_id, "conflict", None, None))
                )
            seen.add(app_id)
            results.append(result)
        return results

    def _insert(
        self,
        tx: Transaction,
        terminal_id: str,
        received_at: str,
        rows: list[tuple[str, tuple[str, ApplicationIn]]],
    ) -> list[tuple[str, str]]:
        """Insert rows (skipping ids already stored when dedup is on); (application_id, receipt) inserted."""
        if not rows:
            return []
        params: dict[str, Any] = {"tid": terminal_id, "received": received_at}
        values = []
        for n, (app_id, (digest, item)) in enumerate(rows):
            receipt = _new_receipt(received_at)
            values.append(f"(:tid, :a{n}, :t{n}, :c{n}, :h{n}, :b{n}, :r{n}, :received)")
            params.update(
                {
                    f"a{n}": app_id,
                    f"t{n}": item.theme,
                    f"c{n}": to_text(item.created_at),
                    f"h{n}": digest,
                    f"b{n}": json.dumps(item.body, ensure_ascii=False),
                    f"r{n}": receipt,
                }
            )
        conflict = " ON CONFLICT (terminal_id, application_id) DO NOTHING" if self._dedup else ""
        inserted = tx.fetchall(
            "INSERT INTO applications (terminal_id, application_id, theme, created_at, body_hash, body, "
            "receipt, received_at) VALUES "
            + ", ".join(values)
            + conflict
            + " RETURNING application_id, receipt, theme",
            params,
        )
        tally = TallyChanges()
        for row in inserted:
            tally.add(terminal_id, row[2], applications=1)
        tally.apply(tx)
        return [(row[0], row[1]) for row in inserted]

    def _existing(
        self, tx: Transaction, terminal_id: str, app_ids: list[str]
    ) -> dict[str, tuple[str, str, str]]:
        """application_id → (body_hash, receipt, received_at) of rows already stored."""
        if not app_ids:
            return {}
        params: dict[str, Any] = {"tid": terminal_id}
        params.update({f"a{n}": app_id for n, app_id in enumerate(app_ids)})
        rows = tx.fetchall(
            "SELECT application_id, body_hash, receipt, received_at FROM applications "
            "WHERE terminal_id = :tid AND application_id IN ("
            + ", ".join(f":a{n}" for n in range(len(app_ids)))
            + ")",
            params,
        )
        found = {row[0]: (row[1], row[2], row[3]) for row in rows}
        missing = [a for a in app_ids if a not in found]
        if missing:
            raise HubBusy("an application vanished while being stored; retry shortly")
        return found

    def receive_one(self, terminal_id: str, item: ApplicationIn) -> StoredApplication:
        """Store one application; ApplicationInFlight if a copy is being processed, ApplicationConflict."""
        key = (terminal_id, str(item.application_id))
        with self._db.transaction(write=True) as tx:
            if not self._in_flight.claim(tx, [key], wait=False):
                raise ApplicationInFlight(
                    "this application is being received by another request; retry in a moment"
                )
            result = self._store_many(tx, terminal_id, [item])[0]
        if result.status == "conflict":
            raise ApplicationConflict(
                "this application id was already received with a different body; "
                "the terminal must not reuse application ids"
            )
        return result

    def receive_batch(self, terminal_id: str, raw_items: list[Any]) -> list[BatchItemResult]:
        """Store every valid item in one transaction; malformed items are rejected on their own."""
        results: list[BatchItemResult | None] = [None] * len(raw_items)
        valid: list[tuple[int, ApplicationIn]] = []
        for index, raw in enumerate(raw_items):
            try:
                valid.append((index, _ITEM.validate_python(raw)))
            except ValidationError as exc:
                results[index] = BatchItemResult(
                    application_id=_raw_id(raw), status="rejected", error=_describe(exc)
                )
        keys = [(terminal_id, str(item.application_id)) for _, item in valid]
        with self._db.transaction(write=True) as tx:
            self._in_flight.claim(tx, keys, wait=True)  # past BATCH_WAIT_S: HubBusy, retry shortly
            stored = self._store_many(tx, terminal_id, [item for _, item in valid])
        for (index, _), result in zip(valid, stored, strict=True):
            results[index] = BatchItemResult(
                application_id=result.application_id,
                status=result.status,  # type: ignore[arg-type]
                receipt=result.receipt,
                error="same application id already received with a different body"
                if result.status == "conflict"
                else None,
            )
        return [r for r in results if r is not None]

    def received_since(
        self, terminal_id: str, since: datetime, limit: int = RECEIVED_LIMIT
    ) -> tuple[list[str], bool, str | None]:
        """Ids received from this terminal at or after `since`, oldest first; (ids, truncated, last time)."""
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT application_id, received_at FROM applications "
                "WHERE terminal_id = :tid AND received_at >= :since ORDER BY received_at, seq LIMIT :lim",
                {"tid": terminal_id, "since": to_text(since), "lim": limit + 1},
            )
        truncated = len(rows) > limit
        rows = rows[:limit]
        return [r[0] for r in rows], truncated, (rows[-1][1] if rows else None)

    def count_by_terminal(self) -> dict[str, int]:
        """terminal id → applications stored, from the running totals (hub/tallies.py), not a table scan."""
        with self._db.transaction() as tx:
            return applications_by_terminal(tx)

    def ids_for(self, terminal_id: str) -> list[str]:
        """Every stored application id of one terminal, duplicates included (for tests and audits)."""
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT application_id FROM applications WHERE terminal_id = :tid ORDER BY seq",
                {"tid": terminal_id},
            )
        return [r[0] for r in rows]


def _raw_id(raw: Any) -> str | None:
    if isinstance(raw, dict):
        value = raw.get("application_id")
        if isinstance(value, str) and len(value) <= 64:
            return value
    return None


def stored_application_ids(db_url: str, terminal_id: str) -> list[str]:
    """Every application id stored for a terminal (duplicates included), read straight from a hub database.

    For exactly-once checks after a hub process was killed; needs no running hub or key file.
    """
    from hub.db import open_database

    db = open_database(db_url)
    try:
        return ApplicationStore(db, InFlightKeys(db.dialect)).ids_for(terminal_id)
    finally:
        db.close()
