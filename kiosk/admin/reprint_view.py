"""The 回执 tab: receipts that failed to print (paper out, printer offline) and their reprint.

The application was safe in the outbox before printing started; only the paper
is missing. Staff refill the paper, look at the printer's state here and press
"重打" for one receipt (`receipt.reprint {application_id}`) or all of them
(`receipt.reprint_all {count}`). Talking to a printer can take seconds (network,
DLE EOT status), so every printer call runs off the UI thread.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from devices.errors import DeviceError
from devices.printer.receipt import Receipt
from kiosk.admin.audit_gate import AuditGate, AuditRefused
from kiosk.background import Background
from kiosk.runtime import Runtime
from kiosk.widgets import button, label, touch_scroll, tr
from kiosk.wording import fill

log = logging.getLogger(__name__)

PAPER_ZH = {
    "ok": "纸张正常",
    "low": "纸张将尽，请准备换纸",
    "out": "缺纸，请装纸",
    "unknown": "无法获取打印机状态",
}

PRINT_ERROR_ZH = {"PaperOut": "缺纸，请装纸后再打", "PrinterOffline": "打印机离线，请检查电源、连线和纸仓盖"}


class ReprintView(QWidget):
    def __init__(self, runtime: Runtime, audit: AuditGate, background: Background) -> None:
        super().__init__()
        self.runtime = runtime
        self.audit = audit
        self.background = background
        self.busy = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.paper = label("", "Guidance")
        row.addWidget(self.paper, 1)
        row.addWidget(button(tr("刷新"), self.refresh, name="ReprintRefresh"))
        self.all_button = button(tr("全部重打"), self.reprint_all, role="primary", name="ReprintAll")
        row.addWidget(self.all_button)
        column.addLayout(row)
        self.message = label("", "Notice")
        column.addWidget(self.message)
        column.addWidget(label(tr("未打印的回执"), "SectionTitle"))
        self.list_widget = QWidget()
        self.list_column = QVBoxLayout(self.list_widget)
        self.list_column.setAlignment(Qt.AlignmentFlag.AlignTop)
        column.addWidget(touch_scroll(self.list_widget), 1)
        self.reprint_buttons: dict[str, QWidget] = {}

    @property
    def printer(self) -> Any:
        return self.runtime.devices.printer

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """List the kept receipts now; ask the printer for its paper off the UI thread."""
        self._show_receipts(self._unprinted())
        printer = self.printer
        if printer is None:
            self.paper.setText(tr("未配置打印机"))
            return
        self.paper.setText(tr("正在查询打印机…"))
        self.background.run(printer.paper_status, self.show_paper, self._paper_failed)

    def _unprinted(self) -> list[Receipt]:
        printer = self.printer
        if printer is None:
            return []
        try:
            return list(printer.unprinted())
        except DeviceError:
            return []  # an unavailable printer keeps no receipts

    def show_paper(self, paper: str) -> None:
        """The paper state as last asked or reported (the admin panel forwards PaperThreshold)."""
        self.paper.setText(fill(tr("打印机：%1"), tr(PAPER_ZH[paper]) if paper in PAPER_ZH else paper))

    def _paper_failed(self, error: Exception) -> None:
        self.paper.setText(fill(tr("打印机：%1（%2）"), tr(PAPER_ZH["unknown"]), type(error).__name__))

    def _show_receipts(self, receipts: list[Receipt]) -> None:
        while self.list_column.count():
            item = self.list_column.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.reprint_buttons = {}
        self.all_button.setEnabled(bool(receipts) and not self.busy)
        if not receipts:
            self.list_column.addWidget(label(tr("没有未打印的回执"), "Hint"))
            return
        for receipt in receipts:
            self.list_column.addWidget(self._row(receipt))

    def _row(self, receipt: Receipt) -> QWidget:
        row_widget = QWidget()
        row_widget.setObjectName("Row")
        row_widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(row_widget)
        when = receipt.printed_at.strftime("%Y-%m-%d %H:%M")
        text = fill(tr("申请编号 %1\n%2 · %3"), receipt.application_id, receipt.theme_title, when)
        row.addWidget(label(text), 1)
        again = button(tr("重打"), lambda: self.reprint(receipt), name=f"reprint-{receipt.application_id}")
        again.setEnabled(not self.busy)
        row.addWidget(again)
        self.reprint_buttons[receipt.application_id] = again
        return row_widget

    # -- actions -----------------------------------------------------------------
    def reprint(self, receipt: Receipt) -> None:
        if self.busy or not self._record("receipt.reprint", {"application_id": receipt.application_id}):
            return
        printer = self.printer

        def job() -> int:
            printer.print_receipt(receipt)
            printer.discard_unprinted(receipt.application_id)
            return 1

        self._start(job)

    def reprint_all(self) -> None:
        count = len(self._unprinted())
        if self.busy or not count or not self._record("receipt.reprint_all", {"count": count}):
            return
        self._start(self.printer.reprint_unprinted)

    def _record(self, action: str, detail: dict[str, Any]) -> bool:
        try:
            self.audit.record(action, detail)
        except AuditRefused as exc:
            self.message.setText(exc.message)
            return False
        return True

    def _start(self, job: Any) -> None:
        self.busy = True
        self.message.setText(tr("正在打印…"))
        self._show_receipts(self._unprinted())
        self.background.run(job, self._printed, self._print_failed)

    def _printed(self, count: int) -> None:
        self.busy = False
        self.message.setText(tr("已打印 %n 张回执", None, count))
        self.refresh()

    def _print_failed(self, error: Exception) -> None:
        self.busy = False
        name = type(error).__name__
        detail = f"{name} {getattr(error, 'detail', '')}".strip()
        text = tr(PRINT_ERROR_ZH[name]) if name in PRINT_ERROR_ZH else detail
        log.warning("reprint failed: %s", type(error).__name__)
        self.message.setText(fill(tr("打印失败：%1"), text))
        self.refresh()
