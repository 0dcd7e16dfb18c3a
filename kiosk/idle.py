"""The idle guard: no touch for a while → a visible countdown → wipe and back to attract.

Any touch, click or key anywhere in the app restarts the wait. The countdown
overlay has one big "continue" button; when it runs out the session is wiped
so the next person in the hall sees nothing of the last.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.widgets import button, label, tr
from kiosk.wording import fill

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class IdleGuard(QObject):
    """Counts idle seconds while `armed`; warns at `timeout - warning`, expires at `timeout`.
    A touch, a key or a wheel anywhere in the application (kiosk.app_events) starts the count anew."""

    WATCHES = tuple(_ACTIVITY)

    def __init__(self, overlay: IdleOverlay, timeout_s: int, warning_s: int,
                 on_expire: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overlay = overlay
        self.timeout_s = timeout_s
        self.warning_s = min(warning_s, timeout_s - 1)
        self.on_expire = on_expire
        self.armed = False
        self.idle_s = 0
        self.on_warning: Callable[[], None] | None = None  # e.g. say the warning aloud
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._second)
        overlay.continue_button.clicked.connect(self.touch)

    def arm(self, armed: bool) -> None:
        """Only a session in progress is guarded; the attract screen just waits."""
        self.armed = armed
        self.touch()
        if armed:
            self._tick.start()
        else:
            self._tick.stop()

    def touch(self) -> None:
        self.idle_s = 0
        self.overlay.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() in _ACTIVITY and not self.overlay.isVisible():
            self.idle_s = 0
        return False

    def _second(self) -> None:
        self.idle_s += 1
        remaining = self.timeout_s - self.idle_s
        if remaining <= 0:
            self.overlay.hide()
            self.on_expire()
        elif remaining <= self.warning_s:
            if not self.overlay.isVisible() and self.on_warning is not None:
                self.on_warning()
            self.overlay.show_countdown(remaining)

    def expire_now(self) -> None:
        """For tests and staff: behave as if the countdown ran out."""
        self.idle_s = self.timeout_s - 1
        self._second()


class IdleOverlay(QWidget):
    """Full-window dim layer with the countdown and a "continue" button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.message = label("", wrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        self.continue_button = button(tr("继续办理"), role="primary", name="IdleContinue")
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        self.message.setText(
            fill(tr("您已有一段时间没有操作。\n%1 秒后将清除您的信息并返回首页。"), seconds)
        )
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
