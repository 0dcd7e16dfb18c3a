"""Run slow core calls (card reads, scans, hub look-ups, printing) off the UI thread.

The result comes back on the UI thread through a queued signal, so screens stay
responsive and never touch widgets from a device thread. A call whose owner has
moved on (the session was wiped) is dropped on return by its generation number.

The calls run on a Python thread pool and report through one long-lived relay
object, keyed by call number. A QRunnable subclass per call (the first design)
leaked about one wrapper in seven under PySide6 6.11 — each holding its closure,
and with it whatever the call was given (a citizen's application, a card record) —
so over a thousand visits memory grew and a visit's data outlived the visit.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[Exception], None] | None


class _Relay(QObject):
    done = Signal(int, object, object)  # (call number, result, error), queued to the UI thread


class Background(QObject):
    """Starts calls on a small pool; `invalidate()` drops every call still running."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._max_threads = max_threads
        self._executor: ThreadPoolExecutor | None = None  # made at the first call: see _pool()
        self._relay = _Relay(self)
        self._relay.done.connect(self._finish)
        self._generation = 0
        self._numbers = itertools.count()
        self._waiting: dict[int, tuple[int, OnDone, OnError]] = {}  # UI thread only
        self._running: set[Future[None]] = set()
        self._running_lock = threading.Lock()

    def invalidate(self) -> None:
        self._generation += 1

    def run(self, fn: Callable[[], Any], on_done: OnDone, on_error: OnError = None) -> None:
        number = next(self._numbers)
        self._waiting[number] = (self._generation, on_done, on_error)
        future = self._pool().submit(self._call, number, fn)
        with self._running_lock:
            self._running.add(future)
        future.add_done_callback(self._forget)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """True when every call started has returned within the time (results may still be queued)."""
        with self._running_lock:
            running = set(self._running)
        if not running:
            return True
        from concurrent.futures import wait

        _done, not_done = wait(running, timeout=timeout_ms / 1000)
        return not not_done

    def _pool(self) -> ThreadPoolExecutor:
        """The thread pool, made at the first call: concurrent.futures (with queue) costs ≈3 ms
        that the first frame does not need."""
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(self._max_threads, thread_name_prefix="kiosk-background")
        return self._executor

    def _call(self, number: int, fn: Callable[[], Any]) -> None:  # on a pool thread
        try:
            result = fn()
        except Exception as exc:  # handed to the caller's on_error, never lost
            self._emit(number, None, exc)
        else:
            self._emit(number, result, None)

    def _emit(self, number: int, result: Any, error: Exception | None) -> None:
        with suppress(RuntimeError):  # the window (and its relay) is gone: nobody is waiting
            self._relay.done.emit(number, result, error)

    def _forget(self, future: Future[None]) -> None:
        with self._running_lock:
            self._running.discard(future)

    def _finish(self, number: int, result: Any, error: Exception | None) -> None:
        generation, on_done, on_error = self._waiting.pop(number)
        if generation != self._generation:
            return
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background call failed: %s", type(error).__name__)
