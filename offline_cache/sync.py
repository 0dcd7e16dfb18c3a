"""The sync thread: drains the outbox to the hub in signed batches, exactly once at the hub.

Exactly-once comes from the pair: the kiosk re-sends until it holds a receipt
(at-least-once) and the hub keeps (terminal, application id) unique
(idempotent). Failures are sorted by what can fix them: the network (back off
with full jitter, honour Retry-After), the hub's verdict on one item (dead,
kept for staff) or the credentials (stop and alert). Each round returns a
`SyncReport` saying what changed, so screens refresh from facts.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Literal

from msgspec import Struct, field

from offline_cache.backoff import Backoff
from offline_cache.config import SyncConfig
from offline_cache.hub_client import (
    HubAuthError,
    HubClient,
    HubError,
    HubRejected,
    HubUnavailable,
    ItemResult,
)
from offline_cache.outbox import Acknowledgement, OutboxStore, OutgoingItem

log = logging.getLogger(__name__)

SyncState = Literal["idle", "sending", "backoff", "auth_failed"]
MAX_BATCHES_PER_ROUND = 200
IN_FLIGHT_RETRY_S = 2.0


class SyncReport(Struct):
    """What one sync round changed."""

    sent: int = 0
    acked: int = 0
    dead: int = 0
    released: int = 0
    acked_ids: list[str] = field(default_factory=list)  # which applications the hub acknowledged
    errors: list[str] = field(default_factory=list)
    next_attempt_in: float | None = None
    state: SyncState = "idle"

    @property
    def changed(self) -> bool:
        return bool(self.sent or self.acked or self.dead or self.released or self.errors)


class _RoundStop(Exception):
    """Internal: stop this round after a failure that was already recorded."""


class SyncWorker:
    """Background thread around `sync_once`; `start`, `stop`, `wake`, `sync_now`."""

    def __init__(
        self,
        outbox: OutboxStore,
        client: HubClient,
        on_change: Callable[[SyncReport], None] | None = None,
        config: SyncConfig | None = None,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        heartbeat: Callable[[], dict[str, Any]] | None = None,
        catalog_refresh: Callable[[], object] | None = None,
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.config = config or outbox.config
        self._on_change = on_change
        self._clock = clock
        self._backoff = Backoff(self.config.backoff_base_s, self.config.backoff_cap_s, rng)
        self._state: SyncState = "idle"
        self._next_attempt_at: float | None = None
        self._round_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._heartbeat = heartbeat
        self._next_heartbeat_at = clock()
        self._next_housekeeping_at = clock()
        self._catalog_refresh = catalog_refresh
        self._next_catalog_at = clock()
        recovered = outbox.recover_inflight()
        if recovered:
            log.info("%d item(s) left 'sending' by an earlier run are pending again", recovered)

    @property
    def state(self) -> SyncState:
        return self._state

    @property
    def next_attempt_at(self) -> float | None:
        return self._next_attempt_at

    # -- thread control -----------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="outbox-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> bool:
        """Ask the thread to finish its request and stop; True if it did within `timeout`."""
        self._stopping.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        stopped = not self._thread.is_alive()
        if stopped:
            self._thread = None
        return stopped

    def wake(self) -> None:
        """A new item was queued: sync soon, but respect a running back-off."""
        self._wake.set()

    def heartbeat_soon(self) -> None:
        """Something staff must see changed (paper low, paper out): send the heartbeat now, not at
        the next interval. Returns at once; the sync thread sends it."""
        self._next_heartbeat_at = self._clock()
        self._wake.set()

    def sync_now(self) -> None:
        """Send at once, skipping any back-off (not an auth stop: that needs `resume`)."""
        self._next_attempt_at = None
        self._wake.set()

    def resume(self) -> None:
        """Staff fixed the credentials (or the hub): leave the auth stop and sync at once."""
        if self._state == "auth_failed":
            self._state = "idle"
        self._backoff.succeeded()
        self.sync_now()

    def _run(self) -> None:
        while not self._stopping.is_set():
            wait = self._seconds_until_due()
            if wait <= 0:
                report = self._guarded_round()
                wait = self._wait_after(report)
            if self._heartbeat is not None:
                wait = min(wait, self._heartbeat_if_due())
            wait = min(wait, self._housekeeping_if_due())
            if self._catalog_refresh is not None:
                wait = min(wait, self._catalog_if_due())
            self._wake.wait(timeout=max(0.0, wait))
            self._wake.clear()

    def _heartbeat_if_due(self) -> float:
        """Send the heartbeat when due; return the seconds until the next one."""
        due_in = self._next_heartbeat_at - self._clock()
        if due_in > 0:
            return due_in
        self.send_heartbeat()
        return self.config.heartbeat_interval_s

    def _housekeeping_if_due(self) -> float:
        due_in = self._next_housekeeping_at - self._clock()
        if due_in > 0:
            return due_in
        self.housekeeping()
        return self.config.housekeeping_interval_s

    def _catalog_if_due(self) -> float:
        """Ask the hub for a newer catalog once per heartbeat interval (an unchanged one is a bodiless
        304); the callback installs it. Hub trouble only means the terminal keeps what it has."""
        if self._state == "auth_failed":
            return self.config.idle_poll_s
        due_in = self._next_catalog_at - self._clock()
        if due_in > 0:
            return due_in
        self._next_catalog_at = self._clock() + self.config.heartbeat_interval_s
        try:
            self._catalog_refresh()  # type: ignore[misc]
        except Exception:  # a catalog problem must never stop the outbox from draining
            log.exception("catalog refresh failed")
        return self.config.heartbeat_interval_s

    def housekeeping(self) -> int:
        """Purge acknowledged stubs past their retention and checkpoint the WAL; return stubs purged."""
        self._next_housekeeping_at = self._clock() + self.config.housekeeping_interval_s
        try:
            purged = self.outbox.purge_expired()
            self.outbox.checkpoint()
        except Exception:  # housekeeping must never stop the sync thread; nothing is lost by skipping it
            log.exception("outbox housekeeping failed")
            return 0
        if purged:
            log.info("purged %d acknowledged stub(s) past their retention", purged)
        return purged

    def send_heartbeat(self) -> bool:
        """Tell the hub this terminal's state: the caller's payload plus queue counts and sync state."""
        self._next_heartbeat_at = self._clock() + self.config.heartbeat_interval_s
        if self._state == "auth_failed":
            return False
        payload: dict[str, Any] = {}
        if self._heartbeat is not None:
            try:
                payload = dict(self._heartbeat())
            except Exception:
                log.exception("heartbeat payload callback failed; sending queue state only")
        payload["queue"] = {
            **self.outbox.counts(),
            "sync_state": self._state,
            "oldest_pending_at": self.outbox.oldest_pending_at(),
        }
        try:
            self.client.heartbeat(payload)
        except HubAuthError as exc:
            self._state = "auth_failed"
            log.error("sync stopped: %s", exc)
            return False
        except HubError as exc:
            log.info("heartbeat not delivered: %s", type(exc).__name__)
            return False
        return True

    def _seconds_until_due(self) -> float:
        if self._state == "auth_failed":
            return self.config.idle_poll_s
        if self._next_attempt_at is None:
            return 0.0
        return self._next_attempt_at - self._clock()

    def _wait_after(self, report: SyncReport) -> float:
        if report.next_attempt_in is not None:
            return report.next_attempt_in
        if self._state == "auth_failed":
            return self.config.idle_poll_s
        pending = self.outbox.counts()["pending"]
        return 0.0 if pending else self.config.idle_poll_s

    def _guarded_round(self) -> SyncReport:
        try:
            return self.sync_once()
        except Exception as exc:  # the thread must outlive any surprise; nothing is lost (rows stay)
            log.exception("sync round failed unexpectedly")
            wait = self._backoff.failed()
            self._enter_backoff(wait)
            return SyncReport(errors=[type(exc).__name__], next_attempt_in=wait, state=self._state)

    # -- one round ---------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Send what is pending, batch by batch, until empty or a failure; report what changed."""
        with self._round_lock:
            report = SyncReport(state=self._state)
            if self._state == "auth_failed":
                return report
            self._next_attempt_at = None
            try:
                for _ in range(MAX_BATCHES_PER_ROUND):
                    items = self.outbox.claim_batch(self.config.batch_size, self.config.batch_bytes)
                    if not items:
                        break
                    self._state = "sending"
                    self._send(items, report)
                    if self._stopping.is_set():
                        break
                if self._state == "sending":
                    self._state = "idle"
            except _RoundStop:
                pass
            report.state = self._state
            if report.next_attempt_in is None and self._next_attempt_at is not None:
                report.next_attempt_in = max(0.0, self._next_attempt_at - self._clock())
        if self._on_change is not None and (report.changed or report.state != "idle"):
            self._notify(report)
        return report

    def _notify(self, report: SyncReport) -> None:
        try:
            self._on_change(report)  # type: ignore[misc]
        except Exception:
            log.exception("sync on_change callback failed")

    def _send(self, items: Sequence[OutgoingItem], report: SyncReport) -> None:
        report.sent += len(items)
        ids = [i.application_id for i in items]
        try:
            try:
                results = self.client.send_batch(items)
            except HubRejected as exc:
                log.warning(
                    "hub refused a whole batch (%s); sending its %d items one by one", exc.status, len(items)
                )
                results = self._send_singly(items, report)
        except HubAuthError as exc:
            report.released += self.outbox.release(ids, str(exc))
            report.errors.append(str(exc))
            self._state = "auth_failed"
            log.error("sync stopped: %s", exc)
            raise _RoundStop from exc
        except HubUnavailable as exc:
            report.released += self.outbox.release(ids, str(exc))
            report.errors.append(str(exc))
            wait = self._backoff.failed(exc.retry_after_s)
            report.next_attempt_in = wait
            self._enter_backoff(wait)
            log.info("hub unavailable (%s); next attempt in %.1f s", exc.status or "network", wait)
            raise _RoundStop from exc
        unresolved = self._apply(items, results, report)
        if unresolved:
            report.released += self.outbox.release(unresolved, "hub has not confirmed this item yet")
            wait = max(IN_FLIGHT_RETRY_S, self._backoff.failed())
            report.next_attempt_in = wait
            self._enter_backoff(wait)
            raise _RoundStop
        self._backoff.succeeded()

    def _send_singly(self, items: Sequence[OutgoingItem], report: SyncReport) -> list[ItemResult]:
        """Isolate the item the hub chokes on: one request each (errors mid-way keep what was done)."""
        results: list[ItemResult] = []
        try:
            for item in items:
                results.append(self.client.send_one(item))
        except (HubUnavailable, HubAuthError):
            done = {r.application_id for r in results}
            unresolved = self._apply([i for i in items if i.application_id in done], results, report)
            report.released += self.outbox.release(unresolved, "hub has not confirmed this item yet")
            raise
        return results

    def _apply(
        self, items: Sequence[OutgoingItem], results: Sequence[ItemResult], report: SyncReport
    ) -> list[str]:
        """Record acks and deaths; return the ids the hub left unresolved (in flight or missing)."""
        sent_ids = [item.application_id for item in items]
        wanted = set(sent_ids)
        by_id = {r.application_id: r for r in results if r.application_id in wanted}
        acks = [Acknowledgement(r.application_id, r.receipt) for r in by_id.values() if r.stored]
        if acks:
            report.acked += self.outbox.mark_acked(acks)
            report.acked_ids.extend(a.application_id for a in acks)
        for result in by_id.values():
            if result.status in ("conflict", "rejected"):
                self.outbox.mark_dead(result.application_id, f"{result.status}: {result.error or ''}".strip())
                report.dead += 1
        return [i for i in sent_ids if i not in by_id or by_id[i].status == "in_flight"]

    def _enter_backoff(self, wait: float) -> None:
        self._state = "backoff"
        self._next_attempt_at = self._clock() + wait
