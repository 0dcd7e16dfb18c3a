"""Small building blocks every screen uses: big buttons, labels by role, the step bar.

Screens compose these so the look lives in one stylesheet and one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QWidget,
)


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate a zh_CN source string through Qt Linguist catalogs (%n for counts)."""
    return QCoreApplication.translate("kiosk", text, disambiguation, n)


def button(text: str, on_click: Callable[[], None] | None = None, *, role: str = "",
           name: str = "") -> QPushButton:
    """A touch-sized button; `role` picks its style (primary, danger, tile, option)."""
    widget = QPushButton(text)
    if role:
        widget.setProperty("role", role)
    widget.setObjectName(name or "")
    widget.setAccessibleName(text.replace("\n", " "))
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


FOCUS_MARGIN_PX = 16  # room kept around the field being typed into, where the view has it

ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"


def icon(name: str) -> QIcon:
    """An icon from assets/icons (SVG, drawn at any size); a blank icon for an unknown name."""
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def pictogram(name: str, size: int = 160) -> QLabel:
    """A large illustration for a step (card on the reader, phone with a code, success)."""
    widget = QLabel()
    widget.setObjectName("Pictogram")
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    set_pictogram(widget, name, size)
    return widget


def set_pictogram(widget: QLabel, name: str, size: int = 160) -> None:
    widget.setPixmap(icon(name).pixmap(QSize(size, size)))


def label(text: str = "", role: str = "", *, wrap: bool = True) -> QLabel:
    """A label styled by object name (Headline, Guidance, Hint, Error, Figure…)."""
    widget = QLabel(text)
    if role:
        widget.setObjectName(role)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def touch_scroll(content: QWidget) -> TouchScroll:
    """A scroll area that scrolls by finger (kinetic) on a touch screen, never sideways."""
    return TouchScroll(content)


class TouchScroll(QScrollArea):
    """Kinetic by finger (TouchGesture, not LeftMouseButtonGesture: that delays and can swallow
    quick taps), never sideways."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        # A viewport of our own, made here: asking for the one Qt made (viewport()) has PySide wrap
        # an object made in C++, and its first such wrapper built some 80 enum types (8 ms of CPU)
        # before the first frame.
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")  # the name Qt gives its own
        viewport.setAutoFillBackground(False)
        self.setViewport(viewport)
        self.setWidgetResizable(True)
        self.setWidget(content)
        content.setAutoFillBackground(False)  # setWidget turns it on: the page's colour shows through
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Kinetic scrolling after this turn of the event loop: the first frame need not wait for
        # QScroller's set-up.
        QTimer.singleShot(0, self, self._grab_touch)
        self.caption_of: Callable[[QWidget], QWidget | None] = lambda _field: None
        """The label that names a field, kept in view with it while typing (the page knows it)."""

    def _grab_touch(self) -> None:
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def resizeEvent(self, event) -> None:
        """Shrunk by the keyboard opening below: the field being typed into stays in view."""
        super().resizeEvent(event)
        self._show_focus()
        QTimer.singleShot(0, self, self._show_focus)  # again once the new size has settled

    def _show_focus(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.widget() is not None and self.widget().isAncestorOf(focus):
            self.show_whole(focus, self.caption_of(focus))

    def show_whole(self, widget: QWidget, caption: QWidget | None = None,
                   margin: int = FOCUS_MARGIN_PX) -> None:
        """Scroll so all of `widget` shows, with its caption (the label naming it) where both fit,
        and up to `margin` around them where the view has room.

        ensureWidgetVisible() on a focused field only brings its text cursor into view: above a
        keyboard on a 768-high panel a 76 px field in a 100 px view kept its top edge scrolled
        away, and its label above it (seen on a real X screen). A widget taller than the view
        shows its cursor (or its top).
        """
        content = self.widget()
        view = self.viewport().size()
        if content is None or widget.height() > view.height():
            self.ensureWidgetVisible(widget, margin, margin)
            return
        area = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
        if caption is not None and caption.isVisible():
            both = area.united(QRect(caption.mapTo(content, QPoint(0, 0)), caption.size()))
            if both.height() <= view.height():
                area = both
        xmargin = max(0, min(margin, (view.width() - area.width()) // 2))
        ymargin = max(0, min(margin, (view.height() - area.height()) // 2))
        centre = area.center()
        self.ensureVisible(centre.x(), centre.y(), area.width() // 2 + xmargin, area.height() // 2 + ymargin)

    def follow_content(self) -> None:
        """Give the content at least its minimum height now (then it scrolls).

        QScrollArea does this when it is resized or laid out; a page first drawn inside the
        kiosk's fixed-size window gets neither, and its long form stayed squeezed into the
        old height (seen on a real X screen: rows 8 px tall).
        """
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class StepBar(QWidget):
    """身份认证 › 主体业态 › … › 完成 — where the citizen is, at a glance.

    Where the row does not fit (a portrait screen, the longer English titles) the
    other steps shrink to numbers and only the current one keeps its title, so the
    bar never forces the window wider than the screen.
    """

    def __init__(self, titles: Sequence[str]) -> None:
        super().__init__()
        self.setObjectName("StepBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._titles = list(titles)
        self._labels: list[QLabel] = []
        self._current: int | None = None
        self._separators: list[QLabel] = []
        for i, title in enumerate(titles):
            if i:
                separator = label("›", wrap=False)
                self._separators.append(separator)
                layout.addWidget(separator)
            item = label(title, wrap=False)
            self._labels.append(item)
            layout.addWidget(item)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def set_titles(self, titles: Sequence[str]) -> None:
        self._titles = list(titles)
        self._relabel()

    def set_current(self, index: int | None) -> None:
        self._current = index
        for i, item in enumerate(self._labels):
            state = "" if index is None else "current" if i == index else "done" if i < index else ""
            if (item.property("state") or "") != state:  # only what changed (the attract screen: none)
                item.setProperty("state", state)
                restyle(item)
        self._relabel()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relabel()

    def _needed(self, level: int) -> int:
        """Width of the row at a compaction level (see _text)."""
        width = 0
        for i, (item, title) in enumerate(zip(self._labels, self._titles, strict=True)):
            text = self._text(i, title, level)
            if text:
                width += item.fontMetrics().horizontalAdvance(text) + item.sizeHint().width() \
                    - item.fontMetrics().horizontalAdvance(item.text())
        return width + (sum(s.sizeHint().width() for s in self._separators) if level < 2 else 0)

    def _text(self, i: int, title: str, level: int) -> str:
        """0: every title; 1: numbers, the current step named; 2: only "3/8 营业执照"."""
        if level == 0 or (level == 1 and i == self._current):
            return title
        if level == 1:
            return str(i + 1)
        return f"{i + 1}/{len(self._titles)} {title}" if i == self._current else ""

    def _relabel(self) -> None:
        """The fullest row that fits the bar's width: words are shortened away, never cut."""
        level = next((n for n in (0, 1) if self._needed(n) <= self.width()), 2)
        for i, (item, title) in enumerate(zip(self._labels, self._titles, strict=True)):
            text = self._text(i, title, level)
            item.setText(text)
            item.setVisible(bool(text))
        for separator in self._separators:
            separator.setVisible(level < 2)


class Spinner(QLabel):
    """A busy indicator that needs no image: a turning set of dots."""

    _FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self) -> None:
        super().__init__("")
        self.setObjectName("Figure")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._index = 0
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()
        self.show()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    def _tick(self) -> None:
        self._index = (self._index + 1) % len(self._FRAMES)
        self.setText(self._FRAMES[self._index])


class WrapGrid(QWidget):
    """Buttons in as many equal columns as fit the width, up to `max_columns`: on a narrow
    screen or in large text they wrap to more rows instead of pushing the page wider (and a
    button never gets less than its whole text). Its minimum width is one column's."""

    def __init__(self, max_columns: int, spacing: int = -1) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        if spacing >= 0:
            self._grid.setSpacing(spacing)
        self._items: list[QWidget] = []
        self._max = max(1, max_columns)
        self._columns = self._max

    def add(self, widget: QWidget) -> None:
        self._items.append(widget)
        self._place(self._columns)

    def clear(self) -> None:
        """Take every widget out (the caller deletes them)."""
        for widget in self._items:
            self._grid.removeWidget(widget)
        self._items.clear()

    def set_max_columns(self, columns: int) -> None:
        self._max = max(1, columns)
        self._place(self._fitting(self.width()) if self.width() > 0 else self._max)

    def minimumSizeHint(self) -> QSize:
        widest = max((w.sizeHint().expandedTo(w.minimumSize()).width() for w in self._items), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit(event.size().width())

    def event(self, event: QEvent) -> bool:
        """A button whose text grows (large text restyles the whole application) asks its row
        for a new layout without the row changing size: re-wrap then too, not only on resize."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._refit(self.width())
        return handled

    def _refit(self, width: int) -> None:
        columns = self._fitting(width)
        if columns != self._columns:
            self._place(columns)

    def _fitting(self, width: int) -> int:
        shown = [w for w in self._items if not w.isHidden()] or self._items
        widest = max((w.sizeHint().width() for w in shown), default=1)
        spacing = max(self._grid.spacing(), 0)
        return max(1, min(self._max, (width + spacing) // (widest + spacing)))

    def _place(self, columns: int) -> None:
        self._columns = columns
        for widget in self._items:
            self._grid.removeWidget(widget)
        hidden = [w for w in self._items if w.isHidden()]  # last: a hidden one leaves no gap in the row
        for i, widget in enumerate([w for w in self._items if not w.isHidden()] + hidden):
            self._grid.addWidget(widget, i // columns, i % columns)
        for column in range(max(self._grid.columnCount(), columns)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)


class ChoiceButtons(WrapGrid):
    """One of a few options as big buttons side by side: one tap, where a drop-down needs two."""

    changed = Signal(object)

    def __init__(self, options: Sequence[tuple[object, str]], chosen: object = None,
                 columns: int = 0) -> None:
        super().__init__(columns or len(options))  # 0: all in one row where they fit
        self.buttons: list[tuple[object, QPushButton]] = []
        for value, text in options:
            choice = button(text, role="option", name=f"choice-{value}")
            choice.setCheckable(True)
            choice.setChecked(chosen is not None and value == chosen)
            choice.clicked.connect(lambda _c=False, v=value: self._pick(v))
            self.buttons.append((value, choice))
            self.add(choice)

    def _pick(self, value: object) -> None:
        for option, choice in self.buttons:
            choice.setChecked(option == value)
        self.changed.emit(value)

    def value(self) -> object:
        return next((v for v, b in self.buttons if b.isChecked()), None)


class MultiChoice(WrapGrid):
    """Several options, any number chosen, as big toggle buttons (no typing, no tiny boxes)."""

    changed = Signal(list)

    def __init__(self, options: Sequence[tuple[str, str]], chosen: Sequence[str] = (),
                 columns: int = 3) -> None:
        super().__init__(columns)
        self.buttons: dict[str, QPushButton] = {}
        for option_id, text in options:
            choice = button(text, role="option", name=f"option-{option_id}")
            choice.setCheckable(True)
            choice.setChecked(option_id in chosen)
            choice.toggled.connect(lambda _on: self.changed.emit(self.value()))
            self.buttons[option_id] = choice
            self.add(choice)

    def value(self) -> list[str]:
        return [option_id for option_id, b in self.buttons.items() if b.isChecked()]
