"""Which applications the hub has acknowledged, as the sync worker reports them.

Its own module, apart from kiosk/submission.py, because the runtime makes one at start-up and
the submission's modules (receipt, tracking link, application numbers) are only wanted when a
citizen submits, after the first frame (bench/bench_startup.py).
"""

from __future__ import annotations

import threading
from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offline_cache.sync import SyncReport

REMEMBERED_ACKS = 1000  # acknowledged ids kept for waiters: far more than arrive during one wait


class HubAcknowledgements:
    """Which applications the hub has acknowledged, as the sync worker reports them.

    `note` is the sync worker's change callback (its thread); `wait` blocks a worker
    until an id is acknowledged or the time is up, woken by `note`, never polling.
    """

    def __init__(self, remember: int = REMEMBERED_ACKS) -> None:
        self._acked: deque[str] = deque(maxlen=remember)
        self._changed = threading.Condition()

    def note(self, report: SyncReport) -> None:
        if not report.acked_ids:
            return
        with self._changed:
            self._acked.extend(report.acked_ids)
            self._changed.notify_all()

    def wait(self, application_id: str, timeout_s: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: application_id in self._acked, timeout=max(0.0, timeout_s))
