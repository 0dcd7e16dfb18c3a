"""The whole watchdog path in a real process: READY=1, pings from its event loop, a hang, the kill.

The test plays systemd's part: it owns NOTIFY_SOCKET, gives the child
WATCHDOG_USEC, waits for READY=1 and the pings, and when pings stop for longer
than WatchdogSec it sends SIGABRT, as systemd's WatchdogSignal does. The child
is a real Qt application (offscreen) whose event loop is hung by a slot that
never returns; with PYTHONFAULTHANDLER=1 (as in deploy/*.service) its stderr
names the hung slot, which is what a technician then reads in the journal.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
WATCHDOG_USEC = 1_000_000  # the child pings every 0.5 s
# systemd kills after WatchdogSec (1 s here) without a ping; the test allows 2 s so a
# busy machine that delays one ping does not get the child killed before its hang
MISSED_S = 2.0

CHILD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk.watchdog import SystemdNotifier
from kiosk.watchdog_qt import start_watchdog_pings

def hung_screen_slot():
    time.sleep(3600)

app = QApplication(sys.argv[:1])
notifier = SystemdNotifier()
timer = start_watchdog_pings(app, notifier)
notifier.ready()
QTimer.singleShot(2000, hung_screen_slot)
app.exec()
"""


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    yield path, sock
    sock.close()


def test_systemd_style_watchdog_kills_a_hung_kiosk(notify_socket) -> None:
    path, sock = notify_socket
    env = {
        **os.environ,
        "NOTIFY_SOCKET": path,
        "WATCHDOG_USEC": str(WATCHDOG_USEC),
        "PYTHONFAULTHANDLER": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("WATCHDOG_PID", None)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    messages: list[bytes] = []
    killed = False
    try:
        sock.settimeout(30.0)  # start-up on a busy machine
        deadline = time.monotonic() + 60  # bounded even if the pings never stop
        while time.monotonic() < deadline:
            try:
                messages.append(sock.recv(4096))
            except TimeoutError:
                os.kill(child.pid, signal.SIGABRT)  # what systemd does on a missed watchdog
                killed = True
                break
            if b"WATCHDOG=1" in messages[-1]:
                sock.settimeout(MISSED_S)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    assert killed, "the pings never stopped"
    assert any(b"READY=1" in m for m in messages)
    assert sum(m == b"WATCHDOG=1" for m in messages) >= 3  # it was alive before the hang
    assert child.returncode == -signal.SIGABRT
    text = stderr.decode(errors="replace")
    assert "Fatal Python error: Aborted" in text
    assert "hung_screen_slot" in text  # the journal shows where the UI hung
