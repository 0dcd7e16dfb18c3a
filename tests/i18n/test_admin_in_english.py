"""Staff screens in English show no Chinese but data: the PIN pad and every admin tab.

The test goes the way staff do on an English terminal: the hidden gesture's
`window.staff.open()`, a too-short PIN, a wrong one, the right one, then each tab with
something on it (a refused application, a
receipt kept after a paper-out, a device report and live tests, a form with wrong
values, the audit entries, a damaged audit log). Every visible label, button, field and
tooltip of the PIN pad and the panel is searched for CJK characters (ideographs and
CJK or full-width punctuation) once the allowed data is taken out: the hall's name, the
kept receipt's theme title (the citizen's visit was in Chinese), the hub's reason for a
refusal, and a language's own name ("中文") on the language choice. A second test has a
citizen switch the kiosk to Chinese and back between visits: the staff layers follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.i18n import install_language
from kiosk.staff import StaffFiles

pytestmark = pytest.mark.gui

CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
PIN = "3917"
HUB_REASON = "rejected: 经营面积须为数字 (shop_area)"  # the hub's own words: data, shown as they came
RECEIPT_THEME = "我要开咖啡店"  # a receipt keeps the title in the language of the citizen's visit
OWN_NAMES = ("中文",)  # the language choice names each language in itself
CLICK = Qt.MouseButton.LeftButton


def describe(widget: QWidget) -> str:
    """`QLabel#name in Row in QueueView`: enough to find the widget in the code."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 4:
        name = current.objectName()
        parts.append(f"{type(current).__name__}#{name}" if name else type(current).__name__)
        current = current.parentWidget()
    return " in ".join(parts)


def visible_texts(layer: QWidget) -> list[tuple[QWidget, str]]:
    """(widget, text) for every text a person can read on `layer` now."""
    found: list[tuple[QWidget, str]] = []
    for widget in [layer, *layer.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((widget, widget.text()))
        elif isinstance(widget, QLineEdit):
            found += [(widget, widget.text()), (widget, widget.placeholderText())]
        if widget.toolTip():
            found.append((widget, widget.toolTip()))
    return [(w, t) for w, t in found if t.strip()]


class ChineseFinder:
    """Collects CJK text left on the staff layers, page by page, once the allowed data is removed."""

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = sorted({a for a in allowed if a}, key=len, reverse=True)
        self.found: dict[str, str] = {}

    def inspect(self, page: str, layer: QWidget) -> None:
        QApplication.processEvents()
        assert layer.isVisible(), f"{page}: the layer is not shown"
        texts = visible_texts(layer)
        assert texts, f"{page}: nothing readable on the layer"
        for widget, text in texts:
            rest = text
            for allowed in self.allowed:
                rest = rest.replace(allowed, "")
            if CJK.search(rest):
                self.found.setdefault(text, f"{page}: {describe(widget)}")

    def report(self) -> str:
        return "Chinese on the staff screens in English mode (text → page: widget):\n" + "\n".join(
            f"  {text!r} → {where}" for text, where in self.found.items())


def stage_terminal(runtime) -> None:
    """A staff PIN, one application the hub refused and one receipt kept after a paper-out."""
    from devices.errors import PaperOut
    from devices.printer.receipt import Receipt
    from kiosk.staff.pin import PinStore

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # verify reads the hash's own cost
    PinStore(StaffFiles(runtime.data_dir).pin, hasher=cheap).set_pin(PIN)
    application_id = runtime.outbox.enqueue("coffee", {"shop": "demo"})
    assert [item.application_id for item in runtime.outbox.claim_batch(1, 10**7)] == [application_id]
    runtime.outbox.mark_dead(application_id, HUB_REASON)
    printer = runtime.devices.printer
    printer.set_paper("out")
    receipt = Receipt(
        hall=runtime.settings.terminal.hall, terminal_id=runtime.settings.terminal.terminal_id,
        printed_at=datetime(2026, 11, 27, 20, 30), theme_title=RECEIPT_THEME,
        application_id="0b7e6a52-7a51-4c1f-9a55-0c6f2f4f7d11", masked_id_number="3101**********0000",
    )  # fmt: skip
    with pytest.raises(PaperOut):
        printer.print_receipt(receipt)
    printer.set_paper("low")


@pytest.fixture
def english_window(qtbot, tmp_path: Path) -> Iterator:
    """The kiosk window of an English terminal on a staged demo runtime (sync not started, so the
    refused application stays refused), with a settings file for the form to save to."""
    from rigs.demo_terminal import demo_settings, kiosk_window

    from kiosk.admin.settings_toml import write_settings
    from kiosk.app import make_application
    from kiosk.runtime import build_runtime

    runtime = build_runtime(demo_settings(tmp_path / "data", **{"terminal.language": "en"}), demo=True)
    try:
        stage_terminal(runtime)
        config_path = tmp_path / "kiosk.toml"
        write_settings(config_path, runtime.settings)
        with kiosk_window(qtbot, runtime, config_path=config_path) as window:
            yield window
            window.staff.panel.background.invalidate()
            window.staff.panel.background.wait(15_000)
    finally:
        install_language(make_application(), "zh_CN")
        runtime.close()


def enter_pin(qtbot, pad, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(pad.digit_keys[digit], CLICK)
    qtbot.mouseClick(pad.ok_button, CLICK)
    qtbot.waitUntil(lambda: not pad._checking, timeout=10_000)


def run_live_test(qtbot, view, test: str) -> None:
    qtbot.mouseClick(view.test_buttons[test], CLICK)
    qtbot.waitUntil(view.test_buttons[test].isEnabled, timeout=30_000)


def wait_text(qtbot, widget, text: str, timeout_ms: int = 15_000) -> None:
    qtbot.waitUntil(lambda: text in widget.text(), timeout=timeout_ms)


@pytest.mark.expect_log(r"audit log damaged; admin action queue\.sync_now refused")
def test_pin_pad_and_every_admin_tab_in_english_show_only_data_in_chinese(qtbot, english_window) -> None:
    window = english_window
    runtime = window.runtime
    assert window.ctx.lang == "en"
    finder = ChineseFinder([runtime.settings.terminal.hall, RECEIPT_THEME, HUB_REASON, *OWN_NAMES])

    window.staff.open()
    pad = window.staff.pin_pad
    qtbot.waitUntil(pad.isVisible, timeout=5000)
    assert pad.message.text() == "Enter the staff PIN"
    finder.inspect("PIN pad", pad)
    enter_pin(qtbot, pad, "1")
    finder.inspect("PIN pad: too short", pad)
    enter_pin(qtbot, pad, "8642")
    assert "left" in pad.message.text()
    finder.inspect("PIN pad: wrong PIN", pad)
    enter_pin(qtbot, pad, PIN)
    panel = window.staff.panel
    qtbot.waitUntil(panel.isVisible, timeout=10_000)
    assert panel.paper_notice.isVisible()  # the printer's paper is low

    finder.inspect("settings", panel)
    form = panel.settings_form
    form.editors["devices.printer_port"].widget.setText("70000")
    form.editors["terminal.idle_timeout_s"].widget.setText("abc")
    form.editors["devices.printer_driver"].buttons["usb"].setChecked(True)  # a rule across fields
    form.editors["devices.printer_device"].widget.setText("/dev/lp0")
    qtbot.mouseClick(form.save_button, CLICK)
    assert form.error_text("devices.printer_port") == "Must be at most 65535"
    finder.inspect("settings: wrong values", panel)
    qtbot.mouseClick(panel.findChild(QAbstractButton, "SettingsRevert"), CLICK)
    qtbot.mouseClick(form.save_button, CLICK)
    assert form.notice.text() == "Nothing changed"
    finder.inspect("settings: nothing changed", panel)

    panel.show_tab("queue")
    queue = panel.queue_view
    assert queue.count_labels["dead"].text() == "1" and queue.retry_buttons
    finder.inspect("queue: a refused application", panel)

    panel.show_tab("reprint")
    reprint = panel.reprint_view
    wait_text(qtbot, reprint.paper, "paper low")
    finder.inspect("reprint: a kept receipt", panel)
    qtbot.mouseClick(reprint.all_button, CLICK)
    qtbot.waitUntil(lambda: not reprint.busy, timeout=15_000)
    assert reprint.message.text() == "Printed 1 receipt"
    finder.inspect("reprint: reprinted", panel)

    panel.show_tab("diagnostics")
    diagnostics = panel.diagnostics_view
    qtbot.waitUntil(lambda: diagnostics.report is not None, timeout=15_000)
    finder.inspect("diagnostics: device report", panel)
    runtime.devices.camera.show_garbage()  # a code that is no licence: the camera test passes anyway
    for test in ("printer", "camera"):
        run_live_test(qtbot, diagnostics, test)
    qtbot.mouseClick(diagnostics.test_page_button, CLICK)
    qtbot.waitUntil(diagnostics.test_page_button.isEnabled, timeout=15_000)
    assert "Test printer: passed" in diagnostics.results.text()
    assert "Test camera: passed" in diagnostics.results.text()
    finder.inspect("diagnostics: live tests and a test page", panel)
    runtime.devices.printer.set_paper("out")
    run_live_test(qtbot, diagnostics, "printer")
    assert "Test printer: failed - " in diagnostics.message.text()
    finder.inspect("diagnostics: a failed live test", panel)

    panel.show_tab("system")
    system = panel.system_view
    assert "settings.save" not in system.entries.text() and "diag.live_test" in system.entries.text()
    qtbot.mouseClick(system.exit_button, CLICK)
    assert system.exit_button.text() == "Leave? Press again"
    finder.inspect("system: audit entries, leave asked", panel)

    with StaffFiles(runtime.data_dir).audit.open("ab") as damaged:
        damaged.write(b"not json")
    panel.show_tab("queue")
    qtbot.mouseClick(panel.findChild(QAbstractButton, "QueueSyncNow"), CLICK)
    assert "audit log is damaged" in queue.message.text()
    finder.inspect("queue: audit log damaged", panel)
    assert not finder.found, finder.report()


def test_staff_screens_follow_the_language_the_kiosk_shows(qtbot, english_window) -> None:
    """English terminal, a citizen switched to Chinese: staff open it in Chinese; back in English,
    where too many wrong PINs lock the pad with an English countdown."""
    window = english_window
    window.staff.open()
    assert window.staff.pin_pad.cancel_button.text() == "Cancel"
    qtbot.mouseClick(window.staff.pin_pad.cancel_button, CLICK)
    window.set_language("zh_CN")
    assert window.ctx.lang == "zh_CN"
    window.staff.open()
    pad = window.staff.pin_pad
    assert pad.isVisible() and pad.cancel_button.text() == "取消" and pad.message.text() == "请输入管理密码"
    enter_pin(qtbot, pad, PIN)
    qtbot.waitUntil(window.staff.panel.isVisible, timeout=10_000)
    assert window.staff.panel.tab_buttons["queue"].text() == "队列"
    qtbot.mouseClick(window.staff.panel.findChild(QAbstractButton, "AdminBack"), CLICK)
    window.set_language("en")
    window.staff.open()
    pad = window.staff.pin_pad
    assert pad.cancel_button.text() == "Cancel"
    for _attempt in range(5):
        enter_pin(qtbot, pad, "8642")
    assert "Locked" in pad.message.text() and not pad.ok_button.isEnabled()
    finder = ChineseFinder([])
    finder.inspect("PIN pad: locked", pad)
    assert not finder.found, finder.report()
    qtbot.mouseClick(pad.cancel_button, CLICK)
