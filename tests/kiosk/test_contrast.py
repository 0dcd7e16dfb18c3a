"""Every text and control the kiosk draws meets WCAG 2.1 AA, in normal, large-text and elder mode.

Measured on the rendering of a whole visit (tests/kiosk/contrast.py says how): a failure
names the screen, the widget and the two colours.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.app_style import stylesheet
from kiosk.presentation import Mode, presentation
from kiosk.walkthrough import Walker
from tests.kiosk.contrast import check_window, ratio

pytestmark = [pytest.mark.gui, pytest.mark.hub]

MODE_BUTTONS = {Mode.NORMAL: None, Mode.LARGE: "LargeTextButton", Mode.ELDER: "ElderButton"}


def test_the_wcag_formula_gives_the_known_ratios() -> None:
    assert ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_the_check_catches_pale_text_and_a_faint_border(qapp, qtbot) -> None:
    page = QWidget()
    page.setStyleSheet("QWidget { background: #ffffff; } QLabel { color: #aaaaaa; font-size: 20px; }"
                       "QPushButton { background: #ffffff; color: #000000; border: 2px solid #eeeeee; "
                       "min-height: 60px; font-size: 20px; }")
    column = QVBoxLayout(page)
    column.setContentsMargins(20, 20, 20, 20)
    column.addWidget(QLabel("浅灰色的字看不清"))
    column.addWidget(QPushButton("看不见边框的按钮"))
    qtbot.addWidget(page)
    page.resize(600, 300)
    page.show()
    qtbot.waitExposed(page)
    found = {(f.what, f.foreground, f.background) for f in check_window(page, "probe")}
    assert ("text", "#aaaaaa", "#ffffff") in found
    assert ("boundary", "#eeeeee/#ffffff", "#ffffff") in found


@pytest.mark.parametrize("mode", list(Mode))
def test_a_whole_visit_meets_wcag_aa(window, mode: Mode) -> None:
    walker = Walker(window)
    findings = []
    if MODE_BUTTONS[mode]:
        walker.tap(MODE_BUTTONS[mode])
    shown = window.stack.currentWidget().styleSheet() or QApplication.instance().styleSheet()
    assert shown == stylesheet(layers=presentation(mode).style_layers)

    def inspect(step: str, win) -> None:
        findings.extend(check_window(win, f"{mode.value}/{step}"))
        if step == "review":
            window.idle.overlay.show_countdown(10)  # the idle warning over a page
            findings.extend(check_window(win, f"{mode.value}/idle-warning"))
            window.idle.overlay.hide()

    walker.on_screen = inspect
    walker.walk("coffee", "zhang_wei")
    assert not findings, "\n".join(str(f) for f in findings[:40])
