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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from hub.clock import now_text, to_text
from hub.db import Database, Transaction
from hub.errors import ApplicationConflict, ApplicationInFlight, HubBusy
from hub.inflight import InFlightKeys
from hub.models import ApplicationIn, BatchItemResult

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

    def __init__(self, db: Database, in_flight: InFlightKeys, dedup: bool = True) -> None:
        self._db = db
        self._in_flight = in_flight
        self._dedup = dedup

    def _store(self, tx: Transaction, terminal_id: str, item: ApplicationIn) -> StoredApplication:
        app_id = str(item.application_id)
        digest = body_hash(item.theme, item.body)
        received_at = now_text()
        receipt = _new_receipt(received_at)
        conflict_clause = " ON CONFLICT (terminal_id, application_id) DO NOTHING" if self._dedup else ""
        inserted = tx.execute(
            "INSERT INTO applications (terminal_id, application_id, theme, created_at, body_hash, body, "
            "receipt, received_at) VALUES (:tid, :aid, :theme, :created, :hash, :body, :receipt, :received)"
            + conflict_clause,
            {
                "tid": terminal_id,
                "aid": app_id,
                "theme": item.theme,
                "created": to_text(item.created_at),
                "hash": digest,
                "body": json.dumps(item.body, ensure_ascii=False),
                "receipt": receipt,
                "received": received_at,
            },
        )
        if inserted:
            return StoredApplication(app_id, "created", receipt, received_at)
        row = tx.fetchone(
            "SELECT body_hash, receipt, received_at FROM applications "
            "WHERE terminal_id = :tid AND application_id = :aid",
            {"tid": terminal_id, "aid": app_id},
        )
        assert row is not None, "insert skipped but no existing row"
        if row[0] == digest:
            return StoredApplication(app_id, "replayed", row[1], row[2])
        return StoredApplication(app_id, "conflict", None, None)

    def receive_one(self, terminal_id: str, item: ApplicationIn) -> StoredApplication:
        """Store one application; ApplicationInFlight if a copy is being processed, ApplicationConflict."""
        key = (terminal_id, str(item.application_id))
        with self._in_flight.claim([key], wait_s=0.0) as acquired:
            if not acquired:
                raise ApplicationInFlight(
                    "this application is being received by another request; retry in a moment"
                )
            with self._db.transaction(write=True) as tx:
                result = self._store(tx, terminal_id, item)
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
        with self._in_flight.claim(keys, wait_s=BATCH_WAIT_S) as acquired:
            if not acquired:
                raise HubBusy("some applications in this batch are still being received; retry shortly")
            with self._db.transaction(write=True) as tx:
                for index, item in sorted(valid, key=lambda pair: str(pair[1].application_id)):
                    stored = self._store(tx, terminal_id, item)
                    results[index] = BatchItemResult(
                        application_id=stored.application_id,
                        status=stored.status,  # type: ignore[arg-type]
                        receipt=stored.receipt,
                        error="same application id already received with a different body"
                        if stored.status == "conflict"
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
        with self._db.transaction() as tx:
            rows = tx.fetchall("SELECT terminal_id, COUNT(*) FROM applications GROUP BY terminal_id")
        return {r[0]: int(r[1]) for r in rows}

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
