"""The one interface every device speaks, modelled on XFS4IoT.

The kiosk, diagnostics and the hub heartbeat read the same `status`,
`capabilities()` and events whether a real driver or a simulator sits behind
them, so screens and tests never ask which one they got.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from msgspec import Struct, field

log = logging.getLogger(__name__)


class DeviceStatus(StrEnum):
    """XFS4IoT common status values, as strings so they serialise as-is."""

    ONLINE = "online"
    OFFLINE = "offline"
    NO_DEVICE = "noDevice"
    HARDWARE_ERROR = "hardwareError"
    USER_ERROR = "userError"
    DEVICE_BUSY = "deviceBusy"


class DeviceEvent(Struct, frozen=True):
    """Something a device reports unasked: StatusChanged, MediaInserted, MediaRemoved,
    PaperThreshold, MediaTaken, Decoded. `payload` holds no PII beyond what the
    receiving step needs (a card event carries no card data)."""

    kind: str
    device: str
    payload: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[DeviceEvent], None]


class Device:
    """Base for drivers and simulators: status bookkeeping and event fan-out.

    Subclasses set `kind` and `driver`, call `_set_status` when the hardware
    changes and `_emit` for media events. Listeners may be called from a device
    thread; a listener that raises is logged and never stops the device.
    """

    kind: str = "device"
    driver: str = "abstract"

    def __init__(self, name: str) -> None:
        self.name = name
        self._status = DeviceStatus.OFFLINE
        self._status_detail = ""
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @property
    def status(self) -> DeviceStatus:
        return self._status

    @property
    def status_detail(self) -> str:
        """A short reason for staff ("paper out", "port /dev/ttyUSB0 gone"); never PII."""
        return self._status_detail

    def capabilities(self) -> dict[str, Any]:
        return {}

    def reset(self) -> None:
        """Bring the device back to a known state; drivers override."""

    def cancel(self) -> None:
        """Abort a waiting read or scan; drivers override."""

    def close(self) -> None:
        """Release ports and threads; drivers override."""

    def describe(self) -> dict[str, Any]:
        """The row diagnostics and the heartbeat show for this device."""
        return {
            "name": self.name,
            "kind": self.kind,
            "driver": self.driver,
            "status": self._status.value,
            "detail": self._status_detail,
        }

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _set_status(self, status: DeviceStatus, detail: str = "") -> None:
        changed = status != self._status or detail != self._status_detail
        self._status, self._status_detail = status, detail
        if changed:
            self._emit("StatusChanged", {"status": status.value, "detail": detail})

    def _emit(self, kind: str, payload: dict[str, Any] | None = None) -> None:
        event = DeviceEvent(kind=kind, device=self.name, payload=payload or {})
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the device
                log.exception("device listener failed on %s %s", self.name, kind)
