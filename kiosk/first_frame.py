"""Work that waits until the kiosk's first frame is on the screen.

A zero timer alone fires before the first frame is painted (the window's first Paint event
comes after the event loop has run the timers already due), so "after the first frame" is
watched for: a one-shot event filter sees the first Paint event and then queues the work behind
it. Given a widget to watch (the window, or the panel a hidden widget sits in), it watches that
widget's events only: an application-wide filter written in Python has PySide wrap every object
an event is sent to, Qt's own parts included, and the first wrapper of each Qt class builds that
class's enum types (~25 ms of CPU in the kiosk's first frame, bench/bench_startup.py).
The keyboard's QML, the pages other than attract and the terminal's threads start this way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


class AfterFirstFrame(QObject):
    """Calls `then` once the event loop is free after the application's first Paint event; with
    no application, at the next turn of the loop. Watches the application's events only until then.

    `latest_ms`: call it then even if nothing has painted (a window that is never exposed must
    still start what waits here); None waits for the paint alone. `watch`: a widget painted in
    the first frame, whose events alone are watched; None watches the whole application's."""

    def __init__(self, then: Callable[[], None], latest_ms: int | None = None,
                 watch: QObject | None = None) -> None:
        super().__init__()
        self._then = then
        self._app = QApplication.instance()
        self._pending = True
        if self._app is None:
            QTimer.singleShot(0, self._fire)
            return
        self._watched: QObject = watch if watch is not None else self._app
        self._watched.installEventFilter(self)
        if latest_ms is not None:
            QTimer.singleShot(latest_ms, self, self._fire)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._stop_watching()
            QTimer.singleShot(0, self, self._fire)
        return False

    def stop(self) -> None:
        """Not needed any more (the work ran early, at a citizen's tap): stop watching, never call."""
        self._pending = False
        self._stop_watching()

    def _fire(self) -> None:
        if self._pending:
            self._pending = False
            self._stop_watching()
            self._then()

    def _stop_watching(self) -> None:
        if self._app is not None:
            self._watched.removeEventFilter(self)
            self._app = None


__all__ = ["AfterFirstFrame"]
