"""The 系统 tab: restart the program, leave kiosk mode, go back to service, the latest audit entries.

Leaving kiosk mode hands the screen to the desktop, so it asks to be pressed a
second time within a few seconds. The panel audits and signals; the window
does the restarting and leaving.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.staff.audit import AuditError, AuditLog
from kiosk.widgets import button, label, touch_scroll, tr
from kiosk.wording import fill

AUDIT_SHOWN = 20
CONFIRM_MS = 5000
EXIT_TEXT = "退出自助模式"
EXIT_CONFIRM_TEXT = "确认退出？再按一次"
ACTION_ZH = {
    "staff.login": "管理登录",
    "staff.login_failed": "密码错误",
    "staff.logout": "退出管理",
    "settings.save": "保存设置",
    "queue.retry": "重试申请",
    "queue.sync_now": "立即同步",
    "receipt.reprint": "重打回执",
    "receipt.reprint_all": "全部重打",
    "diag.run": "设备检测",
    "diag.live_test": "设备测试",
    "diag.test_page": "打印测试页",
    "app.restart": "重启程序",
    "kiosk.exit": "退出自助模式",
    "pin.set": "设置密码",
}


class SystemView(QWidget):
    restart_clicked = Signal()
    exit_clicked = Signal()
    back_clicked = Signal()

    def __init__(self, audit_log: AuditLog) -> None:
        super().__init__()
        self.audit_log = audit_log
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(button(tr("返回服务"), self.back_clicked.emit, role="primary", name="SystemBack"))
        row.addWidget(button(tr("重启程序"), self.restart_clicked.emit, name="SystemRestart"))
        self.exit_button = button(tr(EXIT_TEXT), self._exit_pressed, role="danger", name="SystemExit")
        row.addWidget(self.exit_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(label(tr("最近 %n 条管理操作记录", None, AUDIT_SHOWN), "SectionTitle"))
        self.entries = label("", "Hint")
        self.entries.setObjectName("AuditEntries")
        self.entries.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(touch_scroll(self.entries), 1)
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.setInterval(CONFIRM_MS)
        self._confirm.timeout.connect(lambda: self.exit_button.setText(tr(EXIT_TEXT)))

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        try:
            entries = self.audit_log.entries(last=AUDIT_SHOWN)
            check = self.audit_log.verify()
        except AuditError as exc:
            self.entries.setText(fill(tr("无法读取审计日志：%1"), exc))
            return
        lines = [] if check.ok else [fill(tr("⚠ 审计日志校验失败：%1"), check.reason)]
        for entry in reversed(entries):
            detail = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
            when = entry.time[:19].replace("T", " ")
            name = tr(ACTION_ZH[entry.action]) if entry.action in ACTION_ZH else ""
            lines.append(fill(tr("%1　%2 UTC　%3 %4　%5", "one audit entry: number, time, action, its code, "
                                 "detail"), entry.seq, when, name, entry.action, detail))
        self.entries.setText("\n".join(lines) or tr("暂无记录"))

    def _exit_pressed(self) -> None:
        if self._confirm.isActive():
            self._confirm.stop()
            self.exit_button.setText(tr(EXIT_TEXT))
            self.exit_clicked.emit()
            return
        self.exit_button.setText(tr(EXIT_CONFIRM_TEXT))
        self._confirm.start()
