"""A row of buttons re-wraps when its buttons grow, not only when its own width changes.

Seen on a real 1280×1024 screen in English large text: 大字模式 restyles the whole application,
every attract button's text grows, but the row keeps its width, so no resize reaches it; it
kept four columns and squeezed 'Voice guidance' to 239 px of the 252 its text needs (in most
runs a later resize happened to re-wrap it, so the walk failed one time in three).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from kiosk.widgets import WrapGrid

pytestmark = pytest.mark.gui

LABELS = ("English", "Large text", "Elder mode", "Voice guidance")


def _row(qtbot) -> tuple[QWidget, list[QPushButton]]:
    """Four buttons in a WrapGrid on a page just wide enough for them in one row (the page is
    returned to be held: its Python wrapper owns it, and with it the buttons)."""
    page = QWidget()
    column = QVBoxLayout(page)
    grid = WrapGrid(4)
    buttons = [QPushButton(text) for text in LABELS]
    for b in buttons:
        b.setFixedHeight(88)  # a touch target's height in every mode: the row's height never changes
        grid.add(b)
    column.addWidget(grid)
    column.addStretch(1)
    qtbot.addWidget(page)
    widest = max(b.sizeHint().width() for b in buttons)
    page.setFixedWidth(4 * widest + 3 * grid.layout().spacing() + 60)  # four fit, with a little room
    page.show()
    qtbot.waitExposed(page)
    return page, buttons


def _cut(buttons: list[QPushButton]) -> list[str]:
    return [f"{b.text()}: {b.width()} < {b.sizeHint().width()}" for b in buttons
            if b.width() < b.sizeHint().width()]


def test_buttons_that_grow_wrap_to_more_rows(qtbot) -> None:
    page, buttons = _row(qtbot)
    assert page.isVisible() and not _cut(buttons)
    assert len({b.y() for b in buttons}) == 1, "four fit: one row"
    for b in buttons:
        b.setStyleSheet("font-size: 30px; padding: 0 24px;")  # as large text does, app-wide
    qtbot.waitUntil(lambda: not _cut(buttons), timeout=2000)
    assert len({b.y() for b in buttons}) > 1, "the grown buttons no longer fit one row"
    for b in buttons:
        b.setStyleSheet("")
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 1, timeout=2000)
    assert not _cut(buttons)


def test_a_style_change_of_the_whole_application_rewraps(qtbot) -> None:
    page, buttons = _row(qtbot)
    assert page.isVisible() and not _cut(buttons)
    app = QApplication.instance()
    before = app.styleSheet()
    try:
        app.setStyleSheet("QPushButton { font-size: 30px; padding: 0 24px; }")
        qtbot.waitUntil(lambda: not _cut(buttons), timeout=2000)
    finally:
        app.setStyleSheet(before)
    qtbot.waitUntil(lambda: not _cut(buttons), timeout=2000)
