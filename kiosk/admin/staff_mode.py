"""Admin mode from the window's point of view: the PIN pad first, then the panel.

The window calls `open()` when the hidden corner gesture fires and connects the
three outcomes (`restart_requested`, `exit_requested`, `closed`). The staff
files (PIN state, audit log) come from kiosk.staff.StaffFiles under the
terminal's data folder, so the kiosk and `python -m kiosk.staff` agree.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.admin.audit_gate import AuditGate
from kiosk.admin.panel import AdminPanel
from kiosk.admin.pin_pad import PinPad
from kiosk.device_bridge import DeviceBridge
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
        self.host = host
        self.audit = AuditGate(audit_log or AuditLog(files.audit))
        self.pin_pad = PinPad(pin_store or PinStore(files.pin), self.audit, host)
        self.panel = AdminPanel(runtime, self.audit, config_path, host, bridge=bridge)
        self.pin_pad.accepted.connect(lambda: self.panel.open_over(self.host))
        self.pin_pad.cancelled.connect(self.closed.emit)
        self.panel.closed.connect(self.closed.emit)
        self.panel.restart_requested.connect(self.restart_requested.emit)
        self.panel.exit_requested.connect(self.exit_requested.emit)
        self.panel.settings_saved.connect(self.settings_saved.emit)

    def open(self) -> None:
        """Show the PIN pad (does nothing while the pad or the panel is already up)."""
        if self.pin_pad.isVisible() or self.panel.isVisible():
            return
        self.pin_pad.open_over(self.host)

    @property
    def active(self) -> bool:
        return self.pin_pad.isVisible() or self.panel.isVisible()
