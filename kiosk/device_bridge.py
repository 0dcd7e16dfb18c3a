"""The one place where device events become Qt signals.

Devices report what happens unasked (a card placed or lifted, a status change,
the paper running low) through plain callbacks, often on their own threads
(devices.base.Device.subscribe). Widgets may only be touched on the UI thread,
so every callback is handed over here through a queued signal and re-emitted on
the UI thread as one typed signal per event kind. Screens and the admin panel
connect to these signals; none of them subscribes to a device or polls one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal

from devices.base import Device, DeviceEvent

log = logging.getLogger(__name__)


class DeviceBridge(QObject):
    """Signals, always delivered on the thread this bridge lives on (the UI thread):

    - `mediaInserted(device)` / `mediaRemoved(device)`: a card placed on / lifted off a reader
    - `statusChanged(device, status, detail)`: XFS4IoT status ("online", "noDevice", ...) and why
    - `paperThreshold(device, paper)`: the printer's paper became "ok", "low" or "out"
    - `mediaTaken(device)`: the citizen took the printed receipt (printers with a presenter sensor)
    - `decoded(device, kind)`: the camera decoded a code of this kind (never its content)
    """

    mediaInserted = Signal(str)
    mediaRemoved = Signal(str)
    statusChanged = Signal(str, str, str)
    paperThreshold = Signal(str, str)
    mediaTaken = Signal(str)
    decoded = Signal(str, str)

    _arrived = Signal(object)  # a DeviceEvent from any thread, queued to this object's thread

    def __init__(self, devices: Iterable[Device] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribers: list[Callable[[], None]] = []
        self._arrived.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        for device in devices:
            self.attach(device)

    def attach(self, device: Device) -> None:
        """Listen to one more device (its callbacks may come from any thread)."""
        self._unsubscribers.append(device.subscribe(self._arrived.emit))

    def close(self) -> None:
        """Stop listening to every device; events already queued are still delivered."""
        for unsubscribe in self._unsubscribers:
            unsubscribe()
        self._unsubscribers.clear()

    def _dispatch(self, event: DeviceEvent) -> None:
        payload = event.payload
        if event.kind == "MediaInserted":
            self.mediaInserted.emit(event.device)
        elif event.kind == "MediaRemoved":
            self.mediaRemoved.emit(event.device)
        elif event.kind == "StatusChanged":
            status, detail = str(payload.get("status", "")), str(payload.get("detail", ""))
            self.statusChanged.emit(event.device, status, detail)
        elif event.kind == "PaperThreshold":
            self.paperThreshold.emit(event.device, str(payload.get("paper", "unknown")))
        elif event.kind == "MediaTaken":
            self.mediaTaken.emit(event.device)
        elif event.kind == "Decoded":
            self.decoded.emit(event.device, str(payload.get("kind", "")))
        else:
            log.info("device %s reported an event the kiosk does not know: %s", event.device, event.kind)


__all__ = ["DeviceBridge"]
