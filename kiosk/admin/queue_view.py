"""The 队列 tab: how many applications wait, which the hub refused and why, retry and sync now.

Staff see ids and states only — bodies stay encrypted in the outbox. A dead
item (refused by the hub, kept, never dropped) can be put back in the queue
(`queue.retry {application_id}`); "立即同步" skips the back-off, or leaves the
stop after the hub refused this terminal's credentials once they are fixed
(`queue.sync_now {resume}`). The figures refresh every two seconds while shown.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.admin.audit_gate import AuditGate, AuditRefused
from kiosk.admin.language import in_kiosk_language
from kiosk.runtime import Runtime
from kiosk.widgets import button, label, touch_scroll, tr
from kiosk.wording import fill
from offline_cache.outbox import OutboxError, OutboxStub

log = logging.getLogger(__name__)

REFRESH_MS = 2000
MAX_DEAD_SHOWN = 100
STATE_ZH = {"pending": "待发送", "sending": "发送中", "acked": "已送达", "dead": "被拒收"}
SYNC_STATE_ZH = {
    "idle": "空闲",
    "sending": "正在发送",
    "backoff": "网络或平台暂不可用，稍后自动重试",
    "auth_failed": "中心平台拒绝本终端的凭据，已停止发送：凭据修正后点“立即同步”",
}


class QueueView(QWidget):
    def __init__(self, runtime: Runtime, audit: AuditGate) -> None:
        super().__init__()
        self.runtime = runtime
        self.audit = audit
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)

        figures = QWidget()
        grid = QGridLayout(figures)
        self.count_labels: dict[str, QLabel] = {}
        for index, state in enumerate(STATE_ZH):
            grid.addWidget(label(tr(STATE_ZH[state]), "Hint"), 0, index)
            figure = label("0", "Figure", wrap=False)
            figure.setObjectName("Figure")
            self.count_labels[state] = figure
            grid.addWidget(figure, 1, index)
        column.addWidget(figures)

        row = QHBoxLayout()
        self.sync_state = label("", "Guidance")
        row.addWidget(self.sync_state, 1)
        row.addWidget(button(tr("刷新"), self.refresh, name="QueueRefresh"))
        self.sync_button = button(tr("立即同步"), self.sync_now, role="primary", name="QueueSyncNow")
        row.addWidget(self.sync_button)
        column.addLayout(row)
        self.message = label("", "Notice")
        column.addWidget(self.message)

        column.addWidget(label(tr("被拒收的申请（保留，可重试）"), "SectionTitle"))
        self.dead_list = QWidget()
        self.dead_column = QVBoxLayout(self.dead_list)
        self.dead_column.setAlignment(Qt.AlignmentFlag.AlignTop)
        column.addWidget(touch_scroll(self.dead_list), 1)

        self.retry_buttons: dict[str, QWidget] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def showEvent(self, event) -> None:
        self.refresh()
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        try:
            counts = self.runtime.outbox.counts()
            dead = self.runtime.outbox.dead_items()[:MAX_DEAD_SHOWN]
        except Exception as exc:  # a locked or damaged database is shown, not raised into Qt
            log.error("queue view cannot read the outbox: %s", type(exc).__name__)
            self.message.setText(fill(tr("无法读取队列（%1），请联系技术人员"), type(exc).__name__))
            return
        for state, figure in self.count_labels.items():
            figure.setText(str(counts.get(state, 0)))
        state = str(self.runtime.sync.state)
        shown = tr(SYNC_STATE_ZH[state]) if state in SYNC_STATE_ZH else state
        self.sync_state.setText(fill(tr("同步状态：%1"), shown))
        self._show_dead(dead)

    def _show_dead(self, dead: list[OutboxStub]) -> None:
        shown = [stub.application_id for stub in dead]
        if shown == list(self.retry_buttons):
            return
        while self.dead_column.count():
            item = self.dead_column.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.retry_buttons = {}
        if not dead:
            self.dead_column.addWidget(label(tr("没有被拒收的申请"), "Hint"))
            return
        for stub in dead:
            self.dead_column.addWidget(self._dead_row(stub))

    def _dead_row(self, stub: OutboxStub) -> QWidget:
        row_widget = QWidget()
        row_widget.setObjectName("Row")
        row_widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(row_widget)
        created = stub.created_at[:19].replace("T", " ")
        reason = (stub.last_error or "")[:200] or tr("未说明")
        text = fill(tr("申请编号 %1\n事项 %2 · 提交于 %3 · 已尝试 %n 次\n原因：%4", None, stub.attempts),
                    stub.application_id, stub.theme, created, reason)
        row.addWidget(label(text), 1)
        application_id = stub.application_id
        retry = button(tr("重试"), lambda: self.retry(application_id), name=f"retry-{application_id}")
        row.addWidget(retry)
        self.retry_buttons[stub.application_id] = retry
        return row_widget

    def retry(self, application_id: str) -> None:
        try:
            self.audit.record("queue.retry", {"application_id": application_id})
            self.runtime.outbox.retry_dead(application_id)
        except AuditRefused as exc:
            self.message.setText(exc.message)
            return
        except OutboxError as exc:
            self.message.setText(in_kiosk_language(exc.message_zh, exc.message_en))
            self.refresh()
            return
        self.runtime.sync.wake()
        self.message.setText(tr("已放回待发送队列"))
        self.refresh()

    def sync_now(self) -> None:
        resume = self.runtime.sync.state == "auth_failed"
        try:
            self.audit.record("queue.sync_now", {"resume": resume})
        except AuditRefused as exc:
            self.message.setText(exc.message)
            return
        if resume:
            self.runtime.sync.resume()
        else:
            self.runtime.sync.sync_now()
        self.message.setText(tr("已开始同步"))
        self.refresh()
