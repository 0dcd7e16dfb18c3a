"""Small building blocks every screen uses: big buttons, labels by role, the step bar.

Screens compose these so the look lives in one stylesheet and one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
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


def touch_scroll(content: QWidget) -> QScrollArea:
    """A scroll area that scrolls by finger (kinetic) on a touch screen.

    TouchGesture, not LeftMouseButtonGesture: the latter delays and can swallow quick taps.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setFrameShape(QFrame.Shape.NoFrame)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


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
        self._compact = False
        for i, title in enumerate(titles):
            if i:
                layout.addWidget(label("›", wrap=False))
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
            item.setProperty("state", state)
            restyle(item)
        self._relabel()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        full = sum(item.fontMetrics().horizontalAdvance(t) + 24 for item, t in zip(
            self._labels, self._titles, strict=True))
        compact = full > event.size().width()
        if compact != self._compact:
            self._compact = compact
            self._relabel()

    def _relabel(self) -> None:
        for i, (item, title) in enumerate(zip(self._labels, self._titles, strict=True)):
            item.setText(title if not self._compact or i == self._current else str(i + 1))


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


class ChoiceButtons(QWidget):
    """One of a few options as big buttons side by side: one tap, where a drop-down needs two."""

    changed = Signal(object)

    def __init__(self, options: Sequence[tuple[object, str]], chosen: object = None) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[tuple[object, QPushButton]] = []
        for value, text in options:
            choice = button(text, role="option", name=f"choice-{value}")
            choice.setCheckable(True)
            choice.setChecked(chosen is not None and value == chosen)
            choice.clicked.connect(lambda _c=False, v=value: self._pick(v))
            self.buttons.append((value, choice))
            row.addWidget(choice)

    def _pick(self, value: object) -> None:
        for option, choice in self.buttons:
            choice.setChecked(option == value)
        self.changed.emit(value)

    def value(self) -> object:
        return next((v for v, b in self.buttons if b.isChecked()), None)


class MultiChoice(QWidget):
    """Several options, any number chosen, as big toggle buttons (no typing, no tiny boxes)."""

    changed = Signal(list)

    def __init__(self, options: Sequence[tuple[str, str]], chosen: Sequence[str] = (),
                 columns: int = 3) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for i, (option_id, text) in enumerate(options):
            choice = button(text, role="option", name=f"option-{option_id}")
            choice.setCheckable(True)
            choice.setChecked(option_id in chosen)
            choice.toggled.connect(lambda _on: self.changed.emit(self.value()))
            self.buttons[option_id] = choice
            grid.addWidget(choice, i // columns, i % columns)

    def value(self) -> list[str]:
        return [option_id for option_id, b in self.buttons.items() if b.isChecked()]
