"""A private Xvfb server for a bench run on the xcb platform: a free display, stopped at the end.

`Xvfb -displayfd` picks a display number nobody uses and writes it to a pipe once it
accepts clients, so benches run beside each other and beside tests.
"""

from __future__ import annotations

import os
import select
import subprocess
import time

START_TIMEOUT_S = 20.0


class XvfbServer:
    """`with XvfbServer(1920, 1080) as display:` → ":N", the server running until the block ends."""

    def __init__(self, width: int, height: int, depth: int = 24) -> None:
        self.screen = f"{width}x{height}x{depth}"
        self.process: subprocess.Popen[bytes] | None = None
        self.display = ""

    def start(self) -> str:
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", self.screen, "-nolisten", "tcp"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        try:
            self.display = ":" + self._read_number(read_end)
        finally:
            os.close(read_end)
        return self.display

    def _read_number(self, fd: int) -> str:
        deadline = time.monotonic() + START_TIMEOUT_S
        text = b""
        while not text.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self.stop()
                raise RuntimeError(f"Xvfb did not start within {START_TIMEOUT_S:g} s")
            chunk = os.read(fd, 16)
            if not chunk:
                self.stop()
                raise RuntimeError("Xvfb exited before it gave a display number")
            text += chunk
        return text.decode().strip()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
