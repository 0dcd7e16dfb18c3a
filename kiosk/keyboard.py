"""The on-screen keyboard: Qt Virtual Keyboard's pinyin panel inside the kiosk window.

A hall has no physical keyboard. The panel is a QQuickWidget at the bottom of
the window (not a separate window, which a kiosk compositor may hide), shown
while an editable text field has focus and hidden otherwise. Fields ask for
the layout they need through input-method hints (digits for phones and areas,
upper-case Latin for credit codes); the panel switches by itself.

The environment must be prepared before the QApplication exists:
`prepare_environment()` does that and is called by kiosk.app.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

log = logging.getLogger(__name__)

QML = Path(__file__).resolve().parents[1] / "assets" / "qml" / "keyboard.qml"
PANEL_HEIGHT = 360


def prepare_environment() -> None:
    """Select the virtual keyboard input method, embedded (not a desktop window)."""
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")  # ~100 MiB less than llvmpipe, no GPU needed


def hints_for(kind: str) -> Qt.InputMethodHint:
    """The keyboard layout a field of this input kind needs: digits, a dial pad, upper-case codes."""
    hint = Qt.InputMethodHint
    return {
        "number": hint.ImhFormattedNumbersOnly,
        "postcode": hint.ImhDigitsOnly,
        "phone": hint.ImhDialableCharactersOnly,
        "date": hint.ImhDate | hint.ImhPreferNumbers,
        "uscc": hint.ImhUppercaseOnly | hint.ImhLatinOnly | hint.ImhNoPredictiveText,
        "id_number": hint.ImhPreferNumbers | hint.ImhUppercaseOnly | hint.ImhNoPredictiveText,
    }.get(kind, hint.ImhNone)


def wants_keyboard(widget: QWidget | None) -> bool:
    return isinstance(widget, QLineEdit) and not widget.isReadOnly() and widget.isEnabled()


class KeyboardPanel(QQuickWidget):
    """The pinyin keyboard; `available` is False when the QML module cannot load (then typing
    falls back to whatever input method the system has, and the kiosk still works)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyboardPanel")
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        self.setFixedHeight(PANEL_HEIGHT)
        self.setSource(QUrl.fromLocalFile(str(QML)))
        self.available = self.status() == QQuickWidget.Status.Ready
        if not self.available:
            log.warning("virtual keyboard unavailable: %s", "; ".join(e.toString() for e in self.errors()))
        self.hide()
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    def release_memory(self) -> None:
        """Between visits: collect the QML engine's JavaScript garbage (the layouts its Loader
        swapped out for digits, codes and dates), which the engine does rarely by itself, and,
        while hidden, the scene graph's caches. Without this plain VmRSS climbs by hundreds of
        MiB over a day although nothing leaks (bench/bench_sessions.py)."""
        if not self.available:
            return
        self.engine().collectGarbage()
        window = self.quickWindow()
        if not self.isVisible() and window is not None:
            window.releaseResources()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self or (new is not None and self.isAncestorOf(new)):
            return  # a tap on the keyboard itself keeps it open
        self.setVisible(self.available and wants_keyboard(new))
