"""The admin panel over a real demo terminal: settings file, outbox, simulated printer, audit log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from devices.errors import PaperOut
from devices.printer.receipt import Receipt
from kiosk.admin.audit_gate import AuditGate
from kiosk.admin.panel import AdminPanel
from kiosk.admin.settings_editors import ChoiceEditor, MultiEditor, TextEditor, ToggleEditor
from kiosk.admin.settings_toml import updated_toml
from kiosk.admin.staff_mode import StaffMode
from kiosk.settings import load_settings, settings_reference
from offline_cache.outbox import ItemState

pytestmark = pytest.mark.gui
CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def config_path(tmp_path: Path, runtime) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(updated_toml(runtime.settings), encoding="utf-8")
    return path


@pytest.fixture
def panel(qtbot, host, runtime, audit_log, config_path) -> AdminPanel:
    admin = AdminPanel(runtime, AuditGate(audit_log), config_path, host)
    admin.open_over(host)
    qtbot.waitExposed(admin)
    yield admin
    admin.background.invalidate()
    admin.background.wait(15_000)


def actions(audit_log) -> list[str]:
    return [entry.action for entry in audit_log.entries()]


def make_dead_item(runtime, citizen_payload: dict) -> str:
    application_id = runtime.outbox.enqueue("coffee_shop", citizen_payload)
    claimed = runtime.outbox.claim_batch(1, 10**7)
    assert [item.application_id for item in claimed] == [application_id]
    runtime.outbox.mark_dead(application_id, "rejected: field shop_area must be a number")
    return application_id


CITIZEN_PAYLOAD = {"applicant": {"name": "张伟", "id_number": "310104198503123011", "phone": "13816620001"}}


# -- settings ---------------------------------------------------------------------------
def test_settings_form_has_an_editor_for_every_key(panel) -> None:
    form = panel.settings_form
    assert panel.current_tab() == "settings"
    assert list(form.editors) == [row["key"] for row in settings_reference()]
    assert isinstance(form.editors["terminal.fullscreen"], ToggleEditor)
    assert isinstance(form.editors["devices.printer_driver"], ChoiceEditor)
    assert isinstance(form.editors["terminal.languages"], MultiEditor)
    port = form.editors["devices.printer_port"]
    assert isinstance(port, TextEditor) and port.widget.text() == "9100"
    assert port.widget.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly
    assert form.editors["terminal.data_dir"].widget.isReadOnly()
    assert form.editors["terminal.hall"].widget.text() == panel.runtime.settings.terminal.hall


def test_invalid_values_are_marked_and_nothing_is_written(qtbot, panel, config_path, audit_log) -> None:
    before = config_path.read_bytes()
    form = panel.settings_form
    form.editors["devices.printer_port"].widget.setText("70000")
    form.editors["terminal.idle_timeout_s"].widget.setText("abc")
    qtbot.mouseClick(form.save_button, CLICK)
    assert form.error_text("devices.printer_port") == "不能大于 65535"
    assert form.error_text("terminal.idle_timeout_s") == "请输入整数"
    assert form.error_text("terminal.hall") == ""
    assert form.editors["devices.printer_port"].widget.property("invalid") is True
    assert "2 项需要修改" in form.banner.text() and form.banner.isVisible()
    assert config_path.read_bytes() == before
    assert "settings.save" not in actions(audit_log)


def test_valid_changes_are_written_reloadable_and_audited_by_key(
    qtbot, panel, config_path, audit_log, assert_no_pii
) -> None:
    form = panel.settings_form
    form.editors["terminal.hall"].widget.setText("徐汇区行政服务中心 二楼")
    form.editors["terminal.idle_timeout_s"].widget.setText("120")
    qtbot.mouseClick(form.editors["terminal.fullscreen"].widget, CLICK)
    qtbot.mouseClick(form.editors["devices.printer_driver"].buttons["network"], CLICK)
    form.editors["devices.printer_host"].widget.setText("192.168.1.50")
    with qtbot.waitSignal(panel.settings_saved) as saved:
        qtbot.mouseClick(form.save_button, CLICK)
    changed = saved.args[1]
    assert set(changed) == {
        "terminal.hall", "terminal.idle_timeout_s", "terminal.fullscreen",
        "devices.printer_driver", "devices.printer_host",
    }  # fmt: skip
    reloaded = load_settings(config_path)
    assert reloaded.terminal.hall == "徐汇区行政服务中心 二楼"
    assert reloaded.terminal.idle_timeout_s == 120
    assert reloaded.terminal.fullscreen is (not panel.runtime.settings.terminal.fullscreen)
    assert reloaded.devices.printer_driver == "network"
    assert reloaded.devices.printer_host == "192.168.1.50"
    assert reloaded == saved.args[0]
    assert "重启后生效" in form.notice.text()
    entry = audit_log.entries()[-1]
    assert entry.action == "settings.save" and sorted(entry.detail["changed"]) == sorted(changed)
    assert "二楼" not in audit_log.path.read_text(encoding="utf-8")  # key names only, never values
    with qtbot.waitSignal(panel.restart_requested):
        qtbot.mouseClick(form.restart_button, CLICK)
    assert actions(audit_log)[-1] == "app.restart"
    assert_no_pii(audit_log.path)


def test_saving_nothing_changed_writes_nothing(qtbot, panel, config_path, audit_log) -> None:
    before = config_path.read_bytes()
    qtbot.mouseClick(panel.settings_form.save_button, CLICK)
    assert panel.settings_form.notice.text() == "没有修改"
    assert config_path.read_bytes() == before and actions(audit_log) == []


def test_without_a_config_file_the_form_cannot_save(qtbot, host, runtime, audit_log) -> None:
    admin = AdminPanel(runtime, AuditGate(audit_log), None, host)
    admin.open_over(host)
    assert not admin.settings_form.save_button.isEnabled()
    assert "--config" in admin.settings_form.notice.text()
    assert admin.settings_form.save() is False


# -- queue ------------------------------------------------------------------------------
def test_queue_shows_a_dead_item_and_retry_puts_it_back(
    qtbot, panel, runtime, audit_log, assert_no_pii
) -> None:
    application_id = make_dead_item(runtime, CITIZEN_PAYLOAD)
    qtbot.mouseClick(panel.tab_buttons["queue"], CLICK)
    view = panel.queue_view
    assert view.count_labels["dead"].text() == "1"
    assert application_id in view.retry_buttons
    shown = " ".join(w.text() for w in view.dead_list.findChildren(type(view.message)))
    assert "shop_area must be a number" in shown and "张伟" not in shown
    qtbot.mouseClick(view.retry_buttons[application_id], CLICK)
    assert runtime.outbox.stub(application_id).state == ItemState.PENDING
    assert view.count_labels["dead"].text() == "0" and view.count_labels["pending"].text() == "1"
    entry = audit_log.entries()[-1]
    assert (entry.action, entry.detail) == ("queue.retry", {"application_id": application_id})
    runtime.start()  # the real sync thread and the embedded hub take it from here
    qtbot.mouseClick(panel.findChild(QPushButton, "QueueSyncNow"), CLICK)
    qtbot.waitUntil(lambda: runtime.outbox.stub(application_id).state == ItemState.ACKED, timeout=15_000)
    assert actions(audit_log)[-1] == "queue.sync_now"
    assert_no_pii(audit_log.path)


@pytest.mark.expect_log(r"audit log damaged; admin action queue\.retry refused")
def test_retry_is_refused_when_the_audit_log_is_damaged(qtbot, panel, runtime, audit_log) -> None:
    application_id = make_dead_item(runtime, {"shop": "demo"})
    audit_log.append("staff.login", {})
    with audit_log.path.open("ab") as handle:
        handle.write(b"not json")
    qtbot.mouseClick(panel.tab_buttons["queue"], CLICK)
    qtbot.mouseClick(panel.queue_view.retry_buttons[application_id], CLICK)
    assert "审计日志已损坏" in panel.queue_view.message.text()
    assert runtime.outbox.stub(application_id).state == ItemState.DEAD


# -- reprint ----------------------------------------------------------------------------
def demo_receipt(application_id: str = "0b7e6a52-7a51-4c1f-9a55-0c6f2f4f7d11") -> Receipt:
    return Receipt(
        hall="徐汇区行政服务中心", terminal_id="XH-0001", printed_at=datetime(2026, 11, 27, 20, 30),
        theme_title="我要开咖啡店", application_id=application_id, masked_id_number="3101**********3011",
        matters=["食品经营许可"], checklist=["营业执照"], delivery="自取", tracking_url="https://example.cn/t",
    )  # fmt: skip


@pytest.mark.expect_log(r"reprint failed: PaperOut")
def test_reprint_after_paper_out(qtbot, panel, runtime, audit_log, assert_no_pii) -> None:
    printer = runtime.devices.printer
    printer.set_paper("out")
    receipt = demo_receipt()
    with pytest.raises(PaperOut):
        printer.print_receipt(receipt)
    assert printer.unprinted() == [receipt]
    qtbot.mouseClick(panel.tab_buttons["reprint"], CLICK)
    view = panel.reprint_view
    qtbot.waitUntil(lambda: "缺纸" in view.paper.text(), timeout=5000)
    qtbot.mouseClick(view.reprint_buttons[receipt.application_id], CLICK)
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    assert "缺纸" in view.message.text() and printer.unprinted() == [receipt]
    printer.set_paper("ok")
    qtbot.mouseClick(panel.findChild(QPushButton, "ReprintRefresh"), CLICK)
    qtbot.waitUntil(lambda: "纸张正常" in view.paper.text(), timeout=5000)
    qtbot.mouseClick(view.reprint_buttons[receipt.application_id], CLICK)
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    assert printer.unprinted() == []
    assert view.message.text() == "已打印 1 张回执"
    assert (Path(printer.out_dir) / "receipt_1.bin").stat().st_size > 0
    reprints = [e.detail for e in audit_log.entries() if e.action == "receipt.reprint"]
    assert reprints == [{"application_id": receipt.application_id}] * 2
    assert_no_pii(audit_log.path)


def test_reprint_all(qtbot, panel, runtime, audit_log) -> None:
    printer = runtime.devices.printer
    printer.set_paper("out")
    for suffix in ("1", "2"):
        with pytest.raises(PaperOut):
            printer.print_receipt(demo_receipt(f"0b7e6a52-7a51-4c1f-9a55-0c6f2f4f7d1{suffix}"))
    printer.set_paper("ok")
    qtbot.mouseClick(panel.tab_buttons["reprint"], CLICK)
    qtbot.mouseClick(panel.reprint_view.all_button, CLICK)
    qtbot.waitUntil(lambda: not panel.reprint_view.busy, timeout=10_000)
    assert printer.unprinted() == [] and printer.receipts_printed == 2
    assert audit_log.entries()[-1].detail == {"count": 2}


# -- diagnostics ------------------------------------------------------------------------
def test_diagnostics_rows_live_tests_and_test_page(qtbot, panel, runtime, audit_log) -> None:
    qtbot.mouseClick(panel.tab_buttons["diagnostics"], CLICK)
    view = panel.diagnostics_view
    qtbot.waitUntil(lambda: view.report is not None, timeout=15_000)
    kinds = {row["kind"]: row for row in view.report["devices"]}
    assert {"idcard", "camera", "printer"} <= set(kinds)
    assert view.findChild(type(view.message), "diag-printer-2").text() == "正常"
    assert view.findChild(type(view.message), "diag-printer-1").text() == "simulator"
    runtime.devices.idcard.present("zhang_wei")
    qtbot.mouseClick(view.test_buttons["idcard"], CLICK)
    qtbot.waitUntil(lambda: view.test_buttons["idcard"].isEnabled(), timeout=15_000)
    assert "测试身份证读卡器：通过" in view.results.text()
    assert "张伟" not in view.results.text() and "3011" not in view.results.text()
    qtbot.mouseClick(view.test_buttons["printer"], CLICK)
    qtbot.waitUntil(lambda: view.test_buttons["printer"].isEnabled(), timeout=15_000)
    assert "测试打印机：通过" in view.results.text()
    qtbot.mouseClick(view.test_page_button, CLICK)
    qtbot.waitUntil(lambda: view.test_page_button.isEnabled(), timeout=15_000)
    assert view.message.text() == "测试页已打印"
    runtime.devices.printer.set_paper("out")
    qtbot.mouseClick(view.test_page_button, CLICK)
    qtbot.waitUntil(lambda: view.test_page_button.isEnabled(), timeout=15_000)
    assert "PaperOut" in view.message.text()
    assert [a for a in actions(audit_log) if a.startswith("diag.")] == [
        "diag.run", "diag.live_test", "diag.live_test", "diag.test_page", "diag.test_page",
    ]  # fmt: skip


# -- system and leaving -----------------------------------------------------------------
def test_system_tab_restart_exit_and_back(qtbot, panel, audit_log) -> None:
    qtbot.mouseClick(panel.tab_buttons["system"], CLICK)
    view = panel.system_view
    assert "settings.save" not in view.entries.text()
    with qtbot.waitSignal(panel.restart_requested):
        qtbot.mouseClick(panel.findChild(QPushButton, "SystemRestart"), CLICK)
    assert not panel.isVisible() and actions(audit_log) == ["app.restart"]
    panel.open_over(panel.parentWidget(), "system")
    assert "app.restart" in view.entries.text()
    exits = []
    panel.exit_requested.connect(lambda: exits.append(True))
    qtbot.mouseClick(view.exit_button, CLICK)
    assert exits == [] and "再按一次" in view.exit_button.text()
    qtbot.mouseClick(view.exit_button, CLICK)
    assert exits == [True] and actions(audit_log)[-1] == "kiosk.exit"
    panel.open_over(panel.parentWidget(), "system")
    with qtbot.waitSignal(panel.closed):
        qtbot.mouseClick(panel.findChild(QPushButton, "SystemBack"), CLICK)
    assert audit_log.entries()[-1].detail == {"reason": "staff"}


def test_a_forgotten_panel_closes_itself(qtbot, host, runtime, audit_log, config_path) -> None:
    admin = AdminPanel(runtime, AuditGate(audit_log), config_path, host, idle_s=0.3)
    with qtbot.waitSignal(admin.closed, timeout=5000):
        admin.open_over(host)
    assert not admin.isVisible()
    entry = audit_log.entries()[-1]
    assert (entry.action, entry.detail) == ("staff.logout", {"reason": "idle"})


def test_staff_mode_opens_the_panel_after_the_right_pin(
    qtbot, host, runtime, pin_store, audit_log, config_path, good_pin
) -> None:
    mode = StaffMode(runtime, host, config_path, pin_store=pin_store, audit_log=audit_log)
    mode.open()
    assert mode.pin_pad.isVisible() and not mode.panel.isVisible()
    for digit in good_pin:
        qtbot.mouseClick(mode.pin_pad.digit_keys[digit], CLICK)
    qtbot.mouseClick(mode.pin_pad.ok_button, CLICK)
    qtbot.waitUntil(mode.panel.isVisible, timeout=10_000)
    assert not mode.pin_pad.isVisible() and mode.active
    assert mode.panel.findChildren(QLineEdit)
    with qtbot.waitSignal(mode.closed):
        qtbot.mouseClick(mode.panel.findChild(QPushButton, "AdminBack"), CLICK)
    assert actions(audit_log) == ["staff.login", "staff.logout"]
    mode.panel.background.wait(5000)


@pytest.mark.expect_log(r"hub refused this terminal's credentials \(401\)")
def test_sync_now_resumes_after_the_hub_refused_the_credentials(qtbot, panel, runtime, audit_log) -> None:
    from offline_cache.hub_client import HubClient
    from offline_cache.sync import SyncWorker

    application_id = runtime.outbox.enqueue("coffee_shop", {"shop": "demo"})
    wrong = HubClient(runtime.embedded_hub.url, runtime.settings.terminal.terminal_id, "not-the-secret")
    runtime.sync = SyncWorker(runtime.outbox, wrong, config=runtime.settings.sync)
    try:
        assert runtime.sync.sync_once().state == "auth_failed"  # a real 401/403 from the embedded hub
        qtbot.mouseClick(panel.tab_buttons["queue"], CLICK)
        assert "拒绝本终端的凭据" in panel.queue_view.sync_state.text()
        runtime.sync.client = runtime.hub  # the technician fixed the credentials
        runtime.sync.start()
        qtbot.mouseClick(panel.findChild(QPushButton, "QueueSyncNow"), CLICK)
        qtbot.waitUntil(lambda: runtime.outbox.stub(application_id).state == ItemState.ACKED, timeout=15_000)
        entry = audit_log.entries()[-1]
        assert (entry.action, entry.detail) == ("queue.sync_now", {"resume": True})
    finally:
        wrong.close()
