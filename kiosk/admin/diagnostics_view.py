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
from kiosk.admin.language import in_kiosk_language
from kiosk.background import Background
from kiosk.runtime import Runtime
from kiosk.widgets import button, label, touch_scroll, tr
from kiosk.wording import fill

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
    """One line for staff, in the kiosk's language: passed or failed, why, how long; no card or
    token contents."""
    test = str(result.get("test"))
    name = tr(LIVE_TESTS[test]) if test in LIVE_TESTS else test
    seconds = result.get("duration_s")
    timed = isinstance(seconds, int | float)
    took = f"{seconds:g}" if timed else ""
    if result.get("ok"):
        return fill(tr("%1：通过（%2 秒）") if timed else tr("%1：通过"), name, took)
    worded = in_kiosk_language(str(result.get("message_zh") or ""), str(result.get("message_en") or ""))
    why = worded or str(result.get("error") or "")
    if not why:
        return fill(tr("%1：未通过（%2 秒）") if timed else tr("%1：未通过"), name, took)
    return fill(tr("%1：未通过 — %2（%3 秒）") if timed else tr("%1：未通过 — %2"), name, why, took)


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
        actions.addWidget(button(tr("重新检测"), self.run_report, role="primary", name="DiagRun"))
        self.test_buttons: dict[str, QPushButton] = {}
        for which, text in LIVE_TESTS.items():
            test = button(tr(text), lambda w=which: self.run_live(w), name=f"diag-live-{which}")
            self.test_buttons[which] = test
            actions.addWidget(test)
        self.test_page_button = button(tr("打印测试页"), self.print_test_page, name="DiagTestPage")
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
        self.message.setText(tr("正在检测…"))

        def job() -> dict[str, Any]:
            extra = {"queue": runtime.outbox.counts(), "sync_state": str(runtime.sync.state)}
            return run_diagnostics(runtime.devices, extra=extra, data_dir=runtime.data_dir)

        self.background.run(job, self.show_report, self._failed)

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.message.setText(fill(tr("检测完成：%1"), report.get("generated_at", "")))
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for column, header in enumerate(HEADERS):
            self.grid.addWidget(label(tr(header), "Hint", wrap=False), 0, column)
        for row, device in enumerate(report.get("devices", []), start=1):
            kind, status = str(device.get("kind")), str(device.get("status"))
            cells = (
                tr(KIND_ZH[kind]) if kind in KIND_ZH else str(device.get("name")),
                str(device.get("driver", "")),
                tr(STATUS_ZH[status]) if status in STATUS_ZH else status,
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
        reachable = tr("可用") if pcscd.get("reachable") else pcscd.get("detail") or tr("不可用")
        ntp = tr("已同步") if clock.get("ntp_synchronized") else tr("未确认")
        return fill(
            tr("pcscd：%1　磁盘剩余：%2　时钟：%3（NTP %4）　队列：待发送 %5，被拒收 %6"),
            reachable, free_text, clock.get("local", "?"), ntp,
            queue.get("pending", "?"), queue.get("dead", "?"),
        )

    # -- live tests --------------------------------------------------------------
    def run_live(self, which: str) -> None:
        if not self._record("diag.live_test", {"test": which}):
            return
        devices = self.runtime.devices
        self.test_buttons[which].setEnabled(False)
        name = tr(LIVE_TESTS[which])
        self.message.setText(fill(tr("%1…请放置证件"), name) if which in ("idcard", "pcsc") else f"{name}…")
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
            self.message.setText(tr("未配置打印机"))
            return
        if not self._record("diag.test_page", {}):
            return
        self.test_page_button.setEnabled(False)
        self.message.setText(tr("正在打印测试页…"))
        self.background.run(
            printer.print_test_page,
            lambda _result: self._test_page_done(tr("测试页已打印")),
            lambda error: self._test_page_done(fill(tr("测试页未打印（%1）"), type(error).__name__)),
        )

    def _test_page_done(self, text: str) -> None:
        self.test_page_button.setEnabled(True)
        self.message.setText(text)

    # -- helpers -----------------------------------------------------------------
    def _record(self, action: str, detail: dict[str, Any]) -> bool:
        try:
            self.audit.record(action, detail)
        except AuditRefused as exc:
            self.message.setText(exc.message)
            return False
        return True

    def _failed(self, error: Exception) -> None:
        log.error("diagnostics failed: %s", type(error).__name__)
        self.message.setText(fill(tr("检测失败（%1），请联系技术人员"), type(error).__name__))
