"""The on-screen pinyin keyboard appears for fields the citizen types into, and only then."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from flows.journey import Step
from kiosk.keyboard import hints_for
from kiosk.walkthrough import Walker

pytestmark = pytest.mark.gui


def test_keyboard_loads_and_follows_focus(window, qtbot) -> None:
    keyboard = window.keyboard
    assert keyboard.available, "Qt Virtual Keyboard QML did not load"
    assert not keyboard.isVisible()
    walker = Walker(window)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device("demo-card-zhang_wei")
    walker.wait_step(Step.BUSINESS)
    walker.take_card_back()
    window.journey.answer("economic_nature", "individual")  # straight to the licence step
    window.journey.answer("shop_size", "small")
    window.journey.answer("business_items", ["drinks"])
    for question in window.journey.theme.situation_questions:
        window.journey.answer(question.id, False)
    window.journey.finish_business()
    window.journey.finish_situation()
    walker.wait_step(Step.LICENCE)
    code = window.findChild(QLineEdit, "UsccEdit")
    code.setFocus()
    qtbot.waitUntil(keyboard.isVisible, timeout=3000)
    assert code.inputMethodHints() & Qt.InputMethodHint.ImhUppercaseOnly
    window.findChild(QLineEdit, "UsccEdit").clearFocus()
    window.screens[Step.LICENCE].next_button.setFocus()
    qtbot.waitUntil(lambda: not keyboard.isVisible(), timeout=3000)


@pytest.mark.parametrize(("kind", "hint"), [
    ("phone", Qt.InputMethodHint.ImhDialableCharactersOnly),
    ("postcode", Qt.InputMethodHint.ImhDigitsOnly),
    ("number", Qt.InputMethodHint.ImhFormattedNumbersOnly),
])
def test_numbers_get_a_number_pad(kind: str, hint: Qt.InputMethodHint) -> None:
    assert hints_for(kind) & hint
    assert hints_for("text") == Qt.InputMethodHint.ImhNone
