"""Offers every status change to a configured webhook, so a city SMS or app-push platform can subscribe.

The change is queued in `status_notifications` in the transaction that makes it, and a
background thread delivers it: the departments' API never waits for the webhook. Each POST
carries the JSON notice (application number, matter, new status; no personal data: the
platform knows its own subscribers) and two headers: `X-OneStop-Timestamp` (unix seconds)
and `X-OneStop-Signature` = hex HMAC-SHA256(secret, TIMESTAMP + "\\n" + body). A notice not
answered with 2xx is retried with full-jitter exponential back-off and given up after
`max_attempts` (kept as `failed`). Delivery is at least once: `event_id` lets a receiver
drop a repeat.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from hub.db import Database

log = logging.getLogger(__name__)
BATCH = 20


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: str
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 300.0
    max_attempts: int = 8
    timeout_s: float = 5.0
    poll_s: float = 2.0


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """What a receiver recomputes: hex HMAC-SHA256 of TIMESTAMP, a newline and the raw body."""
    return hmac.new(
        secret.encode("utf-8"), timestamp.encode("ascii") + b"\n" + body, hashlib.sha256
    ).hexdigest()


def retry_delay(
    attempts: int, base_s: float, cap_s: float, rand: Callable[[], float] = random.random
) -> float:
    """Full jitter: uniform in [0, min(cap, base · 2^(attempts-1))]."""
    return rand() * min(cap_s, base_s * 2 ** max(attempts - 1, 0))


class WebhookNotifier:
    """The delivery thread; `wake()` after queueing, `stop()` at shutdown."""

    def __init__(self, db: Database, config: WebhookConfig, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self.config = config
        self._clock = clock
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._session = requests.Session()
        self._session.trust_env = False
        self._thread = threading.Thread(target=self._run, name="hub-webhook", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.config.timeout_s + 5)
        self._session.close()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                sent_any = self.deliver_due()
            except Exception:  # a broken database must not kill the thread; it retries next round
                log.exception("webhook delivery round failed")
                sent_any = False
            if not sent_any:
                self._wake.wait(self.config.poll_s)
                self._wake.clear()

    def deliver_due(self) -> bool:
        """Send every notice whose time has come (at most BATCH); True if any was tried."""
        now = self._clock()
        with self._db.transaction() as tx:
            due = tx.fetchall(
                "SELECT seq, payload, attempts FROM status_notifications"
                " WHERE state = 'pending' AND next_at <= :now ORDER BY seq LIMIT :n",
                {"now": now, "n": BATCH},
            )
        for seq, payload, attempts in due:
            if self._stopping.is_set():
                break
            error = self._post(int(seq), payload)
            self._record(int(seq), int(attempts) + 1, error)
        return bool(due)

    def _post(self, seq: int, payload: str) -> str | None:
        body = json.dumps(
            {"event_id": seq, **json.loads(payload)}, ensure_ascii=False, sort_keys=True
        ).encode()
        timestamp = str(int(self._clock()))
        headers = {
            "Content-Type": "application/json",
            "X-OneStop-Timestamp": timestamp,
            "X-OneStop-Signature": signature(self.config.secret, timestamp, body),
        }
        try:
            reply = self._session.post(
                self.config.url, data=body, headers=headers, timeout=self.config.timeout_s
            )
        except requests.RequestException as exc:
            return type(exc).__name__
        return None if 200 <= reply.status_code < 300 else f"HTTP {reply.status_code}"

    def _record(self, seq: int, attempts: int, error: str | None) -> None:
        cfg = self.config
        if error is None:
            state, next_at = "sent", 0.0
        elif attempts >= cfg.max_attempts:
            state, next_at = "failed", 0.0
            log.warning("webhook notice %d given up after %d attempts: %s", seq, attempts, error)
        else:
            state, next_at = (
                "pending",
                self._clock() + retry_delay(attempts, cfg.backoff_base_s, cfg.backoff_cap_s),
            )
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "UPDATE status_notifications SET state = :state, attempts = :attempts, next_at = :next,"
                " last_error = :error WHERE seq = :seq",
                {"state": state, "attempts": attempts, "next": next_at, "error": error, "seq": seq},
            )

    def counts(self) -> dict[str, int]:
        with self._db.transaction() as tx:
            rows = tx.fetchall("SELECT state, COUNT(*) FROM status_notifications GROUP BY state")
        return {r[0]: int(r[1]) for r in rows}
