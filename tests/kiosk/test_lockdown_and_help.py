"""Kiosk mode keeps the window up; the corner gesture asks for staff; 帮办 reaches the fleet page."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from rigs.demo_terminal import kiosk_window

from flows.journey import Step
from kiosk.walkthrough import Walker

pytestmark = pytest.mark.gui


@pytest.fixture
def locked_window(qtbot, runtime):
    with kiosk_window(qtbot, runtime, locked=True) as win:
        yield win


@pytest.mark.parametrize(("key", "mods"), [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
])
def test_escape_chords_are_swallowed(locked_window, key, mods) -> None:
    before = locked_window.lockdown.swallowed
    QTest.keyClick(locked_window, key, mods)
    assert locked_window.lockdown.swallowed > before
    # that the window then stays on the screen is checked on a real X server:
    # tests/screen/test_lockdown_on_x.py (offscreen, isVisible() proves nothing)


def test_closing_is_refused_in_kiosk_mode_and_allowed_after_leaving(locked_window, qtbot) -> None:
    assert locked_window.close() is False
    locked_window.leave_kiosk_mode()
    assert locked_window.close() is True


def test_five_taps_in_the_top_right_corner_ask_for_staff(locked_window, qtbot) -> None:
    corner = QPoint(locked_window.width() - 20, 20)
    with qtbot.waitSignal(locked_window.staffRequested, timeout=3000):
        for _ in range(5):
            QTest.mouseClick(locked_window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)


def test_four_taps_or_taps_elsewhere_do_not(locked_window, qtbot) -> None:
    hits: list[bool] = []
    locked_window.staffRequested.connect(lambda: hits.append(True))
    corner = QPoint(locked_window.width() - 20, 20)
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for _ in range(4):
        QTest.mouseClick(locked_window, left, none, corner)
    QTest.mouseClick(locked_window, left, none, QPoint(400, 400))
    QTest.mouseClick(locked_window, left, none, corner)
    qtbot.wait(200)
    assert hits == []


@pytest.mark.hub
def test_call_staff_raises_an_alert_the_hub_sees(window, runtime, qtbot) -> None:
    walker = Walker(window)
    walker.wait_step(Step.ATTRACT)
    walker.tap("CallStaff")
    attract = window.screens[Step.ATTRACT]
    qtbot.waitUntil(lambda: "已通知" in attract.help_note.text(), timeout=10000)
    terminal = runtime.settings.terminal.terminal_id
    deadline = time.monotonic() + 5
    alerts: list = []
    while time.monotonic() < deadline and not alerts:
        rows = {r.terminal_id: r for r in runtime.embedded_hub.service.fleet.terminals()}
        sent = (rows[terminal].heartbeat or {}) if terminal in rows else {}
        alerts = [a for a in sent.get("alerts", []) if a.get("kind") == "call_staff"]
        time.sleep(0.1)
    assert alerts and terminal in alerts[0]["message"]


def test_the_gesture_opens_the_pin_pad_and_pauses_the_idle_wipe(locked_window, qtbot) -> None:
    walker = Walker(locked_window)
    walker.tap("theme-coffee")  # a visit in progress: the idle guard is armed
    assert locked_window.idle.armed
    corner = QPoint(locked_window.width() - 20, 20)
    for _ in range(5):
        QTest.mouseClick(locked_window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    qtbot.waitUntil(lambda: locked_window.staff.active, timeout=3000)
    assert not locked_window.idle.armed
