"""What every screen gets: the journey, the terminal's services, and a page frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from flows.journey import Journey, JourneyError
from kiosk.background import Background
from kiosk.i18n import catalog_text
from kiosk.presentation import Mode, Presentation, presentation
from kiosk.widgets import button, label, touch_scroll, tr

if TYPE_CHECKING:
    from kiosk.device_bridge import DeviceBridge
    from kiosk.runtime import Runtime


class ScreenContext(Struct):
    journey: Journey
    runtime: Runtime
    background: Background
    demo: bool
    lang: str = "zh_CN"
    presentation: Presentation = field(default_factory=lambda: presentation(Mode.NORMAL))
    speak: Callable[[str], None] = lambda _text: None  # errors are said aloud when voice is on
    bridge: DeviceBridge | None = None  # device events as Qt signals (None: a screen shown alone)


class Screen(QWidget):
    """A page: headline, body, an error line, and the Back / Cancel / Next row.

    Subclasses fill `self.body` and override `enter()` (draw from the journey)
    and `leave()` (stop device work). Errors from the core become the red line.
    """

    title = ""
    show_nav = True
    body_scrolls = True
    """The body scrolls between the headline and the nav row when it cannot fit; False for pages
    whose long part is a scroll area of its own (no scroll area inside another)."""

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 24, 48, 24)
        outer.setSpacing(16)
        self.headline = label(self.title, "Headline")
        outer.addWidget(self.headline)
        if self.body_scrolls:  # too much for a small screen (or above the keyboard) scrolls here
            content = QWidget()
            self.body = QVBoxLayout(content)
            self.body.setContentsMargins(0, 0, 0, 0)
            outer.addWidget(touch_scroll(content), 1)
        else:
            self.body = QVBoxLayout()
            outer.addLayout(self.body, 1)
        self.body.setSpacing(16)
        self.error = label("", "Error")
        self.error.hide()
        outer.addWidget(self.error)
        self.nav = QHBoxLayout()
        self.back_button = button(tr("上一步"), self._back, name="BackButton")
        self.cancel_button = button(tr("取消办理"), self.ctx.journey.cancel, role="danger",
                                    name="CancelButton")
        self.next_button = button(tr("下一步"), self._next, role="primary", name="NextButton")
        self.nav.addWidget(self.back_button)
        self.nav.addWidget(self.cancel_button)
        self.nav.addStretch(1)
        self.nav.addWidget(self.next_button)
        if self.show_nav:
            outer.addLayout(self.nav)

    @property
    def journey(self) -> Journey:
        return self.ctx.journey

    def text(self, item: Any, field: str) -> str:
        """A catalog text (theme title, question, label…) in the kiosk's current language."""
        return catalog_text(item, field, self.ctx.lang)

    def prepare(self) -> None:
        """Draw what this visit shows, while the page is still hidden: called just before the
        page is shown, then `enter`. Why before: widgets shown or hidden inside a visible page
        each get their own show and hide events (a few thousand for the merged form); inside a
        hidden one they are only marked, and the page's one show does the rest."""

    def enter(self) -> None:
        self.clear_error()

    def leave(self) -> None:
        pass

    def wipe(self) -> None:
        """Forget everything this page showed of the citizen (called on every return to attract)."""
        self.clear_error()

    def next_step(self) -> None:
        """The screen's own forward action; raise JourneyError to show why not."""

    def _back(self) -> None:
        self.journey.back()

    def _next(self) -> None:
        self.attempt(self.next_step)

    def attempt(self, action: Any) -> bool:
        """Run a journey action; its refusal becomes the red line, not a crash."""
        try:
            action()
        except JourneyError as exc:
            self.show_error(self.words(exc))
            return False
        return True

    def words(self, message: Any) -> str:
        """A refusal, device error or validation problem (message_zh / message_en) in the citizen's
        language; a plain text as it is."""
        if not hasattr(message, "message_zh"):
            return str(message)
        return catalog_text(message, "message", self.ctx.lang)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.ctx.speak(message)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


def clear_layout(layout: Any) -> None:
    """Remove and delete every widget and sub-layout of a layout.

    On a page on screen (a redraw) each widget leaves the window now, so nothing — a finder by
    name, the next tap — meets the old one before it is deleted. On a page off screen (the wipe at
    the return to attract) each is hidden, loses its and its children's names (no finder takes it
    for the next visit's) and is deleted at the next turn of the event loop, without leaving its
    parent first: taking a widget out of a window that has a stylesheet restyles it and all its
    children, ≈0.8 ms a question card — 50 ms of every return to attract.
    """
    owner = layout.parentWidget()
    _clear(layout, at_once=owner is not None and owner.isVisible())


def _clear(layout: Any, *, at_once: bool) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            if at_once:
                widget.setParent(None)
            else:
                for part in (widget, *widget.findChildren(QWidget)):
                    part.setObjectName("")
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout(), at_once=at_once)


__all__ = ["Screen", "ScreenContext", "clear_layout"]
