"""Kiosk mode: no way out by keyboard or window buttons, and the hidden way in for staff.

A hall terminal may have a keyboard plugged in by a curious visitor: Alt+F4,
Ctrl+Q, Ctrl+W, Escape and the like are swallowed, and closing the window is
refused unless staff chose "leave kiosk mode". Five taps in the top-right
corner within three seconds (kiosk.staff.gesture) ask for the staff PIN.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from kiosk.staff.gesture import CornerTapDetector

_BLOCKED_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Q, Qt.Key.Key_W,
                 Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Meta}


def is_escape_chord(event: QKeyEvent) -> bool:
    """Keys that would close, switch away from or minimise the kiosk."""
    key = Qt.Key(event.key())
    mods = event.modifiers()
    if key == Qt.Key.Key_Escape:
        return True
    if key in (Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Meta):
        return True
    mod = Qt.KeyboardModifier
    chord = mod.AltModifier | mod.ControlModifier | mod.MetaModifier
    if mods & chord:
        return key in _BLOCKED_KEYS or event.matches(QKeySequence.StandardKey.Quit) or event.matches(
            QKeySequence.StandardKey.Close
        )
    return False


class Lockdown(QObject):
    """Swallows escape chords and watches for the staff gesture: the window's own events until
    its first frame, then the application's (kiosk.app_events)."""

    WATCHES = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress)

    def __init__(self, window: QWidget, on_staff_gesture: Callable[[], None],
                 detector: CornerTapDetector | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.on_staff_gesture = on_staff_gesture
        self.detector = detector or CornerTapDetector()
        self.swallowed = 0
        self._last_press: tuple[int, float, float] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and is_escape_chord(event):
            self.swallowed += 1
            return True
        if kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) \
                and watched.window() is self.window:
            self._press(watched, event)
        return False

    def _press(self, watched: QWidget, event: QEvent) -> None:
        point = watched.mapTo(self.window, event.position().toPoint())
        # One press reaches several widgets as it propagates to parents: count it once.
        press = (event.timestamp(), event.globalPosition().x(), event.globalPosition().y())
        if press == self._last_press:
            return
        self._last_press = press
        if self.detector.tap(point.x(), point.y(), self.window.width(), self.window.height()):
            self.on_staff_gesture()
