"""查询办件进度: hold the receipt's QR to the camera, or type the number and the ID's last 4.

The page only draws and forwards: offline_cache.tracking_link checks what was shown or
typed and words the hub's answer; the hub (POST /v1/tracking/lookup) finds the
application. Nothing is kept: leaving the page (back, idle, the next citizen) clears the
fields and the answer, and a late answer for a citizen who left is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import button, label, tr
from kiosk.wording import fill
from offline_cache.tracking_link import TrackingQueryError, progress_lines, query_for_link, query_for_number

RECEIPT_SCAN_S = 120.0  # one scan while the page is open; renewed when it runs out
RESCAN_AFTER_MS = 1500


class TrackingScreen(Screen):
    title = "查询办件进度"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.guidance = label(tr("请将回执上的二维码对准摄像头，或输入办件编号和证件号码后四位"), "Guidance")
        self.body.addWidget(self.guidance)
        row = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setObjectName("TrackingNumber")
        self.number.setPlaceholderText(tr("办件编号，如 XH0001-261201-0007-B"))
        self.number.setMaxLength(32)
        self.last4 = QLineEdit()
        self.last4.setObjectName("TrackingLast4")
        self.last4.setPlaceholderText(tr("证件号码后四位"))
        self.last4.setMaxLength(4)
        self.last4.setEchoMode(QLineEdit.EchoMode.Password)  # the next in the queue need not read it
        for field in (self.number, self.last4):
            field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keyboard opens when a field is tapped
            field.returnPressed.connect(self._ask_by_number)
        row.addWidget(self.number, 3)
        row.addWidget(self.last4, 1)
        self.ask_button = button(tr("查询"), self._ask_by_number, role="primary", name="TrackingAsk")
        row.addWidget(self.ask_button)
        self.body.addLayout(row)
        self.who = label("", "Figure")
        self.body.addWidget(self.who)
        self.answer = label("", "Guidance")
        self.answer.setObjectName("TrackingAnswer")
        self.body.addWidget(self.answer)
        self.note = label("", "Hint")
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.back_button.setText(tr("返回首页"))
        self.cancel_button.hide()
        self.next_button.hide()
        self._active = False
        self._scanning = False  # one scan at a time, whatever the citizen does meanwhile
        self._generation = 0

    # -- the page's life ---------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self._active = True
        self._scan()

    def leave(self) -> None:
        self._active = False
        self._scanning = False
        self._generation += 1
        scanner = self.ctx.runtime.scanner
        if scanner is not None:
            scanner.cancel()
        self.wipe()

    def wipe(self) -> None:
        super().wipe()
        for field in (self.number, self.last4):
            field.clear()
        for text in (self.who, self.answer, self.note):
            text.clear()

    def _back(self) -> None:
        self.journey.cancel()  # the journey is at the attract step: this only returns there

    # -- asking ------------------------------------------------------------------------
    def _scan(self) -> None:
        scanner = self.ctx.runtime.scanner
        if not self._active or scanner is None or self._scanning:
            return
        self._scanning = True
        generation = self._generation
        self.ctx.background.run(
            lambda: scanner.scan(RECEIPT_SCAN_S),
            lambda result: self._code_seen(generation, result),
            lambda _error: self._scan_ended(generation),
        )

    def _scan_ended(self, generation: int) -> None:
        self._scanning = False
        self._rescan(generation)

    def _rescan(self, generation: int) -> None:
        if self._active and generation == self._generation:
            QTimer.singleShot(RESCAN_AFTER_MS, self._scan)

    def _code_seen(self, generation: int, result: Any) -> None:
        self._scanning = False
        if not self._active or generation != self._generation:
            return
        if result is None:
            self._scan()
            return
        try:
            query = query_for_link(result.raw)
        except TrackingQueryError as exc:
            self.show_error(self._words(exc))
            self._rescan(generation)
            return
        self._ask(query)

    def _ask_by_number(self) -> None:
        try:
            query = query_for_number(self.number.text(), self.last4.text())
        except TrackingQueryError as exc:
            self.show_error(self._words(exc))
            return
        self._ask(query)

    def _ask(self, query: dict[str, str]) -> None:
        self.clear_error()
        self.answer.setText(tr("正在查询，请稍候…"))
        generation = self._generation
        hub = self.ctx.runtime.hub
        self.ctx.background.run(
            lambda: hub.track(query),
            lambda view: self._show(generation, view),
            lambda _error: self._failed(generation),
        )

    def _show(self, generation: int, view: dict[str, Any] | None) -> None:
        if not self._active or generation != self._generation:
            return
        self._rescan(generation)
        if view is None:
            self.answer.clear()
            self.show_error(tr("没有找到该申请，请核对办件编号和证件号码后四位"))
            return
        lang = "en" if self.ctx.lang == "en" else "zh_CN"
        self.who.setText(
            fill(tr("办件编号：%1"), view.get("application_number", ""))
            + "  "
            + str(view.get("masked_name", ""))
        )
        self.answer.setText("\n\n".join(progress_lines(view, lang)))
        self.note.setText(str(view.get("calendar_note_en" if lang == "en" else "calendar_note_zh", "")))

    def _failed(self, generation: int) -> None:
        if self._active and generation == self._generation:
            self.answer.clear()
            self.show_error(tr("暂时无法连接政务服务中心，请稍后再试或到服务台查询"))
            self._rescan(generation)

    def _words(self, error: TrackingQueryError) -> str:
        return error.message_en if self.ctx.lang == "en" else error.message_zh
