"""Admin mode from the window's point of view: the PIN pad first, then the panel.

The window calls `open()` when the hidden corner gesture fires and connects the
three outcomes (`restart_requested`, `exit_requested`, `closed`). The staff
files (PIN state, audit log) come from kiosk.staff.StaffFiles under the
terminal's data folder, so the kiosk and `python -m kiosk.staff` agree.

Both layers are drawn in the language the kiosk shows when staff open them: the
window builds staff mode once, at the first staff gesture, but a citizen may
switch language between visits (and the next one starts in the terminal's), so
`open()` draws the pad and the panel again when the kiosk's language is no
longer the one they were drawn in, as the window rebuilds its pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.admin.audit_gate import AuditGate
from kiosk.admin.panel import AdminPanel
from kiosk.admin.pin_pad import PinPad
from kiosk.device_bridge import DeviceBridge
from kiosk.i18n import installed_language
from kiosk.runtime import Runtime
from kiosk.staff import StaffFiles
from kiosk.staff.audit import AuditLog
from kiosk.staff.pin import PinStore


class StaffMode(QObject):
    """PIN pad → admin panel over `host`; forwards the panel's signals."""

    closed = Signal()
    restart_requested = Signal()
    exit_requested = Signal()
    settings_saved = Signal(object, list)

    def __init__(
        self,
        runtime: Runtime,
        host: QWidget,
        config_path: Path | None,
        *,
        pin_store: PinStore | None = None,
        audit_log: AuditLog | None = None,
        bridge: DeviceBridge | None = None,
    ) -> None:
        super().__init__(host)
        files = StaffFiles(runtime.data_dir)
        self.runtime = runtime
        self.host = host
        self.config_path = config_path
        self.bridge = bridge
        self.audit = AuditGate(audit_log or AuditLog(files.audit))
        self.pin_store = pin_store or PinStore(files.pin)
        self.pin_pad, self.panel = self._draw()
        self.drawn_in = installed_language()

    def _draw(self) -> tuple[PinPad, AdminPanel]:
        """A PIN pad and a panel in the kiosk's language now, their outcomes forwarded."""
        pin_pad = PinPad(self.pin_store, self.audit, self.host)
        panel = AdminPanel(self.runtime, self.audit, self.config_path, self.host, bridge=self.bridge)
        pin_pad.accepted.connect(lambda: panel.open_over(self.host))
        pin_pad.cancelled.connect(self.closed.emit)
        panel.closed.connect(self.closed.emit)
        panel.restart_requested.connect(self.restart_requested.emit)
        panel.exit_requested.connect(self.exit_requested.emit)
        panel.settings_saved.connect(self.settings_saved.emit)
        return pin_pad, panel

    def _redraw_if_language_changed(self) -> None:
        """Replace the hidden pad and panel when the kiosk now shows another language."""
        lang = installed_language()
        if lang == self.drawn_in:
            return
        for old in (self.pin_pad, self.panel):
            old.background.invalidate()  # a late answer (a reprint, a live test) has no screen now
            old.deleteLater()
        self.pin_pad, self.panel = self._draw()
        self.drawn_in = lang

    def open(self) -> None:
        """Show the PIN pad (does nothing while the pad or the panel is already up)."""
        if self.pin_pad.isVisible() or self.panel.isVisible():
            return
        self._redraw_if_language_changed()
        self.pin_pad.open_over(self.host)

    @property
    def active(self) -> bool:
        return self.pin_pad.isVisible() or self.panel.isVisible()
