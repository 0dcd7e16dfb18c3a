"""The on-screen keyboard: Qt Virtual Keyboard's pinyin panel inside the kiosk window.

A hall has no physical keyboard. The panel is a QQuickWidget at the bottom of
the window (not a separate window, which a kiosk compositor may hide), shown
while an editable text field has focus and hidden otherwise. Fields ask for
the layout they need through input-method hints (digits for phones and areas,
upper-case Latin for credit codes); the panel switches by itself.

The environment must be prepared before the QApplication exists:
`prepare_environment()` does that and is called by kiosk.app.

The panel is a plain widget until its QML loads, just after the first frame: the Qt Quick
modules (PySide6.QtQuickWidgets, ~20 ms to import) and the QQuickWidget itself are made then,
inside it, so the attract screen is drawn without them.
"""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from kiosk.first_frame import AfterFirstFrame

if TYPE_CHECKING:
    from PySide6.QtQuickWidgets import QQuickWidget

log = logging.getLogger(__name__)

QML = Path(__file__).resolve().parents[1] / "assets" / "qml" / "keyboard.qml"
PANEL_HEIGHT = 360  # until fit_to() knows the screen
SCREEN_SHARE = 0.36  # at most this share of the screen's height: the page above keeps the rest


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


class KeyboardPanel(QWidget):
    """The pinyin keyboard; `available` is False when the QML module cannot load (then typing
    falls back to whatever input method the system has, and the kiosk still works)."""

    shownChanged = Signal(bool)  # the window makes room above (the page's headline steps aside)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyboardPanel")
        self.setFixedHeight(PANEL_HEIGHT)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view: QQuickWidget | None = None  # the Qt Quick view, made when the QML loads
        self._screen_size: QSize | None = None
        self._available: bool | None = None  # not loaded yet
        self.hide()
        self._first_paint = AfterFirstFrame(self._load, watch=parent)  # after the first frame, not before it
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    # -- the view's own calls, for the window and the benches (None before the QML loaded) --
    def engine(self) -> Any:
        return self.view.engine() if self.view is not None else None

    def quickWindow(self) -> Any:  # Qt's name, as on QQuickWidget
        return self.view.quickWindow() if self.view is not None else None

    def rootObject(self) -> Any:
        return self.view.rootObject() if self.view is not None else None

    def release_memory(self) -> None:
        """Between visits: collect the QML engine's JavaScript garbage (the layouts its Loader
        swapped out for digits, codes and dates), which the engine does rarely by itself, and,
        while hidden, the scene graph's caches. Without this plain VmRSS climbs by hundreds of
        MiB over a day although nothing leaks (bench/bench_sessions.py)."""
        if not self.available or self.view is None:
            return
        self.view.engine().collectGarbage()
        window = self.view.quickWindow()
        if not self.isVisible() and window is not None:
            window.releaseResources()

    def fit_to(self, screen: QSize) -> None:
        """Size the panel for this screen: as wide as fits a bounded share of its height.

        The panel's height follows its width, so a full-width panel on a 1920×1080 screen
        would take 600 px; narrower (centred) it takes ≤ SCREEN_SHARE of the height, and
        the widget is exactly as tall as the panel (no key row cut off at the top).
        """
        self._screen_size = QSize(screen)
        self._fit()

    def _fit(self) -> None:
        root = self.rootObject()
        screen = self._screen_size
        if root is None or screen is None:
            return  # the QML failed to load, or no screen yet: fitted at the next show
        root.setProperty("panelWidth", screen.width())
        full = float(root.property("implicitHeight") or 0)
        if full <= 0:
            return
        budget = screen.height() * SCREEN_SHARE
        width = screen.width() * min(1.0, budget / full)
        root.setProperty("panelWidth", width)
        self.setFixedHeight(math.ceil(float(root.property("implicitHeight"))))

    def showEvent(self, event) -> None:
        self._fit()  # the panel's style has loaded by now, so its height for a width is known
        super().showEvent(event)
        self.shownChanged.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.shownChanged.emit(False)

    @property
    def available(self) -> bool:
        """The keyboard's QML loaded (loading it now if that has not happened yet)."""
        if self._available is None:
            self._load()
        return bool(self._available)

    def _load(self) -> None:
        """Load the QML once: its engine, the keyboard plugin and the pinyin layouts cost more
        than the rest of the first frame, so this runs just after it (or at the first tap on a
        field, whichever comes first)."""
        if self._available is not None:
            return
        self._first_paint.stop()
        from PySide6.QtQuickWidgets import QQuickWidget

        view = QQuickWidget(self)
        view.setObjectName("KeyboardView")
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        self._layout.addWidget(view)
        self.view = view
        view.setSource(QUrl.fromLocalFile(str(QML)))
        self._available = view.status() == QQuickWidget.Status.Ready
        if not self._available:
            log.warning("virtual keyboard unavailable: %s", "; ".join(e.toString() for e in view.errors()))
            return
        app = QApplication.instance()
        focused = app.focusWidget() if app is not None else None
        if focused is not None:
            self._focus_changed(None, focused)  # a field tapped before the keyboard was there

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self or (new is not None and self.isAncestorOf(new)):
            return  # a tap on the keyboard itself keeps it open
        self.setVisible(wants_keyboard(new) and self.available)  # loads only for a field
