"""The ID-card reader interface the kiosk sees, with the shared poll loop.

GA 467 serial, PC/SC and the simulator all implement `read_card` and
`card_present`; this base turns presence changes into MediaInserted /
MediaRemoved events from one bounded background thread, and gives diagnostics a
`probe()` that names a reader fault at once, before any wait for a card.

Expired cards: `read_card` returns the record; the caller decides with
`record.is_expired(today)` (and raises devices.errors.CardExpired on the
citizen screen if it must). A reader never refuses a readable card.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from devices.base import Device, DeviceStatus
from devices.errors import CardReadError, DeviceError
from devices.idcard.errors import ReaderUnavailable
from devices.idcard.record import IdentityRecord

log = logging.getLogger(__name__)

CARD_RETRIES = 2  # a card-side failure (card moved, pulled and put back) is read again this many times

DEFAULT_POLL_INTERVAL_S = 0.25


class IdCardReader(Device):
    """Base of every ID source that a citizen places a card on."""

    kind = "idcard"

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._poll_thread: threading.Thread | None = None
        self._poll_stop = threading.Event()
        self._cancel = threading.Event()
        self._card_seen = False
        self._presence_lock = threading.Lock()
        self._probe_failure: str | None = None

    # -- what drivers implement -------------------------------------------------
    def read_card(self, timeout_s: float) -> IdentityRecord | None:
        """Wait up to `timeout_s` for a card and read it; None when no card came in time.

        Raises CardReadError subclasses for card trouble and ReaderFault subclasses
        when the reader itself cannot work.
        """
        raise NotImplementedError

    def card_present(self) -> bool:
        """A cheap presence probe for the poll loop; raises ReaderFault when the reader is gone."""
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------
    def cancel(self) -> None:
        """Make a waiting `read_card` return None soon."""
        self._cancel.set()

    @property
    def polling(self) -> bool:
        return self._poll_thread is not None and self._poll_thread.is_alive()

    def start_polling(self, interval_s: float = DEFAULT_POLL_INTERVAL_S) -> None:
        """Start the background thread that emits MediaInserted / MediaRemoved."""
        if self.polling:
            return
        self._poll_stop.clear()
        self._poll_thread = threading.Thread(
            target=self._poll_loop, args=(interval_s,), name=f"{self.name}-poll", daemon=True
        )
        self._poll_thread.start()

    def stop_polling(self, timeout_s: float = 5.0) -> None:
        """Stop the poll thread and wait for it (bounded)."""
        self._poll_stop.set()
        thread, self._poll_thread = self._poll_thread, None
        if thread is not None:
            thread.join(timeout_s)

    def close(self) -> None:
        self.stop_polling()

    def poll_once(self) -> None:
        """One presence probe, emitting an event on change (the poll loop calls this)."""
        try:
            present = self.card_present()
        except DeviceError as exc:
            self._note_probe_failure(type(exc).__name__)
            self._note_presence(False)
            return
        self._note_probe_failure(None)
        self._note_presence(present)

    def _note_probe_failure(self, failure: str | None) -> None:
        """Log a failing probe once when it starts and once when it clears, not every interval."""
        if failure != self._probe_failure:
            if failure:
                log.info("%s presence probe failing: %s", self.name, failure)
            else:
                log.info("%s presence probe working again", self.name)
            self._probe_failure = failure

    def _note_presence(self, present: bool) -> None:
        with self._presence_lock:
            changed = present != self._card_seen
            self._card_seen = present
        if changed:
            self._emit("MediaInserted" if present else "MediaRemoved", {})

    def _poll_loop(self, interval_s: float) -> None:
        interval_s = max(0.02, interval_s)
        while not self._poll_stop.is_set():
            try:
                self.poll_once()
            except Exception:  # the loop must outlive any driver bug; the bug is logged
                log.exception("%s poll loop error", self.name)
            self._poll_stop.wait(interval_s)

    def probe(self) -> None:
        """Check the reader itself, now: raises ReaderFault subclasses (port absent, pcscd down, SAM
        silent) so a live test reports a known fault at once instead of waiting out its timeout."""
        self.card_present()

    def _poll_read(
        self,
        timeout_s: float,
        attempt: Callable[[], IdentityRecord | None],
        fatal: tuple[type[Exception], ...] = (),
    ) -> IdentityRecord | None:
        """The read loop every hardware reader shares, so they all behave alike at the counter.

        `attempt` reads once (None: no card yet). A card-side failure (the card moved on the
        reader) is retried CARD_RETRIES times; a missing reader is waited out until the deadline;
        `fatal` errors are raised at once. With no card in time: None, or the last card error
        when the card left mid-read and did not come back.
        """
        self._begin_read()
        deadline = time.monotonic() + max(0.0, timeout_s)
        failures = 0
        last_card_error: CardReadError | None = None
        while True:
            try:
                record = attempt()
                if record is not None:
                    return record
            except fatal:
                raise
            except CardReadError as exc:
                last_card_error = exc
                failures += 1
                if failures > CARD_RETRIES or time.monotonic() >= deadline:
                    raise
                log.info("%s card-side failure, retrying (%d)", self.name, failures)
                continue
            except ReaderUnavailable:
                if time.monotonic() >= deadline:
                    raise
            if not self._wait_step(deadline, self.poll_interval_s):
                if last_card_error is not None:
                    raise last_card_error
                return None

    def _wait_step(self, deadline: float, interval_s: float) -> bool:
        """Sleep one poll interval before `deadline`; False when time is up or cancelled."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        return not self._cancel.wait(min(interval_s, remaining))

    def _begin_read(self) -> None:
        self._cancel.clear()

    def _mark_online(self, detail: str = "") -> None:
        if self.status != DeviceStatus.ONLINE or detail != self.status_detail:
            self._set_status(DeviceStatus.ONLINE, detail)
