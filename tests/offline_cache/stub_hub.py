"""A tiny real HTTP hub on 127.0.0.1 for the client's tests: checks signatures, dedups, can misbehave.

It speaks the wire contract of docs/CONTRACTS.md closely enough to test the
terminal's side on its own (the reference hub in hub/ is tested by its owner
and used by tests/reliability). Scripted replies let a test make the next
requests fail with a chosen status and headers.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CITIZENS = Path(__file__).resolve().parents[2] / "assets" / "samples" / "citizens.json"


@dataclass
class ScriptedReply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None


@dataclass
class StoredApplication:
    terminal_id: str
    application_id: str
    body_hash: str
    received_at: float


class StubHubState:
    def __init__(self, terminals: dict[str, str], dedup: bool = True) -> None:
        self.terminals = terminals
        self.dedup = dedup
        self.rows: list[StoredApplication] = []
        self.script: deque[ScriptedReply] = deque()
        self.requests: list[tuple[str, str, str]] = []
        self.heartbeats: list[dict[str, Any]] = []
        self.catalogs: dict[str, dict[str, Any]] = {}
        self.reject_ids: set[str] = set()
        self.lock = threading.Lock()
        self.citizens = json.loads(CITIZENS.read_text(encoding="utf-8"))["citizens"]

    def store(self, terminal: str, item: dict[str, Any]) -> tuple[str, str | None]:
        body_hash = hashlib.sha256(
            json.dumps(
                {k: item[k] for k in ("theme", "created_at", "body")}, sort_keys=True, ensure_ascii=False
            ).encode()
        ).hexdigest()
        app_id = item["application_id"]
        with self.lock:
            if self.dedup:
                for row in self.rows:
                    if row.terminal_id == terminal and row.application_id == app_id:
                        return ("replayed" if row.body_hash == body_hash else "conflict"), f"R-{app_id[:8]}"
            self.rows.append(StoredApplication(terminal, app_id, body_hash, time.time()))
        return "created", f"R-{app_id[:8]}"


def _valid_item(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("application_id"), str)
        and len(item["application_id"]) == 36
        and isinstance(item.get("theme"), str)
        and isinstance(item.get("created_at"), str)
        and isinstance(item.get("body"), dict)
    )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    def _reply(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None
    ) -> None:
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authenticate(self, body: bytes) -> str | None:
        state = self.server.state
        terminal = self.headers.get("X-Terminal-Id", "")
        stamp = self.headers.get("X-Timestamp", "")
        signature = self.headers.get("X-Signature", "")
        nonce = self.headers.get("X-Nonce", "")
        secret = state.terminals.get(terminal)
        if secret is None or not stamp.isdigit() or abs(int(stamp) - time.time()) > 300:
            return None
        text = f"{self.command}\n{self.path}\n{stamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}".encode()
        expected = hmac.new(secret.encode(), text, hashlib.sha256).hexdigest()
        return terminal if hmac.compare_digest(expected, signature) else None

    def _handle(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        with state.lock:
            state.requests.append((self.command, parts.path, self.headers.get("X-Terminal-Id", "")))
            scripted = state.script.popleft() if state.script else None
        if scripted is not None:
            self._reply(scripted.status, scripted.body, scripted.headers, scripted.raw)
            return
        terminal = self._authenticate(body)
        if terminal is None:
            self._reply(401, {"error": "unauthenticated"})
            return
        try:
            data = json.loads(body) if body else None
        except ValueError:
            self._reply(400, {"error": "bad json"})
            return
        self._route(terminal, parts.path, parse_qs(parts.query), data)

    def _route(self, terminal: str, path: str, query: dict[str, list[str]], data: Any) -> None:
        state = self.server.state
        if self.command == "POST" and path == "/v1/applications/batch":
            items = data.get("items") if isinstance(data, dict) else None
            if not isinstance(items, list) or len(items) > 50:
                self._reply(400, {"error": "bad batch"})
                return
            results = []
            for item in items:
                if not _valid_item(item) or item["application_id"] in state.reject_ids:
                    app_id = item.get("application_id") if isinstance(item, dict) else None
                    results.append(
                        {
                            "application_id": app_id,
                            "status": "rejected",
                            "receipt": None,
                            "error": "malformed item",
                        }
                    )
                    continue
                status, receipt = state.store(terminal, item)
                results.append(
                    {
                        "application_id": item["application_id"],
                        "status": status,
                        "receipt": receipt if status != "conflict" else None,
                        "error": None,
                    }
                )
            self._reply(200, {"results": results})
        elif self.command == "POST" and path == "/v1/applications":
            if not _valid_item(data) or self.headers.get("Idempotency-Key") != data["application_id"]:
                self._reply(400, {"error": "malformed application"})
                return
            if data["application_id"] in state.reject_ids:
                self._reply(400, {"error": "malformed application"})
                return
            status, receipt = state.store(terminal, data)
            if status == "conflict":
                self._reply(422, {"error": "conflict", "message": "same id, other body"})
                return
            code = {"created": 201, "replayed": 200}[status]
            self._reply(
                code, {"application_id": data["application_id"], "status": status, "receipt": receipt}
            )
        elif self.command == "GET" and path == "/v1/applications/received":
            ids = [r.application_id for r in state.rows if r.terminal_id == terminal]
            self._reply(200, {"ids": ids})
        elif self.command == "GET" and path.startswith("/v1/catalog/"):
            version = path.rsplit("/", 1)[1]
            if version == "latest" and state.catalogs:
                version = sorted(state.catalogs)[-1]
            if version not in state.catalogs:
                self._reply(404, {"error": "no such catalog"})
                return
            self._reply(200, state.catalogs[version])
        elif self.command == "POST" and path == "/v1/profiles/person":
            found = [c for c in state.citizens if c["card"]["id_number"] == (data or {}).get("id_number")]
            self._reply(200, found[0]["person_profile"]) if found else self._reply(
                404, {"error": "not found"}
            )
        elif self.command == "POST" and path == "/v1/profiles/enterprise":
            found = [
                c for c in state.citizens if c.get("enterprise", {}).get("uscc") == (data or {}).get("uscc")
            ]
            self._reply(200, found[0]["enterprise"]) if found else self._reply(404, {"error": "not found"})
        elif self.command == "POST" and path == "/v1/elicences":
            found = [c for c in state.citizens if c["card"]["id_number"] == (data or {}).get("id_number")]
            self._reply(200, {"holdings": found[0]["holdings"] if found else []})
        elif self.command == "POST" and path == "/v1/cityapp/verify":
            found = [c for c in state.citizens if (data or {}).get("token") == "tok-" + c["key"]]
            self._reply(200, found[0]["card"]) if found else self._reply(404, {"error": "unknown token"})
        elif self.command == "POST" and path == "/v1/heartbeat":
            state.heartbeats.append(data)
            self._reply(204)
        else:
            self._reply(404, {"error": "no route"})

    do_GET = _handle
    do_POST = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: StubHubState

    def server_activate(self) -> None:
        self.open_sockets: set[socket.socket] = set()
        super().server_activate()

    def process_request(self, request: Any, client_address: Any) -> None:
        self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.open_sockets.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Cut kept-alive connections too, as a hub that dies would."""
        for sock in list(self.open_sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class StubHub:
    """Start with `StubHub.start(terminals)`; `.url`, `.state`, `.stop()`."""

    def __init__(self, server: _Server, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread
        self.state = server.state
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"

    @classmethod
    def start(cls, terminals: dict[str, str], dedup: bool = True) -> StubHub:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.state = StubHubState(terminals, dedup)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        return cls(server, thread)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._server.drop_connections()
        self._thread.join(5)
