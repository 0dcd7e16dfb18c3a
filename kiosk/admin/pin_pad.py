"""The staff PIN pad: big digit keys, masked dots, tries left and the lockout countdown.

Opened by the hidden corner gesture. The PIN is checked by kiosk.staff.pin
(argon2id, about a quarter of a second) on a worker thread so the screen never
freezes; the digits typed are dropped from memory as soon as they are handed
over. A right PIN is audited `staff.login` and emits `accepted`; a wrong one is
audited `staff.login_failed {remaining, locked}`. A terminal without a PIN, a
damaged PIN file or a damaged audit log never opens admin mode. Left alone for
a minute, the pad closes itself (`cancelled`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.admin.audit_gate import AuditGate, AuditRefused
from kiosk.admin.language import in_kiosk_language
from kiosk.admin.overlay import Overlay
from kiosk.background import Background
from kiosk.staff.pin import MAX_DIGITS, MIN_DIGITS, PinCheck, PinError, PinNotSet, PinStore
from kiosk.widgets import button, label, tr
from kiosk.wording import fill

NOT_SET_ZH = "未设置管理密码：请技术人员运行 python -m kiosk.staff set-pin"
PAD_IDLE_S = 60.0
_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


class PinPad(Overlay):
    """Full-host PIN entry; signals `accepted()` after a right PIN and `cancelled()` otherwise."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(
        self,
        store: PinStore,
        audit: AuditGate,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
        idle_s: float = PAD_IDLE_S,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AdminLayer")
        self.store = store
        self.audit = audit
        self._clock = clock
        self._digits = ""
        self._locked_until: float | None = None
        self._checking = False
        self.background = Background(self, max_threads=1)

        column = QVBoxLayout(self)
        column.setContentsMargins(40, 40, 40, 40)
        column.addStretch(1)
        title = label(tr("管理人员登录"), "Headline")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        self.dots = label("", "PinDots", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumHeight(90)
        column.addWidget(self.dots)
        self.message = label("", "Guidance")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.message)
        column.addWidget(self._keypad(), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self._actions(), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(idle_s * 1000))
        self._idle.timeout.connect(self.cancel)
        self.hide()

    # -- building ----------------------------------------------------------------
    def _keypad(self) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setSpacing(16)
        self.digit_keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            key = self._key(digit, lambda d=digit: self.press(d))
            self.digit_keys[digit] = key
            grid.addWidget(key, index // 3, index % 3)
        self.clear_key = self._key(tr("清除"), self.clear)
        self.digit_keys["0"] = self._key("0", lambda: self.press("0"))
        self.backspace_key = self._key("⌫", self.backspace)
        grid.addWidget(self.clear_key, 3, 0)
        grid.addWidget(self.digit_keys["0"], 3, 1)
        grid.addWidget(self.backspace_key, 3, 2)
        return pad

    def _key(self, text: str, on_click: Callable[[], None]) -> QPushButton:
        key = button(text, on_click, name="PinKey")
        key.setAccessibleName(f"PIN {text}")
        return key

    def _actions(self) -> QWidget:
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setSpacing(24)
        self.cancel_button = button(tr("取消"), self.cancel, name="PinCancel")
        self.ok_button = button(tr("确定"), self.submit, role="primary", name="PinOk")
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        return row_widget

    # -- opening -----------------------------------------------------------------
    def open_over(self, host: QWidget) -> None:
        """Show the pad empty over `host`, already saying when there is no PIN or a lock runs."""
        self._digits = ""
        self._render_dots()
        self.message.setText(tr("请输入管理密码"))
        self._locked_until = None
        self._countdown.stop()
        try:
            status = self.store.status()
        except PinError as exc:
            self._refuse(in_kiosk_language(exc.message_zh, exc.message_en))
        else:
            if not status.is_set:
                self._refuse(tr(NOT_SET_ZH))
            elif status.locked_until is not None:
                self._start_lock(status.locked_until)
            else:
                self._set_enabled(True)
        self.show_over(host)
        self._idle.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.isVisible():
            self._idle.start()
        return super().eventFilter(watched, event)

    # -- keys --------------------------------------------------------------------
    def press(self, digit: str) -> None:
        if not self.ok_button.isEnabled() or self._checking or len(self._digits) >= MAX_DIGITS:
            return  # no PIN set, locked, refused or busy: keys do nothing
        if digit.isdigit() and len(digit) == 1:
            self._digits += digit
            self._render_dots()

    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._render_dots()

    def clear(self) -> None:
        self._digits = ""
        self._render_dots()

    def cancel(self) -> None:
        self._close()
        self.cancelled.emit()

    def submit(self) -> None:
        if self._checking or self._locked_until is not None or not self.ok_button.isEnabled():
            return
        if len(self._digits) < MIN_DIGITS:
            self.message.setText(fill(tr("请输入 %1–%2 位数字"), MIN_DIGITS, MAX_DIGITS))
            return
        pin, self._digits = self._digits, ""
        self._render_dots()
        self._checking = True
        self._set_enabled(False)
        self.message.setText(tr("正在核对…"))
        store = self.store
        self.background.run(lambda: store.verify(pin), self._checked, self._check_failed)

    # -- results -----------------------------------------------------------------
    def _checked(self, check: PinCheck) -> None:
        self._checking = False
        try:
            if check.ok:
                self.audit.record("staff.login", {})
            else:
                detail = {"remaining": check.remaining_attempts, "locked": check.locked_until is not None}
                self.audit.record("staff.login_failed", detail)
        except AuditRefused as exc:
            self._refuse(exc.message)
            return
        if check.ok:
            self._close()
            self.accepted.emit()
        elif check.locked_until is not None:
            self._start_lock(check.locked_until)
        else:
            self._set_enabled(True)
            self.message.setText(in_kiosk_language(check.message_zh, check.message_en))

    def _check_failed(self, error: Exception) -> None:
        self._checking = False
        if isinstance(error, PinNotSet):
            self._refuse(tr(NOT_SET_ZH))
        elif isinstance(error, PinError):
            self._refuse(in_kiosk_language(error.message_zh, error.message_en))
        else:
            self._refuse(fill(tr("无法核对密码（%1），请联系技术人员"), type(error).__name__))

    def _refuse(self, message: str) -> None:
        """No admin mode from here: only 取消 stays usable."""
        self._set_enabled(False)
        self.message.setText(message)

    def _start_lock(self, until: float) -> None:
        self._locked_until = until
        self._set_enabled(False)
        self._tick()
        self._countdown.start()

    def _tick(self) -> None:
        if self._locked_until is None:
            self._countdown.stop()
            return
        left = round(self._locked_until - self._clock())
        if left <= 0:
            self._locked_until = None
            self._countdown.stop()
            self._set_enabled(True)
            self.message.setText(tr("锁定已解除，请输入管理密码"))
            return
        minutes, seconds = divmod(left, 60)
        self.message.setText(fill(tr("错误次数过多，已锁定，请 %1 后再试"), f"{minutes:02d}:{seconds:02d}"))

    # -- helpers -----------------------------------------------------------------
    def _render_dots(self) -> None:
        self.dots.setText("●" * len(self._digits) + "○" * max(0, MIN_DIGITS - len(self._digits)))

    def _set_enabled(self, enabled: bool) -> None:
        for key in (*self.digit_keys.values(), self.clear_key, self.backspace_key, self.ok_button):
            key.setEnabled(enabled)

    def _close(self) -> None:
        self._digits = ""
        self._render_dots()
        self._idle.stop()
        self._countdown.stop()
        self.background.invalidate()
        self._checking = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.hide()

    @property
    def entered_length(self) -> int:
        """How many digits are on the pad (the digits themselves are never exposed)."""
        return len(self._digits)
