"""A real X screen of an exact size, for pictures and checks: Xvfb on a display it picks itself.

`-displayfd` lets Xvfb choose a free display number and write it to a pipe once it
accepts clients, so two runs (or two tests) never fight over `:99` and nobody sleeps
hoping the server is up. No window manager runs on it, as on a hall's bare Xorg.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

START_TIMEOUT_S = 15.0


class XServerError(RuntimeError):
    """Xvfb is missing or did not come up."""


@contextmanager
def virtual_screen(width: int, height: int, depth: int = 24) -> Iterator[str]:
    """Run Xvfb with one screen of width×height; yields its DISPLAY (":N"); stops it after."""
    binary = shutil.which("Xvfb")
    if binary is None:
        raise XServerError("Xvfb is not installed (Debian package xvfb)")
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x{depth}",
         "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        display = _read_display(read_end, process)
        yield f":{display}"
    finally:
        os.close(read_end)
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _read_display(fd: int, process: subprocess.Popen) -> str:
    """The display number Xvfb writes (with a newline) once it is ready, bounded in time."""
    deadline = time.monotonic() + START_TIMEOUT_S
    text = b""
    while not text.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            raise XServerError(f"Xvfb did not start (exit code {process.poll()})")
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.5))
        if ready:
            chunk = os.read(fd, 16)
            if not chunk:
                raise XServerError("Xvfb closed its display pipe without a display number")
            text += chunk
    return text.decode().strip()


__all__ = ["XServerError", "virtual_screen"]
