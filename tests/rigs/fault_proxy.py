"""A misbehaving network between the kiosk and the hub, on 127.0.0.1, for the fault tests.

The proxy understands just enough HTTP/1.1 to act per request on a kept-alive
connection. For each request a seeded policy picks one fault:

- ``pass``: forward to the hub and relay its reply;
- ``reset``: cut the connection (RST) before forwarding, as a refused or dropped link;
- ``drop_reply``: forward, let the hub COMMIT, then cut the connection instead of replying;
- ``delay``: forward, then hold the reply past the kiosk's read timeout before cutting;
- ``unavailable``: answer 503 with Retry-After without bothering the hub.

When the hub itself is down the proxy resets the client, which is what a
terminal sees when the hub host refuses connections. `counts` records what
happened, so a test can prove each fault really occurred.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("pass", "reset", "drop_reply", "delay", "unavailable")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length"}
Policy = Callable[[int], str]


@dataclass
class FaultPlan:
    """Weights of each fault per request, and their parameters."""

    weights: dict[str, float] = field(default_factory=lambda: {"pass": 1.0})
    delay_s: float = 1.5
    retry_after_s: int = 1
    seed: int = 0

    def policy(self) -> Policy:
        rng = random.Random(self.seed)
        names = list(self.weights)
        weights = [self.weights[n] for n in names]
        lock = threading.Lock()

        def choose(_index: int) -> str:
            with lock:
                return rng.choices(names, weights)[0]

        return choose


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0) so the peer sees a reset, not a clean end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _handle(self) -> None:
        proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = proxy.next_fault()
        if fault == "reset":
            self._cut()
            return
        if fault == "unavailable":
            self._send(
                503,
                [("Retry-After", str(proxy.plan.retry_after_s)), ("Content-Type", "application/json")],
                b'{"error":"busy","message":"fault proxy says try later"}',
            )
            return
        try:
            status, headers, data = proxy.forward(self.command, self.path, self.headers.items(), body)
        except OSError:
            proxy.count("upstream_down")
            self._cut()
            return
        if fault == "drop_reply":
            self._cut()
            return
        if fault == "delay":
            proxy.stopping.wait(proxy.plan.delay_s)
            self._cut()
            return
        self._send(status, headers, data)

    def _send(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
        self.send_response_only(status)
        for key, value in headers:
            if key.lower() not in HOP_BY_HOP and key.lower() not in ("date", "server"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _cut(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
        _reset(self.connection)

    do_GET = _handle
    do_POST = _handle
    do_PUT = _handle
    do_DELETE = _handle


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    proxy: FaultProxy

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that vanished mid-reply is the point of this proxy


class FaultProxy:
    """`FaultProxy(upstream_port, plan).start()`; `.url`, `.counts`, `.set_plan()`, `.stop()`."""

    def __init__(
        self,
        upstream_port: int,
        plan: FaultPlan | None = None,
        upstream_host: str = "127.0.0.1",
        upstream_timeout_s: float = 30.0,
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.upstream_timeout_s = upstream_timeout_s
        self.counts: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._index = 0
        self.set_plan(plan or FaultPlan())
        self._server = _ProxyServer(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fault-proxy", daemon=True
        )
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def set_plan(self, plan: FaultPlan) -> None:
        with self._lock:
            self.plan = plan
            self._policy = plan.policy()

    def count(self, name: str) -> None:
        with self._lock:
            self.counts[name] += 1

    def next_fault(self) -> str:
        with self._lock:
            self._index += 1
            fault = self._policy(self._index)
            self.counts[fault] += 1
        return fault

    def forward(
        self, method: str, target: str, headers: Any, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(*self.upstream, timeout=self.upstream_timeout_s)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for key, value in headers:
                if key.lower() not in HOP_BY_HOP:
                    conn.putheader(key, value)
            conn.putheader("Content-Length", str(len(body)))
            conn.putheader("Connection", "close")
            conn.endheaders(body)
            response = conn.getresponse()
            data = response.read()
            return response.status, response.getheaders(), data
        except http.client.HTTPException as exc:
            raise OSError(f"upstream spoke bad HTTP: {exc}") from exc
        finally:
            conn.close()

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)


def wait_for_port(port: int, timeout_s: float = 15.0, host: str = "127.0.0.1") -> bool:
    """True once something accepts TCP connections on host:port (bounded in time)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return True
        time.sleep(0.05)
    return False
