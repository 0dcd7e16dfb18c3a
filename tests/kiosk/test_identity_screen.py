"""The identity screen reads what the devices report through the bridge (offscreen, pytest-qt).

Simulated reader and camera, the embedded hub over real HTTP: a card placed is
read without the screen looping; the city-app code wins when it is first and the
card reader then stops; lifting the card after the identity was read does nothing.
"""

from __future__ import annotations

import pytest

from devices.camera.simulated import demo_city_app_token
from flows.journey import Step

pytestmark = [pytest.mark.gui, pytest.mark.hub]

WAIT_MS = 15_000


def to_identity(window, qtbot) -> None:
    window.journey.choose_theme("coffee")
    window.journey.accept_consent()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens[Step.IDENTITY], timeout=WAIT_MS)


def test_both_sources_are_offered_on_the_screen(window, qtbot) -> None:
    to_identity(window, qtbot)
    screen = window.screens[Step.IDENTITY]
    assert screen.offered == ["idcard", "city_app"]
    assert screen.source_labels["idcard"].isVisible() and screen.source_labels["city_app"].isVisible()


def test_a_card_placed_is_read_and_lifting_it_afterwards_changes_nothing(window, runtime, qtbot) -> None:
    to_identity(window, qtbot)
    runtime.devices.idcard.present("zhang_wei")
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    runtime.devices.idcard.present("li_na")  # another card, then lifted: the step no longer needs one
    runtime.devices.idcard.remove()
    qtbot.wait(300)  # let the queued device signals arrive
    assert window.journey.step == Step.BUSINESS
    assert window.journey.visit.identity["name"] == "张伟"
    assert not window.screens[Step.BUSINESS].error.isVisible()


def test_a_card_already_on_the_reader_is_read_when_the_step_begins(window, runtime, qtbot) -> None:
    runtime.devices.idcard.present("li_na")  # placed while the citizen read the consent page
    to_identity(window, qtbot)
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    assert window.journey.visit.identity["source"] == "simulator"


def test_the_city_app_code_wins_and_the_card_reader_stops(window, runtime, qtbot) -> None:
    to_identity(window, qtbot)
    runtime.devices.camera.show_city_app(demo_city_app_token("li_na"))
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    runtime.devices.camera.show_nothing()
    assert window.journey.visit.identity["source"] == "city_app"
    runtime.devices.idcard.present("zhang_wei")  # too late: the city app already won
    qtbot.wait(300)
    assert window.journey.visit.identity["source"] == "city_app"


def test_a_wrong_code_under_the_camera_is_explained_and_the_card_still_works(window, runtime, qtbot) -> None:
    to_identity(window, qtbot)
    screen = window.screens[Step.IDENTITY]
    runtime.devices.camera.show_licence("zhang_wei")  # a licence QR, not a city-app code
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=WAIT_MS)
    assert "随申办" in screen.error.text()
    runtime.devices.camera.show_nothing()
    runtime.devices.idcard.present("zhang_wei")
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
    assert window.journey.visit.identity["source"] == "simulator"


def test_an_unreadable_card_says_so_and_the_next_card_is_read(window, runtime, qtbot) -> None:
    from devices.idcard.errors import CardDataError

    to_identity(window, qtbot)
    screen = window.screens[Step.IDENTITY]
    reader = runtime.devices.idcard
    reader.fail_next_read(CardDataError("garbled text block"))
    reader.present("zhang_wei")
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=WAIT_MS)
    assert screen.error.text() == CardDataError.message_zh
    assert window.journey.step == Step.IDENTITY
    reader.remove()
    reader.present("zhang_wei")
    qtbot.waitUntil(lambda: window.journey.step == Step.BUSINESS, timeout=WAIT_MS)
