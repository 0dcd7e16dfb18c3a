"""The 诊断 tab: every device's driver and state, live tests, and the printer's test page.

The report and the live tests come from devices.diagnostics (the same code as
`python main.py diag`); both run off the UI thread, a live test for at most
`LIVE_TEST_S`. A card read shows only whether it worked and how long it took,
never the card's contents. Each run is audited (`diag.run`, `diag.live_test
{test}`, `diag.test_page`).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from devices.diagnostics import run_diagnostics, run_live_test
from kiosk.admin.audit_gate import AuditGate, AuditRefused
from kiosk.background import Background
from kiosk.runtime import Runtime
from kiosk.widgets import button, label, touch_scroll

log = logging.getLogger(__name__)

LIVE_TEST_S = 10.0
LIVE_TESTS = {
    "idcard": "测试身份证读卡器",
    "pcsc": "测试 PC/SC 读卡器",
    "printer": "测试打印机",
    "camera": "测试摄像头",
}
STATUS_ZH = {
    "online": "正常",
    "offline": "离线",
    "noDevice": "未连接",
    "hardwareError": "硬件故障",
    "userError": "需要处理",
    "deviceBusy": "忙",
}
KIND_ZH = {"idcard": "身份证读卡器", "pcsc": "PC/SC 读卡器", "camera": "摄像头", "printer": "打印机"}
HEADERS = ("设备", "驱动", "状态", "说明")


def live_test_summary(result: dict[str, Any]) -> str:
    """One line for staff: passed or failed, why, how long; no card or token contents."""
    name = LIVE_TESTS.get(str(result.get("test")), str(result.get("test")))
    seconds = result.get("duration_s")
    took = f"（{seconds:g} 秒）" if isinstance(seconds, int | float) else ""
    if result.get("ok"):
        return f"{name}：通过{took}"
    why = result.get("message_zh") or result.get("error") or "未通过"
    return f"{name}：未通过 — {why}{took}"


class DiagnosticsView(QWidget):
    def __init__(self, runtime: Runtime, audit: AuditGate, background: Background) -> None:
        super().__init__()
        self.runtime = runtime
        self.audit = audit
        self.background = background
        self.report: dict[str, Any] | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        actions.addWidget(button("重新检测", self.run_report, role="primary", name="DiagRun"))
        self.test_buttons: dict[str, QPushButton] = {}
        for which, text in LIVE_TESTS.items():
            test = button(text, lambda w=which: self.run_live(w), name=f"diag-live-{which}")
            self.test_buttons[which] = test
            actions.addWidget(test)
        self.test_page_button = button("打印测试页", self.print_test_page, name="DiagTestPage")
        actions.addWidget(self.test_page_button)
        actions.addStretch(1)
        column.addLayout(actions)
        self.message = label("", "Notice")
        column.addWidget(self.message)
        body = QWidget()
        self.body_column = QVBoxLayout(body)
        self.body_column.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.table = QWidget()
        self.grid = QGridLayout(self.table)
        self.grid.setHorizontalSpacing(28)
        self.body_column.addWidget(self.table)
        self.system = label("", "Hint")
        self.body_column.addWidget(self.system)
        self.results = label("", "Guidance")
        self.body_column.addWidget(self.results)
        column.addWidget(touch_scroll(body), 1)
        self._results: list[str] = []

    def showEvent(self, event) -> None:
        if self.report is None:
            self.run_report()
        super().showEvent(event)

    # -- report ------------------------------------------------------------------
    def run_report(self) -> None:
        if not self._record("diag.run", {}):
            return
        runtime = self.runtime
        self.message.setText("正在检测…")

        def job() -> dict[str, Any]:
            extra = {"queue": runtime.outbox.counts(), "sync_state": str(runtime.sync.state)}
            return run_diagnostics(runtime.devices, extra=extra, data_dir=runtime.data_dir)

        self.background.run(job, self.show_report, self._failed)

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.message.setText(f"检测完成：{report.get('generated_at', '')}")
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for column, header in enumerate(HEADERS):
            self.grid.addWidget(label(header, "Hint", wrap=False), 0, column)
        for row, device in enumerate(report.get("devices", []), start=1):
            cells = (
                KIND_ZH.get(str(device.get("kind")), str(device.get("name"))),
                str(device.get("driver", "")),
                STATUS_ZH.get(str(device.get("status")), str(device.get("status"))),
                str(device.get("detail") or "—"),
            )
            for column, text in enumerate(cells):
                cell = label(text, wrap=column == 3)
                cell.setObjectName(f"diag-{device.get('kind')}-{column}")
                self.grid.addWidget(cell, row, column)
        self.system.setText(self._system_text(report))

    @staticmethod
    def _system_text(report: dict[str, Any]) -> str:
        pcscd = report.get("pcscd", {})
        clock = report.get("clock", {})
        free = report.get("disk_free_bytes")
        free_text = f"{free / 2**30:.1f} GiB" if isinstance(free, int) else "?"
        queue = report.get("queue", {})
        return (
            f"pcscd：{'可用' if pcscd.get('reachable') else pcscd.get('detail', '不可用')}　"
            f"磁盘剩余：{free_text}　时钟：{clock.get('local', '?')}"
            f"（NTP {'已同步' if clock.get('ntp_synchronized') else '未确认'}）　"
            f"队列：待发送 {queue.get('pending', '?')}，被拒收 {queue.get('dead', '?')}"
        )

    # -- live tests --------------------------------------------------------------
    def run_live(self, which: str) -> None:
        if not self._record("diag.live_test", {"test": which}):
            return
        devices = self.runtime.devices
        self.test_buttons[which].setEnabled(False)
        self.message.setText(f"{LIVE_TESTS[which]}…" + ("请放置证件" if which in ("idcard", "pcsc") else ""))
        self.background.run(
            lambda: run_live_test(devices, which, LIVE_TEST_S),  # type: ignore[arg-type]
            lambda result: self._live_done(which, result),
            lambda error: self._live_done(which, {"test": which, "ok": False, "error": type(error).__name__}),
        )

    def _live_done(self, which: str, result: dict[str, Any]) -> None:
        self.test_buttons[which].setEnabled(True)
        summary = live_test_summary(result)
        self.message.setText(summary)
        self._results = [summary, *self._results][:8]
        self.results.setText("\n".join(self._results))

    def print_test_page(self) -> None:
        printer = self.runtime.devices.printer
        if printer is None:
            self.message.setText("未配置打印机")
            return
        if not self._record("diag.test_page", {}):
            return
        self.test_page_button.setEnabled(False)
        self.message.setText("正在打印测试页…")
        self.background.run(
            printer.print_test_page,
            lambda _result: self._test_page_done("测试页已打印"),
            lambda error: self._test_page_done(f"测试页未打印（{type(error).__name__}）"),
        )

    def _test_page_done(self, text: str) -> None:
        self.test_page_button.setEnabled(True)
        self.message.setText(text)

    # -- helpers -----------------------------------------------------------------
    def _record(self, action: str, detail: dict[str, Any]) -> bool:
        try:
            self.audit.record(action, detail)
        except AuditRefused as exc:
            self.message.setText(exc.message_zh)
            return False
        return True

    def _failed(self, error: Exception) -> None:
        log.error("diagnostics failed: %s", type(error).__name__)
        self.message.setText(f"检测失败（{type(error).__name__}），请联系技术人员")
