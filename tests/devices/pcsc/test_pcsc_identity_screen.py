"""A PC/SC card read through the kiosk's identity screen: private pcscd + vpcd, pytest-qt offscreen.

The whole terminal as configured with `devices.pcsc_enabled`: the PC/SC reader is
offered beside the ID-card reader and the city-app code, its card events reach the
screen through the device bridge, a card pulled mid-read gets its message, and
whichever source reads first wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rigs.demo_terminal import demo_runtime, kiosk_window
from rigs.pcscd import READER_NAME

from flows.journey import Step
from kiosk.runtime import Runtime

pytestmark = [pytest.mark.gui, pytest.mark.hub]

WAIT_MS = 20_000


@pytest.fixture
def pcsc_runtime(pcscd, tmp_path: Path) -> Iterator[Runtime]:
    overrides = {"devices.pcsc_enabled": True, "devices.pcsc_reader_filter": READER_NAME}
    with demo_runtime(tmp_path / "data", **overrides) as runtime:
        yield runtime


@pytest.fixture
def window(qtbot, pcsc_runtime: Runtime):
    with kiosk_window(qtbot, pcsc_runtime) as win:
        yield win
    win.background.wait(5000)


def to_identity(window, qtbot):
    window.journey.choose_theme("restaurant")
    window.journey.accept_consent()
    screen = window.screens[Step.IDENTITY]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=WAIT_MS)
    return screen


def test_the_pcsc_reader_is_offered_and_its_card_is_read_through_the_screen(window, make_card, qtbot) -> None:
    screen = to_identity(window, qtbot)
    assert screen.offered == ["idcard", "pcsc", "city_app"]
    assert screen.source_labels["pcsc"].isVisible()
    make_card("zhang_wei").insert()
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    identity = window.journey.visit.identity
    assert (identity["source"], identity["name"]) == ("pcsc", "张伟")


def test_a_card_pulled_mid_read_gets_a_message_and_the_next_card_is_read(window, make_card, qtbot) -> None:
    screen = to_identity(window, qtbot)
    make_card("zhang_wei", pull_on_apdu=2).insert()  # gone while the profile is being read
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=WAIT_MS)
    assert screen.error.text()
    assert window.journey.step == Step.IDENTITY and window.journey.visit.identity is None
    make_card("li_na").insert()
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    assert window.journey.visit.identity["source"] == "pcsc"


def test_the_first_source_wins_and_the_pcsc_card_lifted_afterwards_does_nothing(window, pcsc_runtime,
                                                                                make_card, qtbot) -> None:
    to_identity(window, qtbot)
    pcsc_runtime.devices.idcard.present("li_na")  # the GA 467 / simulated reader is quicker here
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    card = make_card("zhang_wei").insert()  # a second card on the PC/SC reader: the step is over
    qtbot.wait(800)
    card.remove()
    qtbot.wait(800)
    assert window.journey.step == Step.BUSINESS
    assert window.journey.visit.identity["source"] == "simulator"
    assert not window.screens[Step.BUSINESS].error.isVisible()
