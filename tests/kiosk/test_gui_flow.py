"""The coffee-shop visit by taps, end to end, against the embedded hub over real HTTP."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from flows.journey import Step
from kiosk.walkthrough import Walker

pytestmark = [pytest.mark.gui, pytest.mark.hub]

CITIZEN = "zhang_wei"
NAME, ID_NUMBER = "张伟", "310104198503123011"


def wait_until(condition, timeout_s: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def stored_body(runtime, application_id: str) -> dict:
    """What the hub committed, read straight from its SQLite file."""
    db = runtime.data_dir / "demo-hub" / "hub.sqlite"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT body FROM applications WHERE application_id = ?", (application_id,)
        ).fetchall()
    assert len(rows) == 1
    return json.loads(rows[0][0])


def every_text(window) -> list[str]:
    """Everything a person could read in the window, down to the last label and field."""
    texts = [w.text() for w in window.findChildren(QLabel)]
    texts += [w.text() for w in window.findChildren(QLineEdit)]
    return texts


def test_coffee_shop_by_taps_reaches_the_hub_exactly_once(window, runtime) -> None:
    result = Walker(window).walk("coffee", CITIZEN)
    assert result.application_id
    terminal = runtime.settings.terminal.terminal_id
    assert wait_until(lambda: result.application_id in runtime.embedded_hub.application_ids(terminal))
    assert runtime.embedded_hub.application_ids(terminal).count(result.application_id) == 1
    body = stored_body(runtime, result.application_id)
    ratings = runtime.embedded_hub.service.ratings  # the 好差评 is a rating, not a second application
    assert wait_until(lambda: terminal in ratings.by_terminal())
    assert (ratings.by_terminal()[terminal].count, ratings.by_terminal()[terminal].average) == (1, 5.0)
    assert [r.key for r in ratings.by_theme()] == ["coffee"]
    assert runtime.embedded_hub.application_ids(terminal) == [result.application_id]
    assert body["theme"] == "coffee"
    assert body["uscc"] == "91310104MA1FR0000C"
    assert body["applicant"]["name"] == NAME
    assert body["applicant"]["id_number"] == ID_NUMBER
    forms = body["forms"]
    assert forms, "every applicable matter's own form is sent"
    prefilled = [v for form in forms.values() for v in form.values()]
    assert NAME in prefilled and "上海徐汇伟豆咖啡有限公司" in prefilled


def test_after_finish_nothing_of_the_citizen_is_left_on_screen(window, runtime) -> None:
    Walker(window).walk("coffee", CITIZEN)
    window.background.wait(5000)
    assert window.journey.step == Step.ATTRACT
    assert window.journey.visit.identity is None
    texts = "\n".join(every_text(window))
    for secret in (NAME, ID_NUMBER, ID_NUMBER[-4:] + "\n", "上海徐汇伟豆咖啡有限公司", "13816620001"):
        assert secret not in texts


def test_idle_timeout_wipes_the_session(window, runtime, qtbot) -> None:
    walker = Walker(window)
    walker.wait_step(Step.ATTRACT)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device(f"demo-card-{CITIZEN}")
    walker.wait_step(Step.BUSINESS)
    assert window.journey.visit.identity["name"] == NAME
    window.idle.idle_s = window.idle.timeout_s - window.idle.warning_s
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=3000)
    assert "秒" in window.overlay.message.text()
    qtbot.waitUntil(lambda: window.journey.step == Step.ATTRACT, timeout=window.idle.warning_s * 1000 + 3000)
    assert window.journey.visit.identity is None
    assert not window.overlay.isVisible()
    texts = "\n".join(every_text(window))
    assert NAME not in texts and ID_NUMBER not in texts


def test_continue_on_the_countdown_keeps_the_session(window, runtime, qtbot) -> None:
    walker = Walker(window)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    window.idle.idle_s = window.idle.timeout_s - window.idle.warning_s
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=3000)
    walker.tap(window.overlay.continue_button)
    assert not window.overlay.isVisible()
    assert window.journey.step == Step.IDENTITY
    assert window.idle.idle_s < 2


def test_cancel_from_any_step_returns_to_attract(window, runtime) -> None:
    walker = Walker(window)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device(f"demo-card-{CITIZEN}")
    walker.wait_step(Step.BUSINESS)
    walker.tap("CancelButton")
    assert window.journey.step == Step.ATTRACT
    assert window.journey.visit.identity is None


@pytest.mark.parametrize("theme", ["supermarket", "restaurant", "drinks", "grocery", "coffee"])
def test_every_theme_by_taps_as_a_small_shop(window, runtime, theme: str) -> None:
    from kiosk.walkthrough import typical_answers

    answers = typical_answers(window.journey.catalog.theme(theme))
    result = Walker(window).walk(theme, "wang_jianguo", answers)
    terminal = runtime.settings.terminal.terminal_id
    assert wait_until(lambda: result.application_id in runtime.embedded_hub.application_ids(terminal))
    body = stored_body(runtime, result.application_id)
    assert body["theme"] == theme
    assert "food_business" in body["matters"]
    assert body["answers"]["manager_is_applicant"] is True
    assert body["applicant"]["name"] == "王建国"
