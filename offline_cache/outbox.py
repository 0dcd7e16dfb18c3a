"""The outbox: every submitted application, durable and encrypted, until the hub acknowledges it.

An application id is made in the same transaction that stores the sealed body,
and `enqueue` returns only after COMMIT, so a printed receipt always names a
row that survives a crash. On acknowledgement the body is deleted in the same
transaction (secure_delete on) and only the ids and the hub receipt remain.
Nothing is ever dropped: when the unsent queue is too big or too old the
outbox refuses new applications and says why.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from msgspec import Struct

from offline_cache import application_numbers
from offline_cache.config import SyncConfig
from offline_cache.crypto import BodyCipher, DecryptionError, load_or_create_key
from offline_cache.schema import OUTBOX, SchemaError, open_database

log = logging.getLogger(__name__)

MAX_ERROR_CHARS = 300


class ItemState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    ACKED = "acked"
    DEAD = "dead"


UNSENT_STATES = (ItemState.PENDING, ItemState.SENDING, ItemState.DEAD)
APPLICATION = "application"
RATING = "rating"
MESSAGE_KINDS = (APPLICATION, RATING)


class OutboxError(Exception):
    """Base of the outbox's errors; `message_zh` / `message_en` are for the screen."""

    def __init__(self, message_en: str, message_zh: str = "") -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh or message_en


class OutboxFull(OutboxError):
    """The unsent queue exceeds a configured limit; new applications wait until it drains."""


class OutboxPayloadError(OutboxError):
    """The application could not be stored as given (not a JSON object)."""


class OutboxItemNotFound(OutboxError):
    """No outbox row with that id in the expected state."""


class OutgoingItem(Struct, frozen=True):
    """One decrypted application on its way to the hub (never logged, never stored in clear)."""

    application_id: str
    theme: str
    created_at: str
    body: dict[str, Any]
    body_bytes: int
    kind: str = "application"  # or "rating": then application_id is the rating's own id
    application_number: str | None = None  # the short number (applications only)
    tracking_token: str | None = None  # the receipt QR's token (applications only)

    def wire(self) -> dict[str, Any]:
        if self.kind == RATING:
            return {
                "rating_id": self.application_id,
                "application_id": self.body.get("application_id"),
                "theme": self.theme,
                "stars": self.body.get("stars"),
                "rated_at": self.created_at,
            }
        item = {
            "application_id": self.application_id,
            "theme": self.theme,
            "created_at": self.created_at,
            "body": self.body,
        }
        if self.application_number:
            item["application_number"] = self.application_number
            item["tracking_token"] = self.tracking_token
        return item


class EnqueuedApplication(Struct, frozen=True):
    """What the receipt needs of a committed application: its id, the short number and the QR token."""

    application_id: str
    application_number: str
    tracking_token: str


class OutboxStub(Struct, frozen=True):
    """What stays visible of an item without decrypting it: ids, state, hub receipt."""

    application_id: str
    theme: str
    created_at: str
    state: ItemState
    attempts: int
    last_error: str | None
    hub_receipt: str | None
    acked_at: str | None
    holds_body: bool
    application_number: str | None = None
    tracking_token: str | None = None


class Acknowledgement(Struct, frozen=True):
    application_id: str
    receipt: str | None


def _utc_now() -> datetime:
    return datetime.now(UTC)


MAX_PAYLOAD_DEPTH = 64
"""Nesting allowed in a payload: a form is a few levels deep; ~1,000 levels would overflow the encoder."""


def _check_depth(payload: Any) -> None:
    """Refuse a payload nested deeper than MAX_PAYLOAD_DEPTH (walked iteratively: never recurses)."""
    stack: list[tuple[Any, int]] = [(payload, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, dict | list | tuple):
                if depth + 1 > MAX_PAYLOAD_DEPTH:
                    raise OutboxPayloadError(
                        f"application payload is nested more than {MAX_PAYLOAD_DEPTH} levels deep",
                        "申请内容格式错误，无法保存",
                    )
                stack.append((child, depth + 1))


def _encode_payload(payload: dict[str, Any]) -> bytes:
    if not isinstance(payload, dict):
        raise OutboxPayloadError(
            f"application payload must be a JSON object, got {type(payload).__name__}",
            "申请内容格式错误，无法保存",
        )
    _check_depth(payload)
    try:
        return json.dumps(
            payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
        ).encode()
    except (TypeError, ValueError, RecursionError) as exc:  # RecursionError: a self-referencing dict
        raise OutboxPayloadError(
            f"application payload cannot be stored as JSON: {type(exc).__name__}",
            "申请内容格式错误，无法保存",
        ) from exc


class OutboxStore:
    """SQLite outbox (WAL, synchronous=FULL, BEGIN IMMEDIATE, secure_delete) with sealed bodies."""

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        key_path: str | os.PathLike[str],
        config: SyncConfig | None = None,
        now: Callable[[], datetime] = _utc_now,
        terminal_id: str = "T",
    ) -> None:
        self.db_path = Path(db_path)
        self.terminal_id = terminal_id  # the prefix of the short application numbers
        self.config = config or SyncConfig()
        self._now = now
        self._cipher = BodyCipher(load_or_create_key(key_path))
        self._lock = threading.RLock()
        try:
            self._conn = open_database(self.db_path, OUTBOX)
        except SchemaError as exc:
            raise OutboxError(str(exc)) from exc
        self._conn.execute("PRAGMA secure_delete=ON")

    # -- connection -------------------------------------------------------

    def _transaction(self) -> _Immediate:
        return _Immediate(self._conn, self._lock)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> OutboxStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the kiosk's side ----------------------------------------------------

    def enqueue(self, theme_id: str, payload: dict[str, Any], kind: str = APPLICATION) -> str:
        """Seal and store one message (an application by default); return its new id only after COMMIT."""
        return self._store(theme_id, payload, kind, numbered=False).application_id

    def enqueue_application(self, theme_id: str, payload: dict[str, Any]) -> EnqueuedApplication:
        """A citizen's application with its short number and the receipt QR's token, made in the same
        transaction as the row (offline_cache/application_numbers.py); returned only after COMMIT."""
        return self._store(theme_id, payload, APPLICATION, numbered=True)

    def _store(
        self, theme_id: str, payload: dict[str, Any], kind: str, numbered: bool
    ) -> EnqueuedApplication:
        if kind not in MESSAGE_KINDS:
            raise OutboxPayloadError(f"unknown message kind {kind!r}", "消息类型错误，无法保存")
        if not isinstance(theme_id, str) or not theme_id.strip():
            raise OutboxPayloadError("theme id must be a non-empty string", "事项主题缺失，无法保存")
        plaintext = _encode_payload(payload)
        if len(plaintext) > self.config.batch_bytes:
            raise OutboxPayloadError(
                f"application is {len(plaintext)} bytes, more than one request to the hub may carry "
                f"({self.config.batch_bytes}); scanned materials belong in the e-licence library, "
                "not in the form",
                "申请内容过大，无法提交，请到人工窗口办理",
            )
        now = self._now()
        with self._transaction() as conn:
            refusal = self._refusal(conn, now)
            if refusal is not None:
                raise refusal
            application_id = str(uuid.uuid4())
            number, token = (
                application_numbers.allocate(conn, self.terminal_id, now) if numbered else (None, None)
            )
            sealed = self._cipher.seal(application_id, plaintext)
            conn.execute(
                "INSERT INTO outbox (kind, application_id, theme, created_at, created_ts, state, body,"
                " body_bytes, application_number, tracking_token)"
                " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
                (
                    kind,
                    application_id,
                    theme_id,
                    now.isoformat(timespec="microseconds"),  # two ratings in one ms must still order
                    now.timestamp(),
                    sealed,
                    len(plaintext),
                    number,
                    token,
                ),
            )
        return EnqueuedApplication(application_id, number or "", token or "")

    def enqueue_rating(self, application_id: str, theme_id: str, stars: int) -> str:
        """Queue a 好差评 for an application: its own message kind, never counted as an application."""
        if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
            raise OutboxPayloadError("a rating is 1 to 5 stars", "评价须为 1 到 5 星")
        return self.enqueue(theme_id, {"application_id": application_id, "stars": stars}, kind=RATING)

    def accepting(self) -> tuple[bool, str]:
        """Whether a new application would be taken now, and if not, why (zh / en)."""
        with self._lock:
            refusal = self._refusal(self._conn, self._now())
        if refusal is None:
            return True, ""
        return False, f"{refusal.message_zh} / {refusal.message_en}"

    def _refusal(self, conn: sqlite3.Connection, now: datetime) -> OutboxFull | None:
        cfg = self.config
        count, size = conn.execute(
            "SELECT count(*), coalesce(sum(body_bytes), 0) FROM outbox"
            " WHERE state IN ('pending', 'sending', 'dead')"
        ).fetchone()
        if count >= cfg.max_pending_count:
            return OutboxFull(
                f"{count} applications are waiting to be sent (limit {cfg.max_pending_count}); "
                "new applications resume when the network is back and the queue drains",
                f"有 {count} 份申请尚未上传（上限 {cfg.max_pending_count}），"
                "网络恢复、队列清空后可继续受理，请到人工窗口办理",
            )
        if size >= cfg.max_pending_bytes:
            return OutboxFull(
                f"unsent applications hold {size} bytes (limit {cfg.max_pending_bytes}); "
                "new applications resume when the queue drains",
                "待上传申请已达存储上限，队列清空后可继续受理，请到人工窗口办理",
            )
        oldest = conn.execute(
            "SELECT min(created_ts) FROM outbox WHERE state IN ('pending','sending')"
        ).fetchone()[0]
        if oldest is not None and now.timestamp() - oldest >= cfg.max_pending_age_s:
            hours = (now.timestamp() - oldest) / 3600
            return OutboxFull(
                f"the oldest unsent application has waited {hours:.1f} h (limit "
                f"{cfg.max_pending_age_s / 3600:.1f} h); check the network to the hub",
                f"最早的待上传申请已等待 {hours:.1f} 小时，请检查与中心的网络连接，请到人工窗口办理",
            )
        return None

    def oldest_pending_at(self) -> str | None:
        """When the oldest unsent application was made (ISO, UTC), for the fleet page; None if none."""
        with self._lock:
            oldest = self._conn.execute(
                "SELECT min(created_ts) FROM outbox WHERE state IN ('pending','sending')"
            ).fetchone()[0]
        return None if oldest is None else datetime.fromtimestamp(oldest, UTC).isoformat(timespec="seconds")

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
        found = {state: n for state, n in rows}
        return {state.value: int(found.get(state.value, 0)) for state in ItemState}

    def stub(self, application_id: str) -> OutboxStub | None:
        """Ids, state and hub receipt of one item (for reprint); None if unknown."""
        with self._lock:
            row = self._conn.execute(_STUB_SELECT + " WHERE application_id = ?", (application_id,)).fetchone()
        return _stub(row) if row else None

    def get_receipt(self, application_id: str) -> str | None:
        """The hub's receipt for an acknowledged item, else None."""
        found = self.stub(application_id)
        return found.hub_receipt if found else None

    def dead_items(self) -> list[OutboxStub]:
        """Items the hub refused; kept (with their body) for staff to look at and retry."""
        with self._lock:
            rows = self._conn.execute(
                _STUB_SELECT + " WHERE state = 'dead' ORDER BY created_ts, seq"
            ).fetchall()
        return [_stub(row) for row in rows]

    def retry_dead(self, application_id: str) -> None:
        """Staff action: put a dead item back in the queue."""
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE outbox SET state = 'pending' WHERE application_id = ? AND state = 'dead'",
                (application_id,),
            ).rowcount
        if changed != 1:
            raise OutboxItemNotFound(f"no dead item {application_id} to retry", "没有可重试的该笔申请")

    def purge_expired(self, now: datetime | None = None) -> int:
        """Delete acknowledged stubs older than the retention; return how many went."""
        now = now or self._now()
        cutoff = (now - timedelta(days=self.config.stub_retention_days)).timestamp()
        with self._transaction() as conn:
            return conn.execute(
                "DELETE FROM outbox WHERE state = 'acked' AND acked_ts < ?", (cutoff,)
            ).rowcount

    def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it, so old page versions of deleted bodies go too."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    # -- the sync worker's side -----------------------------------------------

    def recover_inflight(self) -> int:
        """After a crash, items left 'sending' go back to 'pending' (the hub deduplicates).

        Called by the sync worker when it is created, not on open, so that a second
        reader (a staff command counting the queue) never disturbs a running worker.
        """
        with self._transaction() as conn:
            return conn.execute("UPDATE outbox SET state = 'pending' WHERE state = 'sending'").rowcount

    def claim_batch(self, max_items: int, max_bytes: int) -> list[OutgoingItem]:
        """Mark the oldest pending items 'sending' and return them decrypted (at least one if any).

        A batch holds one message kind, that of the oldest pending item: each kind has its own
        route at the hub.
        """
        with self._transaction() as conn:
            oldest = conn.execute(
                "SELECT kind FROM outbox WHERE state = 'pending' ORDER BY created_ts, seq LIMIT 1"
            ).fetchone()
            kind = oldest[0] if oldest else APPLICATION
            rows = conn.execute(
                "SELECT application_id, theme, created_at, body, body_bytes, application_number,"
                " tracking_token FROM outbox WHERE state = 'pending' AND kind = ?"
                " ORDER BY created_ts, seq LIMIT ?",
                (kind, max_items),
            ).fetchall()
            chosen: list[OutgoingItem] = []
            total = 0
            unreadable: list[tuple[str, str]] = []
            for application_id, theme, created_at, sealed, size, number, token in rows:
                if chosen and total + size > max_bytes:
                    break
                try:
                    body = json.loads(self._cipher.open(application_id, sealed))
                except (DecryptionError, ValueError) as exc:
                    unreadable.append((str(exc)[:MAX_ERROR_CHARS], application_id))
                    continue
                chosen.append(
                    OutgoingItem(application_id, theme, created_at, body, size, kind, number, token)
                )
                total += size
            if unreadable:
                log.error("%d outbox item(s) cannot be decrypted; marked dead for staff", len(unreadable))
                conn.executemany(
                    "UPDATE outbox SET state = 'dead', last_error = ? WHERE application_id = ?", unreadable
                )
            conn.executemany(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE application_id = ?",
                [(item.application_id,) for item in chosen],
            )
        return chosen

    def mark_acked(self, acks: Iterable[Acknowledgement]) -> int:
        """Record the hub's receipts and delete the bodies, all in one transaction."""
        now = self._now()
        rows = [
            (ack.receipt, now.isoformat(timespec="milliseconds"), now.timestamp(), ack.application_id)
            for ack in acks
        ]
        with self._transaction() as conn:
            return conn.executemany(
                "UPDATE outbox SET state = 'acked', body = NULL, last_error = NULL, hub_receipt = ?,"
                " acked_at = ?, acked_ts = ? WHERE application_id = ? AND state != 'acked'",
                rows,
            ).rowcount

    def mark_dead(self, application_id: str, error: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'dead', last_error = ?"
                " WHERE application_id = ? AND state = 'sending'",
                (error[:MAX_ERROR_CHARS], application_id),
            )

    def release(self, application_ids: Iterable[str], error: str | None) -> int:
        """Put unsent 'sending' items back to 'pending' after a failed attempt; return how many."""
        short = error[:MAX_ERROR_CHARS] if error else None
        rows = [(short, application_id) for application_id in application_ids]
        if not rows:
            return 0
        with self._transaction() as conn:
            return conn.executemany(
                "UPDATE outbox SET state = 'pending', last_error = ?"
                " WHERE application_id = ? AND state = 'sending'",
                rows,
            ).rowcount

    def acked_since(self, since: datetime) -> list[str]:
        """Ids acknowledged by the hub at or after `since` (for reconciliation)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT application_id FROM outbox WHERE state = 'acked' AND acked_ts >= ?"
                " ORDER BY acked_ts, seq",
                (since.timestamp(),),
            ).fetchall()
        return [row[0] for row in rows]

    def acked_rows_holding_body(self) -> int:
        """A self-check for tests and diagnostics: should always be 0."""
        with self._lock:
            return self._conn.execute(
                "SELECT count(*) FROM outbox WHERE state = 'acked' AND body IS NOT NULL"
            ).fetchone()[0]


_STUB_SELECT = (
    "SELECT application_id, theme, created_at, state, attempts, last_error, hub_receipt, acked_at,"
    " body IS NOT NULL, application_number, tracking_token FROM outbox"
)


def _stub(row: tuple[Any, ...]) -> OutboxStub:
    return OutboxStub(
        row[0], row[1], row[2], ItemState(row[3]), row[4], row[5], row[6], row[7], bool(row[8]),
        row[9], row[10],
    )


class _Immediate:
    """`with` block running BEGIN IMMEDIATE … COMMIT (ROLLBACK on error) under the store's lock."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._conn.execute("COMMIT")
            else:
                self._conn.execute("ROLLBACK")
        finally:
            self._lock.release()
