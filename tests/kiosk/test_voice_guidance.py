"""With voice on, every step speaks its guidance on opening and on 重听, errors too; nothing personal is said;
speech stops when the citizen moves on or the visit is wiped.

The engine here is Qt's own "mock" text-to-speech plug-in (a real engine object that pretends
to speak, English voices only), so the visit runs in English; tests/kiosk/test_voice_sound.py
proves the real espeak-ng voice makes sound.
"""

from __future__ import annotations

import pytest

from flows.journey import Step
from kiosk.voice import Voice
from kiosk.walkthrough import Walker

pytestmark = [pytest.mark.gui, pytest.mark.hub, pytest.mark.voice]


@pytest.fixture
def speaking_window(window, qtbot):
    Walker(window).tap("LanguageButton")
    voice = Voice("mock", enabled=True)
    if not voice.available:
        pytest.skip("Qt's mock text-to-speech plug-in is not installed")
    window.aids.voice = voice  # what set_voice would create, with an engine that works everywhere
    window.set_voice(True)
    yield window, voice
    voice.stop()


def test_each_step_speaks_on_opening_and_on_repeat(speaking_window, qtbot) -> None:
    window, voice = speaking_window
    walker = Walker(window)
    heard: dict[str, str] = {}

    def listen(step: str, _win) -> None:
        if step in ("attract", "done-printed"):
            return  # the attract screen spoke before the walk; the receipt is not a new step
        qtbot.waitUntil(voice.is_speaking, timeout=3000)
        heard[step] = window.aids._last_words
        voice.stop()
        qtbot.waitUntil(lambda: not voice.is_speaking(), timeout=3000)
        walker.tap("RepeatButton")  # 重听
        qtbot.waitUntil(voice.is_speaking, timeout=3000)

    walker.on_screen = listen
    walker.walk("coffee", "zhang_wei")
    assert {"consent", "identity", "business", "situation", "licence", "review", "checklist", "delivery",
            "done"} <= set(heard)
    assert all(words.strip() for words in heard.values())
    said = " ".join(heard.values())
    for private in ("Zhang", "张伟", "310104198503123011", "3011", "91310104MA1FR0000C"):
        assert private not in said


def test_errors_are_spoken_and_a_wipe_silences_the_voice(speaking_window, qtbot) -> None:
    window, voice = speaking_window
    walker = Walker(window)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device("demo-card-zhang_wei")
    walker.wait_step(Step.BUSINESS)
    voice.stop()
    qtbot.waitUntil(lambda: not voice.is_speaking(), timeout=3000)
    walker.tap("NextButton")  # nothing answered yet: the page says why, aloud too
    assert window.stack.currentWidget().error.isVisible()
    qtbot.waitUntil(voice.is_speaking, timeout=3000)
    walker.tap("CancelButton")
    qtbot.waitUntil(lambda: not voice.is_speaking(), timeout=3000)
    assert not window.aids.voice_on  # the next citizen starts without voice
    assert not window.repeat_button.isVisible()
