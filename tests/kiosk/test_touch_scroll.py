"""The field being typed into shows whole, with its label, when the keyboard shrinks its scroll area.

Seen on a real 1366×768 screen: the keyboard left the merged form a 100 px view, and Qt's
ensureWidgetVisible() on the focused 76 px field scrolled only its text cursor into view,
so the field's top edge and its label stayed above the view.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.widgets import TouchScroll

pytestmark = pytest.mark.gui

FIELD_PX = 76
VIEW_PX = 150


def _form(qtbot) -> tuple[TouchScroll, QLabel, QLineEdit]:
    """A long form whose 20th field has a label above it, in a short scroll area."""
    content = QWidget()
    column = QVBoxLayout(content)
    caption = field = None
    for n in range(40):
        row_label, row_field = QLabel(f"字段 {n}"), QLineEdit()
        row_field.setFixedHeight(FIELD_PX)
        column.addWidget(row_label)
        column.addWidget(row_field)
        if n == 20:
            caption, field = row_label, row_field
    scroll = TouchScroll(content)
    qtbot.addWidget(scroll)
    scroll.resize(600, 900)
    scroll.show()
    qtbot.waitExposed(scroll)
    scroll.caption_of = {field: caption}.get
    return scroll, caption, field


def _in_view(scroll: TouchScroll, widget: QWidget) -> bool:
    view = scroll.viewport()
    return view.rect().contains(QRect(widget.mapTo(view, QPoint(0, 0)), widget.size()))


def _cut_at_its_top(qtbot, scroll: TouchScroll, field: QLineEdit) -> None:
    """The field drawn in view first (its text cursor sits mid-field once painted, as on a real
    screen), then scrolled so its top 10 px are above the view."""
    top = field.mapTo(scroll.widget(), QPoint(0, 0)).y()
    scroll.verticalScrollBar().setValue(top - 20)
    qtbot.wait(50)
    scroll.verticalScrollBar().setValue(top + 10)


def _keyboard_opens(qtbot, scroll: TouchScroll, field: QLineEdit) -> None:
    """The field is tapped (focused, its top edge just above the view), then the view shrinks."""
    _cut_at_its_top(qtbot, scroll, field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    scroll.resize(600, VIEW_PX)
    qtbot.wait(20)  # the second look, once the new size has settled


def test_the_focused_field_and_its_label_show_whole_when_the_view_shrinks(qtbot) -> None:
    scroll, caption, field = _form(qtbot)
    _keyboard_opens(qtbot, scroll, field)
    assert scroll.viewport().height() <= VIEW_PX
    assert _in_view(scroll, field), "the field being typed into is cut"
    assert _in_view(scroll, caption), "the field's label scrolled away"


def test_without_room_for_the_label_the_field_still_shows_whole(qtbot) -> None:
    scroll, caption, field = _form(qtbot)
    caption.setFixedHeight(VIEW_PX)  # label and field together are taller than the view
    _keyboard_opens(qtbot, scroll, field)
    assert _in_view(scroll, field)


def test_qt_alone_shows_only_the_cursor(qtbot) -> None:
    """Why show_whole exists: ensureWidgetVisible() on a focused field is content once its text
    cursor shows, and leaves the field's edge cut."""
    scroll, _caption, field = _form(qtbot)
    scroll.resize(600, VIEW_PX)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.wait(20)  # every resize has arrived (and scrolled the focused field into view)
    _cut_at_its_top(qtbot, scroll, field)
    scroll.ensureWidgetVisible(field, 16, 16)
    assert not _in_view(scroll, field)
    scroll.show_whole(field)
    assert _in_view(scroll, field)
