"""A citizen's presentation mode (大字, 长辈模式) laid on the window part by part, not app-wide.

Why not `QApplication.setStyleSheet`: Qt then repolishes every widget alive, in no useful
order, and after one visit the window holds ~950 (the merged form alone ~490). Measured
offscreen on this project's window after two visits: 1.0–1.7 s of CPU for one tap on
大字模式 or 长辈模式, and the same again when the wipe turns the mode off for the next citizen.

So the application keeps kiosk.qss, and the mode's whole sheet (kiosk.qss with its layers,
so the rules cascade exactly as one app-wide sheet did) is set on each part a citizen sees:
at once on the bars, the overlay and the page shown (≈20–40 ms); on every other page just
before it is shown, or earlier in idle time, one page per turn of the event loop, so a tap
in between waits at most one page (the merged form: ≈100–140 ms). In normal mode a part's
own sheet is empty. The window's own background follows its `mode` property (kiosk.qss).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.app_style import stylesheet
from kiosk.presentation import Presentation


class ModeStyle:
    """The current mode's sheet on `root`'s parts: `parts_now()` at once, `pages()` lazily."""

    def __init__(self, root: QWidget, parts_now: Callable[[], Iterable[QWidget]],
                 pages: Callable[[], Iterable[QWidget]], owner: QObject) -> None:
        self._root = root
        self._parts_now = parts_now
        self._pages = pages
        self._owner = owner  # the idle-time restyle stops with it
        self._sheet = ""
        self._queued = False

    @property
    def sheet(self) -> str:
        """What each part's own stylesheet is in the mode now ("" in normal mode)."""
        return self._sheet

    def apply(self, shown: Presentation) -> None:
        """The citizen chose a mode (or the wipe reset it): the parts in view change now."""
        self._sheet = "" if shown.style_layers == ("kiosk.qss",) else stylesheet(layers=shown.style_layers)
        self._root.setProperty("mode", shown.mode.value)
        style = self._root.style()
        style.unpolish(self._root)  # the root alone: its children are parts with their own sheet
        style.polish(self._root)
        self._root.update()
        for part in self._parts_now():
            self.dress(part)
        self._restyle_later()

    def dress(self, part: QWidget) -> None:
        """`part` in the current mode (nothing to do when it already is): before a page shows."""
        if part.styleSheet() != self._sheet:
            part.setStyleSheet(self._sheet)

    def _restyle_later(self) -> None:
        if not self._queued:
            self._queued = True
            QTimer.singleShot(0, self._owner, self._restyle_one)

    def _restyle_one(self) -> None:
        self._queued = False
        stale = next((page for page in self._pages() if page.styleSheet() != self._sheet), None)
        if stale is not None:
            stale.setStyleSheet(self._sheet)
            self._restyle_later()


__all__ = ["ModeStyle"]
