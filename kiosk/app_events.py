"""The kiosk's one application-wide event filter, handing each event to the watchers of its type.

Why one: Qt calls an application-wide filter for every event of every object, and one written in
Python costs a crossing into Python each time — about as much again as Qt's own work when a page
shows or hides a few hundred widgets (the merged form, the return to attract: ~4,000 events).
With the accessible-names describer, the idle guard and the lockdown each installed on the
application, a page change paid three crossings per event; measured on a page of 350 widgets
shown and hidden, with 0, 1, 2, 3 such filters: 34, 69, 97, 122 ms. Here every event crosses
once, its type is asked once, and only the watchers of that type are called, in the order they
were added (the lockdown first, so a swallowed key reaches nobody else).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject


class ApplicationEvents(QObject):
    """Install once on the QApplication; `watch` a QObject filter for the event types it needs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watchers: dict[QEvent.Type, tuple[QObject, ...]] = {}

    def watch(self, watcher: QObject, kinds: Iterable[QEvent.Type]) -> None:
        """`watcher.eventFilter(watched, event)` is called for each event of these types; True
        from it stops the event there, as from any event filter."""
        for kind in kinds:
            current = self._watchers.get(kind, ())
            if watcher not in current:
                self._watchers[kind] = (*current, watcher)

    def unwatch(self, watcher: QObject) -> None:
        for kind, current in list(self._watchers.items()):
            remaining = tuple(w for w in current if w is not watcher)
            if remaining:
                self._watchers[kind] = remaining
            else:
                del self._watchers[kind]

    def watching(self, watcher: QObject) -> bool:
        return any(watcher in current for current in self._watchers.values())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        watchers = self._watchers.get(event.type())
        if watchers is None:
            return False
        return any(watcher.eventFilter(watched, event) for watcher in watchers)


__all__ = ["ApplicationEvents"]
