"""What a citizen meets when the world is not kind: hub down, printer out of paper, queue full."""

from __future__ import annotations

import time
from pathlib import Path

import msgspec
import pytest

from devices.printer.receipt import QUEUED_NOTICE
from flows.journey import Step
from hub.server import start_embedded
from kiosk.walkthrough import Walker

pytestmark = [pytest.mark.gui, pytest.mark.hub]

CITIZEN = "li_na"
# the profile look-ups a visit makes while the hub is down, logged as warnings on purpose
HUB_DOWN = r"hub lookup (person-profile|enterprise|holdings) failed: HubUnavailable"


def receipts(runtime) -> list[bytes]:
    out_dir = Path(runtime.data_dir) / "receipts"
    return [p.read_bytes() for p in sorted(out_dir.glob("receipt_*.bin"))]


def done_texts(window) -> str:
    done = window.screens[Step.DONE]
    return "\n".join(w.text() for w in (done.delivery_state, done.print_state))


@pytest.mark.expect_log(HUB_DOWN)
def test_hub_down_queues_says_so_on_the_receipt_and_delivers_once_when_back(window, runtime) -> None:
    hub = runtime.embedded_hub
    port, terminal = hub.port, runtime.settings.terminal.terminal_id
    secret = (Path(runtime.data_dir) / "secrets" / "hub_secret").read_text().strip()
    hub.stop()
    seen: dict[str, str] = {}

    def on_screen(step: str, win) -> None:
        if step == "done-printed":
            seen["done"] = done_texts(win)

    result = Walker(window, on_screen=on_screen).walk("drinks", CITIZEN)
    assert "自动发送" in seen["done"]
    printed = receipts(runtime)[-1]
    assert QUEUED_NOTICE.split("\n")[0].encode("gb18030") in printed
    assert runtime.outbox.counts()["pending"] == 2  # the application and its 好差评, both kept

    db_url = f"sqlite:///{Path(runtime.data_dir) / 'demo-hub' / 'hub.sqlite'}"
    runtime.embedded_hub = start_embedded(db_url, port=port, terminals={terminal: secret})
    runtime.sync.sync_now()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and runtime.outbox.counts()["acked"] < 2:
        time.sleep(0.1)
    received = runtime.embedded_hub.application_ids(terminal)
    assert received == [result.application_id]  # once; the 好差评 is a rating, not an application
    ratings = runtime.embedded_hub.service.ratings.by_terminal()
    assert ratings[terminal].count == 1
    runtime.sync.sync_now()  # a second push sends nothing twice
    time.sleep(0.5)
    assert sorted(runtime.embedded_hub.application_ids(terminal)) == sorted(received)
    stub = runtime.outbox.stub(result.application_id)
    assert stub.state == "acked" and not stub.holds_body


@pytest.mark.expect_log(r"receipt not printed: PaperOut")
def test_printer_out_of_paper_keeps_the_application_and_sends_to_the_counter(window, runtime) -> None:
    runtime.devices.printer.set_paper("out")
    seen: dict[str, str] = {}
    Walker(window, on_screen=lambda s, w: seen.update(done=done_texts(w)) if s == "done-printed" else None
           ).walk("coffee", CITIZEN)
    assert "服务台" in seen["done"]
    assert receipts(runtime) == []
    terminal = runtime.settings.terminal.terminal_id
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not runtime.embedded_hub.application_ids(terminal):
        time.sleep(0.1)
    received = runtime.embedded_hub.application_ids(terminal)
    assert len(received) == len(set(received)) >= 1  # the application arrived, nothing twice


@pytest.mark.expect_log(HUB_DOWN)
def test_a_full_queue_refuses_new_applications_and_says_why(window, runtime) -> None:
    runtime.embedded_hub.stop()
    runtime.embedded_hub = None
    runtime.outbox.config = msgspec.structs.replace(runtime.outbox.config, max_pending_count=1)
    runtime.outbox.enqueue("coffee", {"placeholder": True})
    walker = Walker(window)
    with pytest.raises(Exception, match="timed out waiting for step done"):
        walker.timeout_s = 3
        walker.walk("coffee", CITIZEN)
    delivery = window.screens[Step.DELIVERY]
    assert window.journey.step == Step.DELIVERY
    assert delivery.error.isVisible() and delivery.error.text()
    assert runtime.outbox.counts()["pending"] == 1
    walker.tap("CancelButton")
    attract = window.screens[Step.ATTRACT]
    assert window.journey.step == Step.ATTRACT
    assert "暂停受理" in attract.error.text()
    assert not attract.tiles["coffee"].isEnabled()  # nobody starts a visit that cannot be taken


def test_no_reader_and_no_camera_puts_the_kiosk_out_of_service(window, runtime) -> None:
    from devices.base import DeviceStatus

    walker = Walker(window)
    walker.wait_step(Step.ATTRACT)
    runtime.devices.idcard._set_status(DeviceStatus.HARDWARE_ERROR, "SAM self-test failed")
    runtime.devices.camera._set_status(DeviceStatus.NO_DEVICE, "/dev/video0 gone")
    attract = window.screens[Step.ATTRACT]
    attract.enter()
    assert "暂停服务" in attract.headline.text()
    assert "SAM self-test failed" in attract.error.text() and "/dev/video0 gone" in attract.error.text()
    assert not any(tile.isEnabled() for tile in attract.tiles.values())
    runtime.devices.camera._set_status(DeviceStatus.ONLINE)
    attract.enter()  # the city-app code still works: open again
    assert all(tile.isEnabled() for tile in attract.tiles.values())
    assert "暂停服务" not in attract.headline.text()
