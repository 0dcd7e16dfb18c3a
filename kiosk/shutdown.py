"""SIGINT and SIGTERM end `run` cleanly: the event loop quits, then the runtime closes.

Python's default SIGINT handler raises KeyboardInterrupt at whatever Python
frame happens to run next, which in a Qt application is usually an event
filter called from C++ (the idle guard's): PySide prints the traceback and the
loop keeps going. Here both signals are caught by a handler that raises
nothing; `signal.set_wakeup_fd` writes the signal number to a socket pair
that a QSocketNotifier watches, so the loop wakes at once (no polling timer)
and quits. `run_gui` then closes the runtime (sync stopped, devices released,
outbox closed) and returns `exit_code()`:

- SIGTERM (systemd stop, `kill`): 0, an orderly stop the operator asked for
- SIGINT (Ctrl-C on a console): 130, the shell's convention for an interrupt

Further signals during the shutdown are absorbed, so a second Ctrl-C cannot
cut the outbox close short.
"""

from __future__ import annotations

import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier

log = logging.getLogger(__name__)

EXIT_CODES = {signal.SIGTERM: 0, signal.SIGINT: 130}


class SignalShutdown:
    """Turns SIGINT / SIGTERM into `app.exit()`; `restore()` puts the previous handlers back."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self.received: signal.Signals | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous = {signo: signal.signal(signo, self._note) for signo in EXIT_CODES}
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._wake)

    def _note(self, signo: int, frame: FrameType | None) -> None:
        """The Python-level handler: raises nothing (the wake-up byte does the work)."""

    def _wake(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for byte in data:
            if byte in EXIT_CODES and self.received is None:
                self.received = signal.Signals(byte)
                log.info("%s received: shutting down", self.received.name)
                # exit(), not quit(): since Qt 6 quit() first asks every window to close, and the
                # locked kiosk window refuses, so quit() would be ignored in kiosk mode.
                self._app.exit(0)

    def exit_code(self, loop_result: int) -> int:
        """The process's exit code: the signal's (see module docstring), else the loop's own."""
        return EXIT_CODES[self.received] if self.received is not None else loop_result

    def restore(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for signo, handler in self._previous.items():
            signal.signal(signo, handler)
        self._reader.close()
        self._writer.close()
