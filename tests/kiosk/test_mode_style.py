"""A mode tap restyles what is in view at once and every other page before the citizen reaches it.

kiosk/mode_style.py lays large text and 长辈模式 on the window part by part, because an
app-wide stylesheet repolishes every widget alive (1–1.7 s after one visit). These tests hold
it to what a citizen would see: the page in view and the bars change with the tap, no page is
ever shown in the old look, the window's background follows, and the next citizen gets the
normal kiosk back on every page.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from flows.journey import Step
from kiosk.app_style import stylesheet
from kiosk.presentation import Mode, presentation
from kiosk.walkthrough import Walker

pytestmark = [pytest.mark.gui, pytest.mark.hub]

IDLE_TURNS = 200  # more than one turn per page, bounded
IDLE_S = 10.0


def mode_sheet(mode: Mode) -> str:
    return stylesheet(layers=presentation(mode).style_layers)


def pages(window) -> list:
    return window.screens.built()


def idle_until(condition) -> bool:
    """Turn the event loop (bounded in turns and time) until `condition()` holds."""
    deadline = time.monotonic() + IDLE_S
    for _ in range(IDLE_TURNS):
        if condition():
            return True
        if time.monotonic() > deadline:
            break
        QCoreApplication.processEvents()
        time.sleep(0.005)
    return condition()


def background_at_a_gap(window) -> QColor:
    """The colour the attract page shows where none of its own widgets is (the window's own)."""
    page = window.screens[Step.ATTRACT]
    picture = window.grab().toImage()
    for y in range(10, page.height(), 40):
        for x in range(10, page.width(), 40):
            if page.childAt(x, y) is None:
                return picture.pixelColor(page.mapTo(window, QPoint(x, y)))
    raise AssertionError("the attract page has no gap between its widgets")


def visit_once(window) -> None:
    """One whole visit in normal mode: every page is built and filled."""
    Walker(window).walk("restaurant", "zhang_wei", delivery="courier")
    assert window.journey.step == Step.ATTRACT


def test_the_tap_restyles_the_view_now_and_the_other_pages_in_idle_time(window) -> None:
    visit_once(window)
    review = window.screens[Step.REVIEW]
    Walker(window).tap("LargeTextButton")  # the tap's own turn of the event loop
    large = mode_sheet(Mode.LARGE)
    assert window.stack.currentWidget().styleSheet() == large
    assert window.top_bar.styleSheet() == large and window.overlay.styleSheet() == large
    assert review.styleSheet() == ""  # the merged form waits: it is not in view
    assert idle_until(lambda: all(page.styleSheet() == large for page in pages(window))), \
        [type(p).__name__ for p in pages(window) if p.styleSheet() != large]
    assert QApplication.instance().styleSheet() == stylesheet()  # never app-wide


def test_no_page_is_shown_in_the_old_look(window) -> None:
    visit_once(window)
    walker = Walker(window)
    walker.tap("ElderButton")
    elder = mode_sheet(Mode.ELDER)
    shown: list[tuple[str, bool]] = []
    walker.on_screen = lambda step, win: shown.append((step, win.stack.currentWidget().styleSheet() == elder))
    walker.walk("coffee", "zhang_wei")
    assert shown and all(ok for _, ok in shown), [step for step, ok in shown if not ok]


def test_the_window_background_follows_the_mode_and_the_next_citizen_gets_normal(window) -> None:
    visit_once(window)
    normal = background_at_a_gap(window)
    walker = Walker(window)
    walker.tap("LargeTextButton")
    assert background_at_a_gap(window) == QColor("#ffffff") != normal
    walker.tap("theme-coffee")
    walker.tap("CancelButton")  # the visit ends: the wipe turns the mode off
    assert window.stack.currentWidget().styleSheet() == "" and window.top_bar.styleSheet() == ""
    assert background_at_a_gap(window) == normal
    assert idle_until(lambda: all(page.styleSheet() == "" for page in pages(window)))


def test_a_page_built_during_a_large_visit_is_built_in_that_look(window) -> None:
    walker = Walker(window)
    walker.tap("LargeTextButton")
    walker.tap("LanguageButton")  # every page is dropped and built again, in English
    large = mode_sheet(Mode.LARGE)
    assert window.aids.mode == Mode.LARGE
    assert idle_until(lambda: len(pages(window)) > 5)
    assert all(page.styleSheet() == large for page in pages(window))
