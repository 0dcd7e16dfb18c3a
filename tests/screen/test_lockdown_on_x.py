"""Kiosk mode on a real X server with no window manager: the escape chords a passer-by tries
leave the window up, covering the whole screen, and the process running.

The offscreen platform cannot show this (its isVisible() is true of any shown widget, and it
cannot take key events from outside the process), so a real Xvfb runs `main.py run` full
screen and xdotool sends the keys the way a keyboard plugged into the kiosk would.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rigs.xvfb import virtual_screen, x_env

pytestmark = [pytest.mark.screen, pytest.mark.gui]

ROOT = Path(__file__).resolve().parents[2]
TITLE = "一网通办"
CHORDS = ("alt+F4", "ctrl+q", "ctrl+w", "Escape", "alt+Tab", "ctrl+alt+BackSpace", "super")


def _config(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    secrets = data / "secrets"
    secrets.mkdir(parents=True, mode=0o700)
    secret = secrets / "hub_secret"
    secret.write_text("s" * 32)
    secret.chmod(0o600)
    with socket.socket() as probe:  # a hub nobody answers for: this test is about the window
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[terminal]\ndata_dir = "{data}"\n\n[hub]\nurl = "http://127.0.0.1:{port}"\n',
                      encoding="utf-8")
    return config


def _tool(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=20)
    return done.stdout


def _window(env: dict[str, str], timeout_s: float = 90.0) -> str:
    """The kiosk's X window id once it is mapped (bounded wait)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = _tool("xdotool", "search", "--onlyvisible", "--name", TITLE, env=env).split()
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError("the kiosk window never appeared on the X screen")


def _geometry(window: str, env: dict[str, str]) -> tuple[int, int, int, int]:
    info = _tool("xwininfo", "-id", window, env=env)
    values = {}
    for line in info.splitlines():
        key, _, value = line.strip().partition(":")
        values[key] = value.strip()
    return (int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"]),
            int(values["Width"]), int(values["Height"]))


@pytest.mark.skipif(shutil.which("xdotool") is None or shutil.which("xwininfo") is None,
                    reason="xdotool and x11-utils are installed by scripts/setup.sh")
def test_escape_chords_leave_the_full_screen_kiosk_up_on_bare_x(tmp_path: Path) -> None:
    config = _config(tmp_path)
    with virtual_screen(1366, 768) as display:
        env = x_env(display)
        env.pop("WATCHDOG_USEC", None)
        env.pop("NOTIFY_SOCKET", None)
        child = subprocess.Popen([sys.executable, "main.py", "run", "--config", str(config)], cwd=ROOT,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            window = _window(env)
            assert _geometry(window, env) == (0, 0, 1366, 768)
            for chord in CHORDS:
                _tool("xdotool", "key", "--window", window, chord, env=env)
                _tool("xdotool", "key", chord, env=env)  # and to whatever has the focus
            time.sleep(1.0)
            assert child.poll() is None, "the kiosk process ended"
            assert window in _tool("xdotool", "search", "--onlyvisible", "--name", TITLE, env=env).split()
            assert _geometry(window, env) == (0, 0, 1366, 768)
            focused = _tool("xdotool", "getwindowfocus", env=env).strip()
            assert focused == window, "the kiosk lost the keyboard focus"
        finally:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
            try:
                out, err = child.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                out, err = child.communicate(timeout=10)
    text = (out + err).decode(errors="replace")
    assert child.returncode == 0, text
    assert "Traceback" not in text
    assert os.path.exists(tmp_path / "data" / "logs" / "kiosk.log")
