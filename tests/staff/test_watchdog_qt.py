"""A hung Qt event loop stops the systemd watchdog pings; when it recovers they resume.

A real unix datagram socket stands in for systemd's NOTIFY_SOCKET. sendto() on a
unix datagram socket queues the message before it returns, so what the socket
holds at a moment is exactly what was sent before it: reading it from inside the
hanging slot, before and after the hang, shows what the GUI thread sent meanwhile.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.watchdog import SystemdNotifier

pytestmark = pytest.mark.gui

PING_S = 0.05
HANG_S = 2.0


@pytest.fixture
def systemd_socket(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.setblocking(False)
    yield path, sock
    sock.close()


def drain(sock: socket.socket) -> list[bytes]:
    messages = []
    for _ in range(100_000):
        try:
            messages.append(sock.recv(4096))
        except BlockingIOError:
            break
    return messages


def collect(into: list[bytes], sock: socket.socket) -> list[bytes]:
    into.extend(drain(sock))
    return into


def test_hung_event_loop_stops_pings_and_they_resume(qtbot, qapp, systemd_socket) -> None:
    from PySide6.QtCore import QTimer

    from kiosk.watchdog_qt import start_watchdog_pings

    path, sock = systemd_socket
    notifier = SystemdNotifier(path)
    timer = start_watchdog_pings(qapp, notifier, interval_s=PING_S)
    try:
        assert timer.isActive() and timer.interval() == 50
        pings: list[bytes] = []
        qtbot.waitUntil(lambda: len(collect(pings, sock)) >= 3, timeout=5000)
        assert set(pings) == {b"WATCHDOG=1"}

        during_hang: dict[str, list[bytes]] = {}

        def hang() -> None:  # a slot that blocks the GUI thread
            during_hang["before"] = drain(sock)
            time.sleep(HANG_S)
            during_hang["sent_while_hung"] = drain(sock)

        QTimer.singleShot(0, hang)
        qtbot.waitUntil(lambda: "sent_while_hung" in during_hang, timeout=10_000)
        assert during_hang["sent_while_hung"] == []

        resumed: list[bytes] = []
        qtbot.waitUntil(lambda: len(collect(resumed, sock)) >= 2, timeout=5000)
        assert set(resumed) == {b"WATCHDOG=1"}
    finally:
        timer.stop()
        timer.deleteLater()
        notifier.close()


def test_interval_comes_from_watchdog_usec(qapp, systemd_socket, monkeypatch) -> None:
    from kiosk.watchdog_qt import start_watchdog_pings

    path, sock = systemd_socket
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    notifier = SystemdNotifier(path)
    timer = start_watchdog_pings(qapp, notifier)
    try:
        assert timer.isActive() and timer.interval() == 15_000
        assert drain(sock) == [b"WATCHDOG=1"]  # one ping at once, not 15 s later
    finally:
        timer.stop()
        timer.deleteLater()
        notifier.close()


def test_no_watchdog_asked_means_a_stopped_timer(qapp, monkeypatch) -> None:
    from kiosk.watchdog_qt import start_watchdog_pings

    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    timer = start_watchdog_pings(qapp, SystemdNotifier())
    assert not timer.isActive()
    timer.deleteLater()
