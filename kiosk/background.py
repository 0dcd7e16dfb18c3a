"""Run slow core calls (card reads, scans, hub look-ups, printing) off the UI thread.

The result comes back on the UI thread through a queued signal, so screens stay
responsive and never touch widgets from a device thread. A call whose owner has
moved on (the session was wiped) is dropped on return by its generation number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object, object)  # (result, error)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the caller's on_error, never lost
            self._relay.done.emit(None, exc)
        else:
            self._relay.done.emit(result, None)


class Background(QObject):
    """Starts calls on a small pool; `invalidate()` drops every call still running."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._generation = 0
        self._relays: set[_Relay] = set()

    def invalidate(self) -> None:
        self._generation += 1

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        generation = self._generation
        relay = _Relay()
        self._relays.add(relay)

        def finish(result: Any, error: Exception | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if generation != self._generation:
                return
            if error is None:
                on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("background call failed: %s", type(error).__name__)

        relay.done.connect(finish)
        self._pool.start(_Task(fn, relay))

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)
