"""sd_notify without Qt: real unix datagram sockets, filesystem and abstract, and the no-socket case."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.watchdog import NotifySocketError, SystemdNotifier, socket_address, watchdog_interval_s


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(2.0)
    yield path, sock
    sock.close()


def received(sock: socket.socket) -> dict[str, str]:
    data = sock.recv(4096).decode()
    return dict(line.split("=", 1) for line in data.split("\n"))


def test_ready_status_watchdog_stopping(listener) -> None:
    path, sock = listener
    notifier = SystemdNotifier(path)
    assert notifier.enabled
    assert notifier.ready()
    assert received(sock) == {"READY": "1", "STATUS": "ready"}
    assert notifier.status("queue 3 pending,\n printer ok")
    assert received(sock) == {"STATUS": "queue 3 pending, printer ok"}
    assert notifier.watchdog()
    assert received(sock) == {"WATCHDOG": "1"}
    assert notifier.stopping()
    assert received(sock) == {"STOPPING": "1", "STATUS": "stopping"}
    notifier.close()


def test_abstract_namespace_socket() -> None:
    name = f"onestop-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2.0)
    try:
        notifier = SystemdNotifier("@" + name)
        assert notifier.watchdog()
        assert received(sock) == {"WATCHDOG": "1"}
        notifier.close()
    finally:
        sock.close()


def test_reads_notify_socket_from_the_environment(listener, monkeypatch) -> None:
    path, sock = listener
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    notifier = SystemdNotifier()
    assert notifier.ready()
    assert received(sock)["READY"] == "1"
    notifier.close()


def test_no_socket_is_a_silent_no_op(monkeypatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    for notifier in (SystemdNotifier(), SystemdNotifier(None)):
        assert not notifier.enabled
        assert notifier.ready() is False
        assert notifier.watchdog() is False


def test_a_vanished_socket_does_not_raise(tmp_path: Path, caplog) -> None:
    notifier = SystemdNotifier(str(tmp_path / "gone.sock"))
    assert notifier.watchdog() is False
    assert notifier.watchdog() is False
    assert sum("sd_notify" in r.getMessage() for r in caplog.records) == 1  # warned once, not per ping
    notifier.close()


@pytest.mark.parametrize("value", ["relative.sock", "vsock:2:1234", "@"])
def test_unusable_notify_socket_is_a_typed_error(value: str) -> None:
    with pytest.raises(NotifySocketError, match="NOTIFY_SOCKET"):
        SystemdNotifier(value)


def test_socket_address_forms() -> None:
    assert socket_address("/run/systemd/notify") == "/run/systemd/notify"
    assert socket_address("@abc") == b"\0abc"


@pytest.mark.expect_log(r"WATCHDOG_USEC is not a number; watchdog pings disabled")
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_usec(env, expected) -> None:
    assert watchdog_interval_s(env) == expected
