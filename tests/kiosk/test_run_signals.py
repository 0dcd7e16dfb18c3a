"""`main.py run` as systemd and a console stop it: SIGTERM and SIGINT end it cleanly, no traceback.

The test plays systemd: it owns NOTIFY_SOCKET and waits for READY=1 before it
signals, so the signal lands while the event loop (and the idle guard's event
filter) runs, where a KeyboardInterrupt used to print a traceback and leave
the kiosk running.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _config(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    secrets = data / "secrets"
    secrets.mkdir(parents=True, mode=0o700)
    secret = secrets / "hub_secret"
    secret.write_text("s" * 32)
    secret.chmod(0o600)
    with socket.socket() as probe:  # a port nobody listens on: the hub is simply unreachable
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[terminal]\ndata_dir = "{data}"\nfullscreen = false\n\n[hub]\nurl = "http://127.0.0.1:{port}"\n',
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(("signo", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_signal_shuts_run_down_cleanly(tmp_path: Path, signo: int, code: int) -> None:
    config = _config(tmp_path)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))
    notify.settimeout(60.0)  # start-up on a busy machine
    env = {**os.environ, "NOTIFY_SOCKET": str(tmp_path / "notify"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("WATCHDOG_USEC", None)
    child = subprocess.Popen(
        [sys.executable, "main.py", "run", "--config", str(config)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        for _ in range(10):  # bounded: READY=1 is among the first datagrams
            if b"READY=1" in notify.recv(4096):
                break
        child.send_signal(signo)
        stdout, stderr = child.communicate(timeout=30)
    finally:
        notify.close()
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    text = (stdout + stderr).decode(errors="replace")
    assert child.returncode == code, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"{signal.Signals(signo).name} received" in log
    assert "shutdown complete" in log
    assert not (tmp_path / "data" / "outbox.sqlite-wal").exists()  # the last connection closed cleanly
