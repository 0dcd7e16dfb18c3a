"""The receipt's promise kept: a visit walked by taps, moved at the hub, and tracked at the kiosk's tile.

A whole demo terminal (embedded hub on 127.0.0.1, simulated camera and printer): the done
screen and the receipt name the short number; the hub's departments move the matters; the
citizen comes back, taps 查询办件进度, and sees the statuses by typing the number and the
ID's last 4, then by holding the receipt's QR to the camera. Leaving the page keeps nothing.
"""

from __future__ import annotations

import cv2
import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from devices.camera import licence_image
from flows.application_number import normalize
from flows.journey import Step
from hub.matter_status import Status, StatusChange
from kiosk.walkthrough import Walker

pytestmark = [pytest.mark.gui, pytest.mark.hub]

CITIZEN, NAME, ID_NUMBER = "zhang_wei", "张伟", "310104198503123011"


def receipt_qr_frame(url: str):
    grey = licence_image.qr_image(url, module_px=8)
    return licence_image.on_desk(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR))


def window_text(window) -> str:
    return "\n".join(
        [w.text() for w in window.findChildren(QLabel)] + [w.text() for w in window.findChildren(QLineEdit)]
    )


def test_walk_move_and_track_at_the_tile(window, runtime, qtbot) -> None:
    seen: dict[str, str] = {}

    def on_screen(page: str, win) -> None:
        if page == "done-printed":
            done = win.screens[Step.DONE]
            seen["number"], seen["next"] = done.application.text(), done.next_steps.text()

    walker = Walker(window, on_screen=on_screen)
    result = walker.walk("coffee", CITIZEN)
    stub = runtime.outbox.stub(result.application_id)
    assert stub is not None and stub.application_number and stub.tracking_token
    number, token = stub.application_number, stub.tracking_token
    assert normalize(number) == number and number.startswith("XH0001-")
    assert number in seen["number"]
    assert "短信" not in seen["next"] and "二维码" in seen["next"]  # no notifier configured: no SMS promised

    receipt = sorted((runtime.data_dir / "receipts").glob("receipt_*.bin"))[-1].read_bytes()
    url = f"{runtime.hub.base_url}/track/{token}"
    assert number.encode() in receipt and url.encode() in receipt
    assert result.application_id not in url

    hub = runtime.embedded_hub
    qtbot.waitUntil(lambda: bool(hub.service.progress.matters_of(number)), timeout=15000)
    matters = [row.matter_id for row in hub.service.progress.matters_of(number)]
    assert "food_business" in matters
    progress = hub.service.progress
    for change in (
        StatusChange(Status.ACCEPTED),
        StatusChange(Status.REVIEWING),
        StatusChange(Status.NEEDS_SUPPLEMENT, "请补充设备布局图"),
    ):
        progress.change(number, "food_business", change, actor="department:test")
    other = next(m for m in matters if m != "food_business")
    progress.change(
        number, other, StatusChange(Status.NOT_ACCEPTED, "不属于本部门审批范围"), actor="department:test"
    )

    walker.tap("TrackTile")
    screen = window.tracking
    assert window.stack.currentWidget() is screen
    walker.type_text(screen.last4, "3012")  # a wrong ending finds nothing
    walker.type_text(screen.number, number.lower())
    walker.tap("TrackingAsk")
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=10000)
    assert "没有找到" in screen.error.text() and "需补正" not in screen.answer.text()

    screen.last4.clear()
    walker.type_text(screen.last4, ID_NUMBER[-4:])
    walker.tap("TrackingAsk")
    qtbot.waitUntil(lambda: "需补正" in screen.answer.text(), timeout=10000)
    answer = screen.answer.text()
    assert "请补充设备布局图" in answer and "不予受理" in answer
    assert "张*" in screen.who.text() and NAME not in window_text(window)

    walker.tap("BackButton")
    assert (
        window.journey.step == Step.ATTRACT and window.stack.currentWidget() is window.screens[Step.ATTRACT]
    )
    assert number not in window_text(window) and "需补正" not in window_text(window)

    progress.change(number, "food_business", StatusChange(Status.REVIEWING), actor="department:test")
    walker.tap("TrackTile")
    runtime.devices.camera.show_frames([receipt_qr_frame(url)])
    qtbot.waitUntil(lambda: "审查中" in screen.answer.text(), timeout=15000)
    assert number in screen.who.text()
    window.idle.idle_s = window.idle.timeout_s  # the citizen walks away: the idle wipe takes the page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens[Step.ATTRACT], timeout=20000)
    assert number not in window_text(window)


def test_an_sms_is_promised_only_where_the_hall_has_a_notifier(qtbot, tmp_path) -> None:
    from rigs.demo_terminal import demo_runtime, kiosk_window

    seen: dict[str, str] = {}
    with demo_runtime(tmp_path / "data", **{"hub.sms_notifier": True}) as runtime, \
            kiosk_window(qtbot, runtime) as window:
        Walker(
            window,
            on_screen=lambda page, win: seen.setdefault(page, win.screens[Step.DONE].next_steps.text()),
        ).walk("coffee", CITIZEN)
    assert "短信" in seen["done-printed"]
    receipt = sorted((tmp_path / "data" / "receipts").glob("receipt_*.bin"))[-1].read_bytes()
    assert "短信".encode("gb18030") in receipt
