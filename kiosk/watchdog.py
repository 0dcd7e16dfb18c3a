"""sd_notify for systemd: tell it the kiosk is ready, and keep proving the UI is alive.

The unit (deploy/onestop-kiosk.service) is Type=notify with WatchdogSec: systemd
restarts the kiosk unless it hears "WATCHDOG=1" in time. The pings are sent from
a timer on the Qt event loop (kiosk/watchdog_qt.py), so a frozen UI stops them
and gets restarted, while a busy device thread does not fake liveness.

This is the protocol itself (a datagram of "KEY=value" lines to the unix socket
named by NOTIFY_SOCKET; a leading '@' means the abstract namespace), a few lines
rather than a dependency. Without NOTIFY_SOCKET (development, tests, demo) every
call is a silent no-op. A send that fails is logged once and never raises: losing
the watchdog must not take the citizen's screen down with it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Mapping

log = logging.getLogger(__name__)

_FROM_ENVIRONMENT = object()


class NotifySocketError(ValueError):
    """NOTIFY_SOCKET names something that is not a unix socket address."""


def watchdog_interval_s(environ: Mapping[str, str] | None = None) -> float | None:
    """How often to ping: half of WATCHDOG_USEC, or None when systemd asked for no watchdog.

    Like sd_watchdog_enabled(): a WATCHDOG_PID naming another process means the
    watchdog is not ours (e.g. inherited by a child).
    """
    env = os.environ if environ is None else environ
    raw = env.get("WATCHDOG_USEC", "").strip()
    if not raw:
        return None
    try:
        usec = int(raw)
    except ValueError:
        log.warning("WATCHDOG_USEC is not a number; watchdog pings disabled")
        return None
    pid = env.get("WATCHDOG_PID", "").strip()
    if usec <= 0 or (pid and pid != str(os.getpid())):
        return None
    return usec / 1_000_000 / 2


def socket_address(path: str) -> str | bytes:
    """The address to sendto(): a filesystem path, or b'\\0name' for an abstract '@name'."""
    if path.startswith("@") and len(path) > 1:
        return b"\0" + path[1:].encode("utf-8")
    if path.startswith("/"):
        return path
    raise NotifySocketError(f"NOTIFY_SOCKET={path!r} is neither an absolute path nor an '@' abstract name")


class SystemdNotifier:
    """Sends sd_notify messages; a no-op when there is no NOTIFY_SOCKET.

    `SystemdNotifier()` reads NOTIFY_SOCKET when it is made; pass a path to use
    another socket, or None for a notifier that never sends.
    """

    def __init__(self, socket_path: str | object | None = _FROM_ENVIRONMENT) -> None:
        if socket_path is _FROM_ENVIRONMENT:
            socket_path = os.environ.get("NOTIFY_SOCKET") or None
        self.socket_path: str | None = socket_path  # type: ignore[assignment]
        self._address = socket_address(self.socket_path) if self.socket_path else None
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._warned = False

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def ready(self) -> bool:
        """The kiosk's window is up: systemd's start job completes (Type=notify)."""
        return self.notify(READY="1", STATUS="ready")

    def watchdog(self) -> bool:
        """One liveness ping; call from the GUI thread's event loop."""
        return self.notify(WATCHDOG="1")

    def status(self, text: str) -> bool:
        """A one-line status shown by `systemctl status` (never personal data)."""
        return self.notify(STATUS=" ".join(text.split()))

    def stopping(self) -> bool:
        return self.notify(STOPPING="1", STATUS="stopping")

    def watchdog_interval_s(self) -> float | None:
        return watchdog_interval_s()

    def notify(self, **fields: str) -> bool:
        """Send KEY=value lines in one datagram; True when it was sent."""
        if self._address is None:
            return False
        message = "\n".join(f"{key}={value}" for key, value in fields.items()).encode("utf-8")
        with self._lock:
            try:
                if self._socket is None:
                    self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._socket.sendto(message, self._address)
            except OSError as exc:
                if not self._warned:
                    log.warning("sd_notify to %s failed: %s", self.socket_path, exc.strerror or exc)
                    self._warned = True
                return False
        self._warned = False
        return True

    def close(self) -> None:
        with self._lock:
            if self._socket is not None:
                self._socket.close()
                self._socket = None
