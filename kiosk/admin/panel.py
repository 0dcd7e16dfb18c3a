"""The admin panel staff reach after the PIN: settings, queue, reprint, diagnostics, system.

One layer over the kiosk with a side list of five tabs. Every action is
audited before it is done (kiosk.admin.audit_gate). The panel never restarts
or quits anything itself; it emits `restart_requested`, `exit_requested` and
`closed`, and the window acts. Two minutes without a touch close it
(`staff.logout {reason: idle}`), so a forgotten admin session never stays open
in front of the next citizen. Its words are drawn in the kiosk's language at the
time it is built (tr(), kiosk.admin.language); staff mode builds it again when
the kiosk shows another language.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.audit_gate import AuditGate, AuditRefused
from kiosk.admin.diagnostics_view import DiagnosticsView
from kiosk.admin.overlay import Overlay
from kiosk.admin.queue_view import QueueView
from kiosk.admin.reprint_view import ReprintView
from kiosk.admin.settings_form import SettingsForm
from kiosk.admin.system_view import SystemView
from kiosk.background import Background
from kiosk.device_bridge import DeviceBridge
from kiosk.i18n import installed_language
from kiosk.runtime import Runtime
from kiosk.widgets import button, label, tr
from kiosk.wording import fill

ADMIN_IDLE_S = 120.0
PAPER_ALERT = {"low": "打印纸将尽，请及时换纸", "out": "打印机缺纸：请装纸，再到“回执”页重打未打印的回执"}
TABS = {"settings": "设置", "queue": "队列", "reprint": "回执", "diagnostics": "诊断", "system": "系统"}
_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.InputMethod,
    QEvent.Type.Wheel,
}


class AdminPanel(Overlay):
    """Signals: `closed()`, `restart_requested()`, `exit_requested()`, `settings_saved(settings, keys)`."""

    closed = Signal()
    restart_requested = Signal()
    exit_requested = Signal()
    settings_saved = Signal(object, list)

    def __init__(
        self,
        runtime: Runtime,
        audit: AuditGate,
        config_path: Path | None,
        parent: QWidget | None = None,
        *,
        idle_s: float = ADMIN_IDLE_S,
        bridge: DeviceBridge | None = None,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.audit = audit
        self.background = Background(self, max_threads=2)

        self.settings_form = SettingsForm(runtime.settings, config_path, audit, installed_language())
        self.queue_view = QueueView(runtime, audit)
        self.reprint_view = ReprintView(runtime, audit, self.background)
        self.diagnostics_view = DiagnosticsView(runtime, audit, self.background)
        self.system_view = SystemView(audit.log)
        views = {
            "settings": self.settings_form,
            "queue": self.queue_view,
            "reprint": self.reprint_view,
            "diagnostics": self.diagnostics_view,
            "system": self.system_view,
        }

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._header())
        self.banner = label("", "Banner")
        self.banner.hide()
        column.addWidget(self.banner)
        self.paper_notice = label("", "Banner")  # paper low / out, as the printer reports it
        self.paper_notice.hide()
        column.addWidget(self.paper_notice)
        body = QHBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        body.setSpacing(24)
        nav = QWidget()
        nav.setObjectName("AdminNav")
        nav_column = QVBoxLayout(nav)
        nav_column.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.tab_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for key, view in views.items():
            self.stack.addWidget(view)
            tab = button(tr(TABS[key]), lambda k=key: self.show_tab(k), name=f"tab-{key}")
            tab.setCheckable(True)
            group.addButton(tab)
            self.tab_buttons[key] = tab
            nav_column.addWidget(tab)
        nav_column.addStretch(1)
        self._views = views
        body.addWidget(nav)
        body.addWidget(self.stack, 1)
        column.addLayout(body, 1)

        self.settings_form.saved.connect(self.settings_saved.emit)
        self.settings_form.restart_requested.connect(self.request_restart)
        self.system_view.back_clicked.connect(lambda: self.close_panel("staff"))
        self.system_view.restart_clicked.connect(self.request_restart)
        self.system_view.exit_clicked.connect(self.request_exit)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(idle_s * 1000))
        self._idle.timeout.connect(lambda: self.close_panel("idle"))
        if bridge is not None:
            bridge.paperThreshold.connect(self.show_paper)
        self.hide()

    def show_paper(self, _device: str = "", paper: str = "") -> None:
        """The printer's paper as it changes (low, out, refilled): above every tab, and on the 回执 tab."""
        if paper in PAPER_ALERT:
            self.paper_notice.setText(tr(PAPER_ALERT[paper]))
            self.paper_notice.show()
        else:
            self.paper_notice.hide()
        if paper:
            self.reprint_view.show_paper(paper)

    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("AdminHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 12, 32, 12)
        terminal = self.runtime.settings.terminal
        title = fill(tr("管理模式 · 终端 %1 · %2"), terminal.terminal_id, terminal.hall)
        row.addWidget(label(title, wrap=False), 1)
        row.addWidget(button(tr("返回服务"), lambda: self.close_panel("staff"), name="AdminBack"))
        return header

    # -- showing -----------------------------------------------------------------
    def open_over(self, host: QWidget, tab: str = "settings") -> None:
        self.banner.hide()
        printer = self.runtime.devices.printer
        self.show_paper(paper=printer.describe().get("paper", "") if printer is not None else "")
        self.settings_form.load(self.settings_form.settings)
        self.show_over(host)
        self.show_tab(tab)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()

    def show_tab(self, key: str) -> None:
        self.tab_buttons[key].setChecked(True)
        self.stack.setCurrentWidget(self._views[key])

    def current_tab(self) -> str:
        current = self.stack.currentWidget()
        return next(key for key, view in self._views.items() if view is current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.isVisible():
            self._idle.start()
        return super().eventFilter(watched, event)

    # -- leaving -----------------------------------------------------------------
    def close_panel(self, reason: str = "staff") -> None:
        """Back to the citizen screens; closing is never refused, even when the log is damaged."""
        if not self.isVisible():
            return
        with contextlib.suppress(AuditRefused):  # leaving admin mode is always allowed
            self.audit.record("staff.logout", {"reason": reason})
        self._leave()
        self.closed.emit()

    def request_restart(self) -> None:
        if self._record("app.restart", {}):
            self._leave()
            self.restart_requested.emit()

    def request_exit(self) -> None:
        if self._record("kiosk.exit", {}):
            self._leave()
            self.exit_requested.emit()

    def _leave(self) -> None:
        self._idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.hide()

    def _record(self, action: str, detail: dict[str, object]) -> bool:
        try:
            self.audit.record(action, detail)
        except AuditRefused as exc:
            self.banner.setText(exc.message)
            self.banner.show()
            return False
        return True
