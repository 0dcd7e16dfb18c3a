"""The Qt half of the systemd watchdog: a timer on the GUI thread that pings systemd.

Because the ping runs on the event loop itself, a hung loop (a slot that never
returns, a deadlock in the GUI thread) stops the pings and systemd restarts the
kiosk after WatchdogSec. The protocol lives in kiosk/watchdog.py.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.watchdog import SystemdNotifier


def start_watchdog_pings(app: QObject, notifier: SystemdNotifier, interval_s: float | None = None) -> QTimer:
    """A running timer (child of `app`) that sends WATCHDOG=1 every `interval_s`.

    `interval_s` defaults to half of systemd's WATCHDOG_USEC; with no watchdog
    asked for, the timer is returned stopped. One ping goes out at once.
    """
    interval = notifier.watchdog_interval_s() if interval_s is None else interval_s
    timer = QTimer(app)
    timer.setObjectName("systemdWatchdogPings")
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(notifier.watchdog)
    if interval is None or interval <= 0 or not notifier.enabled:
        return timer
    timer.start(max(1, round(interval * 1000)))
    notifier.watchdog()
    return timer
