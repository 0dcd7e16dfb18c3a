"""Progress of a live test on the technician's terminal, for anything that takes over a second.

On a terminal (stderr is a TTY, not --json): one spinner line, rewritten in
place, with the current step and the seconds spent, cleared at the end. In
--json mode or when stderr is a pipe or a file: plain step lines, each step
once plus a line per further second, so a log or a script sees progress
without control characters. Always on stderr: stdout stays the result (valid
JSON with --json). Nothing is shown for a test that ends within a second.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

SHOW_AFTER_S = 1.0
TICK_S = 0.1
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class LiveTestProgress:
    """Call the instance with each step; use as a context manager around the test."""

    def __init__(self, test: str, *, plain: bool, stream: TextIO | None = None) -> None:
        self.test = test
        self.stream = stream or sys.stderr
        self.plain = plain or not self.stream.isatty()
        self._step = "starting"
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="diag-progress", daemon=True)
        self._shown_step = ""
        self._shown_second = 0
        self._drew = False

    def __call__(self, step: str) -> None:
        self._step = step

    def __enter__(self) -> LiveTestProgress:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(2.0)
        if self._drew and not self.plain:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _run(self) -> None:
        for tick in range(10**6):  # bounded; ends with the test
            if self._stop.wait(TICK_S):
                return
            elapsed = time.monotonic() - self._started
            if elapsed >= SHOW_AFTER_S:
                self._show(elapsed, tick)

    def _show(self, elapsed: float, tick: int) -> None:
        step = self._step
        if self.plain:
            second = int(elapsed)
            if step != self._shown_step or second > self._shown_second:
                self.stream.write(f"diag {self.test}: {step} ({second} s)\n")
                self._shown_step, self._shown_second = step, second
        else:
            self.stream.write(f"\r\033[K{SPINNER[tick % len(SPINNER)]} {self.test}: {step}  {elapsed:4.1f} s")
            self._drew = True
        self.stream.flush()
