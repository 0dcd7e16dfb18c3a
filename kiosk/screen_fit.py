"""Does what the window shows fit its screen? Rectangles and font metrics, read from live widgets.

Three questions, asked of the real window on a real screen (an X server: the
offscreen platform lets a window be larger than its screen, so it proves
nothing): is the window exactly the screen; does any visible control leave the
screen or get cut by its parent; does any label, button or field show less
than its whole text. Controls inside a scroll area are judged against the
scroll area's content (a long form scrolls, but never sideways); the scroll
area itself is judged like any control.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QWidget,
)

SLACK_PX = 1  # rounding between layout and font metrics
CONTROLS = (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractScrollArea)
PANELS = ("KeyboardPanel",)  # non-Widgets controls judged by their rectangle only


@dataclass(frozen=True)
class Problem:
    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.widget}: {self.problem}"


def describe(widget: QWidget) -> str:
    """`QPushButton#rating-1 "★\\nVery dissatisfied"`: enough to find the widget in the code."""
    name = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
    text = _text_of(widget)
    return f"{name} {text[:60]!r}" if text else name


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def check_window(window: QWidget) -> list[Problem]:
    """Every way the window does not fit its screen, as readable lines (empty when it fits)."""
    screen = window.screen().geometry()
    problems: list[Problem] = []
    frame = window.frameGeometry()
    if frame.size() != screen.size() or window.size() != screen.size():
        problems.append(Problem("window", f"window {_rect(frame)} on screen {_rect(screen)}"))
    for widget in window.findChildren(QWidget):
        if not _shown(widget):
            continue
        if isinstance(widget, CONTROLS) or widget.objectName() in PANELS:
            problems.extend(_placement(widget, screen))
        problems.extend(text_problems(widget))
    return problems


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0 and not widget.isWindow()


def _placement(widget: QWidget, screen: QRect) -> list[Problem]:
    """Off the screen, cut by a parent, or wider than the scroll area it sits in."""
    rect = global_rect(widget)
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        area = _scroll_area_of_viewport(parent)
        if area is not None:  # inside a scroll area: only sideways overflow is a fault
            view = global_rect(parent)
            if rect.left() < view.left() - SLACK_PX or rect.right() > view.right() + SLACK_PX:
                return [Problem(describe(widget), f"wider than its scroll area ({rect.width()} px, "
                                                  f"view {view.width()} px): scrolls sideways")]
            return []
        if not global_rect(parent).adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(rect):
            return [Problem(describe(widget), f"cut by {describe(parent)}: {_rect(rect)} "
                                              f"outside {_rect(global_rect(parent))}")]
        parent = parent.parentWidget()
    if not screen.contains(rect):
        return [Problem(describe(widget), f"leaves the screen: {_rect(rect)} on {_rect(screen)}")]
    return []


def _scroll_area_of_viewport(widget: QWidget) -> QScrollArea | None:
    area = widget.parentWidget()
    if isinstance(area, QAbstractScrollArea) and area.viewport() is widget:
        return area  # type: ignore[return-value]
    return None


# -- text ----------------------------------------------------------------------
def text_problems(widget: QWidget) -> list[Problem]:
    """Whether the widget shows all of its text (fontMetrics against the rectangle it draws in)."""
    if isinstance(widget, QLabel):
        return _label(widget)
    if isinstance(widget, QPushButton):
        return _push_button(widget)
    if isinstance(widget, QAbstractButton):
        return _by_size_hint(widget)
    if isinstance(widget, QLineEdit):
        return _line_edit(widget)
    if isinstance(widget, QComboBox):
        return _combo(widget)
    return []


def _label(widget: QLabel) -> list[Problem]:
    text = widget.text()
    if not text or widget.textFormat() == Qt.TextFormat.RichText or QtGuiNamespace.mightBeRichText(text):
        return []
    margin = widget.margin()
    room = widget.contentsRect().adjusted(margin, margin, -margin, -margin)
    metrics = widget.fontMetrics()
    if widget.wordWrap():
        needed = metrics.boundingRect(QRect(0, 0, room.width(), 1_000_000),
                                      int(Qt.TextFlag.TextWordWrap), text)
    else:
        needed = metrics.boundingRect(QRect(0, 0, 1_000_000, 1_000_000), 0, text)
    return _fits(widget, needed.width(), needed.height(), room)


def _push_button(widget: QPushButton) -> list[Problem]:
    text = widget.text()
    if not text:
        return []
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    room = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
    size = widget.fontMetrics().size(int(Qt.TextFlag.TextShowMnemonic), text)
    width = size.width()
    if not widget.icon().isNull():
        width += widget.iconSize().width() + 4  # QCommonStyle's gap between icon and text
    return _fits(widget, width, size.height(), room)


def _by_size_hint(widget: QAbstractButton) -> list[Problem]:
    hint = widget.sizeHint()
    if widget.width() + SLACK_PX < hint.width() or widget.height() + SLACK_PX < hint.height():
        return [Problem(describe(widget), f"text cut: needs {hint.width()}×{hint.height()}, "
                                          f"has {widget.width()}×{widget.height()}")]
    return []


def _line_edit(widget: QLineEdit) -> list[Problem]:
    """A prefilled (read-only) value or the placeholder must show whole; typing may scroll."""
    if widget.text() and not widget.isReadOnly():
        return []
    text = widget.text() or widget.placeholderText()
    if not text:
        return []
    option = QStyleOptionFrame()
    widget.initStyleOption(option)
    room = widget.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, widget)
    margins = widget.textMargins()
    room = room.adjusted(margins.left() + 2, margins.top(), -margins.right() - 2, -margins.bottom())
    return _fits(widget, widget.fontMetrics().horizontalAdvance(text), widget.fontMetrics().height(), room)


def _combo(widget: QComboBox) -> list[Problem]:
    text = widget.currentText()
    if not text:
        return []
    option = QStyleOptionComboBox()
    widget.initStyleOption(option)
    room = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, widget)
    return _fits(widget, widget.fontMetrics().horizontalAdvance(text), 0, room)


def _fits(widget: QWidget, width: int, height: int, room: QRect) -> list[Problem]:
    if width <= room.width() + SLACK_PX and height <= room.height() + SLACK_PX:
        return []
    return [Problem(describe(widget),
                    f"text cut: needs {width}×{height}, has {room.width()}×{room.height()}")]


def _text_of(widget: QWidget) -> str:
    for getter in ("text", "currentText", "placeholderText"):
        method = getattr(widget, getter, None)
        if callable(method):
            try:
                value = method()
            except TypeError:
                continue
            if isinstance(value, str) and value:
                return value
    return ""


def _rect(rect: QRect) -> str:
    return f"{rect.width()}×{rect.height()}+{rect.x()}+{rect.y()}"


__all__ = ["Problem", "check_window", "describe", "global_rect", "text_problems"]
