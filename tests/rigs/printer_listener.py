"""Printers for tests: a TCP 9100 listener and a pty serial port, both recording and answering DLE EOT.

They behave like an ESC/POS thermal printer's interfaces: they keep what they
are sent and answer the real-time status queries `DLE EOT 1` (printer) and
`DLE EOT 4` (paper roll) from their configured state. They can also stay
silent, answer garbage, refuse connections (TCP) or vanish (pty), to exercise
the driver's error paths.

* `PrinterListener` — 127.0.0.1 on an ephemeral port, one connection at a time.
* `PtyPrinter` — a pty pair in raw mode; `path` is a symlink to the slave end,
  opened by the driver like /dev/ttyUSB0 (serial) or /dev/usb/lp0 (device file).
"""

from __future__ import annotations

import os
import select
import socket
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path
from typing import Literal

DLE_EOT = b"\x10\x04"
GS_I = b"\x1dI"  # printer information: 65 firmware, 66 maker, 67 model
STATUS_ONLINE, STATUS_OFFLINE = 0x12, 0x1A  # DLE EOT 1: fixed bits 1 and 4; bit 3 = offline
PAPER_BYTES = {"ok": 0x12, "low": 0x1E, "out": 0x72}  # DLE EOT 4: bits 2-3 near end, 5-6 end


class _StatusAnswering:
    """What both rigs share: configured state, recorded bytes, DLE EOT answers."""

    def __init__(self) -> None:
        self.online = True
        self.paper: Literal["ok", "low", "out"] = "ok"
        self.answer: Literal["status", "silent", "garbage"] = "status"
        self.jobs: list[bytes] = []
        """Bytes received per connection (one entry for a pty), DLE EOT queries taken out."""
        self.queries: list[int] = []
        self.info_queries: list[int] = []
        self.maker, self.model, self.firmware = "XPRINTER", "XP-80C", "V7.03"
        self.answers_info = True  # False: a printer that ignores GS I information queries (many do)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def received(self) -> bytes:
        """Everything printed so far, once bytes already sent have been fully read."""
        self.settle()
        with self._lock:
            return b"".join(self.jobs)

    def settle(self, timeout_s: float = 5.0) -> None:
        """Wait (bounded) until nothing sent is still unread."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self._busy():
            time.sleep(0.01)

    def _busy(self) -> bool:
        raise NotImplementedError

    def _consume(self, write: Callable[[bytes], None], data: bytes, job: bytearray) -> bytes:
        """Move printable bytes to `job`, answer each complete DLE EOT n or GS I n; return an
        incomplete tail."""
        while True:
            found = [(at, prefix) for prefix in (DLE_EOT, GS_I) if (at := data.find(prefix)) >= 0]
            if not found:
                keep = 1 if data.endswith((b"\x10", b"\x1d")) else 0
                job += data[: len(data) - keep]
                return data[len(data) - keep :]
            at, prefix = min(found)
            if at + 2 >= len(data):
                job += data[:at]
                return data[at:]
            job += data[:at]
            n = data[at + 2]
            if prefix == DLE_EOT:
                self.queries.append(n)
                reply = self._reply(n)
            else:
                self.info_queries.append(n)
                reply = self._info(n)
            if reply:
                write(reply)
            data = data[at + 3 :]

    def _info(self, n: int) -> bytes:
        if self.answer != "status" or not self.answers_info:
            return b""
        text = {65: self.firmware, 66: self.maker, 67: self.model}.get(n)
        return b"_" + text.encode("ascii") + b"\x00" if text else b""

    def _reply(self, n: int) -> bytes:
        if self.answer == "silent":
            return b""
        if self.answer == "garbage":
            return b"\xff"
        if n == 1:
            return bytes([STATUS_ONLINE if self.online else STATUS_OFFLINE])
        if n == 4:
            return bytes([PAPER_BYTES[self.paper]])
        return bytes([0x12])


class PrinterListener(_StatusAnswering):
    """TCP printer on 127.0.0.1; `port` is chosen by the system at start()."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__()
        self.host = host
        self.port = 0
        self._server: socket.socket | None = None
        self._active = 0

    def start(self) -> PrinterListener:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self.port))
        server.listen(4)
        self._server, self.port = server, server.getsockname()[1]
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="printer-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening; connections are refused from now on (the port stays known)."""
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        if self._server:
            self._server.close()
            self._server = None

    def _busy(self) -> bool:
        with self._lock:
            active = self._active
        server = self._server
        return bool(active or (server and select.select([server], [], [], 0)[0]))

    def _serve(self) -> None:
        server = self._server
        assert server is not None
        while not self._stop.is_set():
            try:
                if not select.select([server], [], [], 0.1)[0]:
                    continue
            except (OSError, ValueError):
                return
            with self._lock:
                self._active += 1  # counted before accept, so settle() never sees a gap
            try:
                conn, _ = server.accept()
                with conn:
                    self._handle(conn)
            except OSError:
                pass
            finally:
                with self._lock:
                    self._active -= 1

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        job = bytearray()
        with self._lock:
            self.jobs.append(b"")
            index = len(self.jobs) - 1
        pending = b""
        for _ in range(100_000):  # bounded: one job never exceeds ~100k reads
            if self._stop.is_set():
                break
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            pending = self._consume(conn.sendall, pending + chunk, job)
            with self._lock:
                self.jobs[index] = bytes(job)
        job += pending
        with self._lock:
            self.jobs[index] = bytes(job)


class PtyPrinter(_StatusAnswering):
    """A printer behind a pty: the driver opens `path` as its serial port or device file."""

    def __init__(self, folder: Path, name: str = "ttyPRINTER") -> None:
        super().__init__()
        self.path = Path(folder) / name
        self._master = self._slave = -1
        self._processing = False

    def start(self) -> PtyPrinter:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no newline translation: bytes pass as a printer cable would
        self.path.unlink(missing_ok=True)
        self.path.symlink_to(os.ttyname(self._slave))
        self.jobs.append(b"")
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="pty-printer", daemon=True)
        self._thread.start()
        return self

    def vanish(self) -> None:
        """The cable is pulled: the port disappears and writes fail."""
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        self.path.unlink(missing_ok=True)

    def _busy(self) -> bool:
        with self._lock:
            if self._processing:
                return True
        return self._master >= 0 and bool(select.select([self._master], [], [], 0)[0])

    def _serve(self) -> None:
        job, pending = bytearray(), b""
        while not self._stop.is_set():
            ready = select.select([self._master], [], [], 0.05)[0]
            if not ready:
                continue
            with self._lock:
                self._processing = True
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                chunk = b""
            if chunk:
                pending = self._consume(lambda reply: os.write(self._master, reply), pending + chunk, job)
            with self._lock:
                self.jobs[0] = bytes(job)
                self._processing = False
            if not chunk:
                time.sleep(0.02)  # slave end closed for now; the driver may reopen it
