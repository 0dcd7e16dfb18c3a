"""A TCP 9100 printer on 127.0.0.1 for tests: records every byte and answers DLE EOT.

It behaves like the network interface of an ESC/POS thermal printer: it accepts
one connection at a time, keeps what it is sent (per connection and in total),
and answers the real-time status queries `DLE EOT 1` (printer) and `DLE EOT 4`
(paper roll) from its configured state. It can also stay silent, answer with
garbage, or refuse connections, to exercise the driver's error paths.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

DLE_EOT = b"\x10\x04"
STATUS_ONLINE, STATUS_OFFLINE = 0x12, 0x1A  # DLE EOT 1: fixed bits 1 and 4; bit 3 = offline
PAPER_BYTES = {"ok": 0x12, "low": 0x1E, "out": 0x72}  # DLE EOT 4: bits 2-3 near end, 5-6 end


@dataclass
class PrinterListener:
    online: bool = True
    paper: Literal["ok", "low", "out"] = "ok"
    answer: Literal["status", "silent", "garbage"] = "status"
    host: str = "127.0.0.1"
    jobs: list[bytes] = field(default_factory=list)
    """Bytes received per connection, with the DLE EOT queries taken out."""
    queries: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._active = 0
        self.port = 0

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

    @property
    def received(self) -> bytes:
        """Everything printed so far, once connections already made have been fully read."""
        self.settle()
        with self._lock:
            return b"".join(self.jobs)

    def settle(self, timeout_s: float = 5.0) -> None:
        """Wait (bounded) until no connection is open or waiting to be accepted."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                active = self._active
            server = self._server
            pending = bool(server and select.select([server], [], [], 0)[0])
            if not active and not pending:
                return
            time.sleep(0.01)

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
            pending += chunk
            pending = self._answer_queries(conn, pending, job)
            with self._lock:
                self.jobs[index] = bytes(job)
        job += pending
        with self._lock:
            self.jobs[index] = bytes(job)

    def _answer_queries(self, conn: socket.socket, data: bytes, job: bytearray) -> bytes:
        """Move printable bytes to `job`, answer each complete DLE EOT n; keep an incomplete tail."""
        while True:
            at = data.find(DLE_EOT)
            if at < 0:
                keep = 1 if data.endswith(b"\x10") else 0
                job += data[: len(data) - keep]
                return data[len(data) - keep :]
            if at + 2 >= len(data):
                job += data[:at]
                return data[at:]
            job += data[:at]
            n = data[at + 2]
            self.queries.append(n)
            self._reply(conn, n)
            data = data[at + 3 :]

    def _reply(self, conn: socket.socket, n: int) -> None:
        if self.answer == "silent":
            return
        if self.answer == "garbage":
            conn.sendall(b"\xff")
            return
        if n == 1:
            conn.sendall(bytes([STATUS_ONLINE if self.online else STATUS_OFFLINE]))
        elif n == 4:
            conn.sendall(bytes([PAPER_BYTES[self.paper]]))
        else:
            conn.sendall(b"\x12")
