"""Paper low and paper out reach the admin panel and the hub's fleet page as they happen.

A real demo terminal (simulated printer, embedded hub over HTTP): the printer's
PaperThreshold events travel through the device bridge to the open panel, and the
runtime puts an alert in a heartbeat sent at once, not at the next interval.
"""

from __future__ import annotations

import time

import msgspec
import pytest

from kiosk.admin.audit_gate import AuditGate
from kiosk.admin.panel import AdminPanel
from kiosk.device_bridge import DeviceBridge

pytestmark = [pytest.mark.gui, pytest.mark.hub]


@pytest.fixture
def started(runtime):
    runtime.sync.config = msgspec.structs.replace(runtime.sync.config, heartbeat_interval_s=3600.0)
    runtime.start()  # the first heartbeat goes at once; the next would wait an hour
    return runtime


@pytest.fixture
def panel(qtbot, host, started, audit_log):
    bridge = DeviceBridge(started.devices.all())
    admin = AdminPanel(started, AuditGate(audit_log), None, host, bridge=bridge)
    admin.open_over(host)
    qtbot.waitExposed(admin)
    yield admin
    bridge.close()
    admin.background.invalidate()
    admin.background.wait(15_000)


def paper_alerts(runtime) -> list[dict]:
    terminal = runtime.settings.terminal.terminal_id
    rows = {r.terminal_id: r for r in runtime.embedded_hub.service.fleet.terminals()}
    beat = (rows[terminal].heartbeat or {}) if terminal in rows else {}
    return [a for a in beat.get("alerts", []) if a.get("kind") == "paper"]


def wait_for(condition, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_paper_low_then_out_then_refilled_shows_on_the_open_panel(qtbot, panel, started) -> None:
    printer = started.devices.printer
    assert not panel.paper_notice.isVisible()
    printer.set_paper("low")
    qtbot.waitUntil(lambda: panel.paper_notice.isVisible(), timeout=5000)
    assert "将尽" in panel.paper_notice.text()
    assert "将尽" in panel.reprint_view.paper.text()
    printer.set_paper("out")
    qtbot.waitUntil(lambda: "缺纸" in panel.paper_notice.text(), timeout=5000)
    printer.set_paper("ok")
    qtbot.waitUntil(lambda: not panel.paper_notice.isVisible(), timeout=5000)
    assert "纸张正常" in panel.reprint_view.paper.text()


def test_the_panel_opened_later_shows_the_paper_last_reported(qtbot, host, started, audit_log) -> None:
    started.devices.printer.set_paper("out")
    admin = AdminPanel(started, AuditGate(audit_log), None, host)  # no bridge: only what was last seen
    admin.open_over(host)
    qtbot.waitExposed(admin)
    assert admin.paper_notice.isVisible() and "缺纸" in admin.paper_notice.text()
    admin.background.wait(15_000)


def test_paper_out_reaches_the_fleet_page_at_once_and_clears_when_refilled(started) -> None:
    printer = started.devices.printer
    assert wait_for(lambda: started.embedded_hub.service.fleet.terminals())  # the first heartbeat
    printer.set_paper("out")
    assert wait_for(lambda: paper_alerts(started))
    assert "paper out" in paper_alerts(started)[0]["message"]
    printer.set_paper("ok")
    assert wait_for(lambda: not paper_alerts(started))
