"""Run the hub: embedded in a thread (kiosk demo mode, tests) or standalone (CLI).

`start_embedded` binds the socket itself (port 0 → a free port), runs uvicorn in a
daemon thread, waits until it serves, and returns an EmbeddedHub with `.url` and
`.stop()`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import fields
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from hub.app import create_app
from hub.errors import HubConfigError
from hub.service import HubService, open_hub
from hub.settings import HubSettings

log = logging.getLogger(__name__)
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0


class EmbeddedHub:
    """A hub running in this process; stop() shuts it down and closes its database."""

    def __init__(
        self,
        service: HubService,
        server: uvicorn.Server,
        thread: threading.Thread,
        sock: socket.socket,
        temp_dir: Path | None,
    ) -> None:
        self.service = service
        self._server = server
        self._thread = thread
        self._sock = sock
        self._temp_dir = temp_dir
        self._stopped = False
        host, port = sock.getsockname()[:2]
        self.host = host
        self.port = port
        self.url = f"http://{host}:{port}"

    def register_terminal(self, terminal_id: str, secret: str | None = None) -> str:
        return self.service.terminals.register(terminal_id, secret)

    def application_ids(self, terminal_id: str) -> list[str]:
        """All stored application ids of a terminal, duplicates included (for exactly-once checks)."""
        return self.service.applications.ids_for(terminal_id)

    def stop(self) -> None:
        """Stop serving, close the database; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._server.should_exit = True
        self._thread.join(timeout=STOP_TIMEOUT_S)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout=STOP_TIMEOUT_S)
        self._sock.close()
        self.service.close()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)

    def __enter__(self) -> EmbeddedHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket created with proto=IPPROTO_TCP.

    asyncio only sets TCP_NODELAY on accepted sockets whose proto is IPPROTO_TCP;
    socket.create_server() leaves proto 0, and replies on a reused connection then
    wait ~40 ms for the client's delayed ACK (Nagle).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise HubConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.set_inheritable(True)
    return sock


def start_embedded(
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 0,
    terminals: dict[str, str] | None = None,
    demo_data: bool = True,
    *,
    key_path: Path | None = None,
    catalog_dir: Path | None = None,
    catalog_follows_dir: bool = False,
    dedup: bool = True,
    supervisors: dict[str, str] | None = None,
    webhook: tuple[str, str] | None = None,
    webhook_backoff_s: float = 1.0,
) -> EmbeddedHub:
    """Start a hub in a background thread and return once it answers /v1/health.

    Without key_path a SQLite hub keeps `hub.key` beside its database; a PostgreSQL hub
    uses a throw-away key (terminals passed here are re-registered at every start).
    dedup=False exists only for the negative-control test: it lets duplicates in.
    supervisors (name → password) are (re)set at start, for the fleet page login.
    catalog_follows_dir publishes catalog_dir at every start when it changed (the demo hub).
    webhook (url, secret) offers every matter status change there (hub/notifier.py).
    """
    temp_dir = None
    if key_path is None and urlsplit(db_url).scheme != "sqlite":
        temp_dir = Path(tempfile.mkdtemp(prefix="hub-key-"))
        key_path = temp_dir / "hub.key"
    settings = HubSettings(
        db_url=db_url,
        key_path=key_path,
        demo_data=demo_data,
        terminals=dict(terminals or {}),
        dedup=dedup,
        supervisors=dict(supervisors or {}),
        catalog_follows_dir=catalog_follows_dir,
        **({"webhook_url": webhook[0], "webhook_secret": webhook[1]} if webhook else {}),
        webhook_backoff_s=webhook_backoff_s,
        **({"catalog_dir": catalog_dir} if catalog_dir is not None else {}),
    )
    service = open_hub(settings)
    try:
        sock = bind_socket(host, port)
    except BaseException:
        service.close()
        raise
    config = uvicorn.Config(create_app(service), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="hub-server", daemon=True)
    thread.start()
    hub = EmbeddedHub(service, server, thread, sock, temp_dir)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            hub.stop()
            raise HubConfigError(f"the embedded hub did not start within {START_TIMEOUT_S} s")
        time.sleep(0.01)
    return hub


SETTINGS_ENV = "ONESTOP_HUB_SETTINGS_JSON"


def settings_to_json(settings: HubSettings) -> str:
    """The settings as JSON, to hand them to worker processes through the environment."""
    return json.dumps(
        {f.name: _plain(getattr(settings, f.name)) for f in fields(settings)}, ensure_ascii=False
    )


def settings_from_json(text: str) -> HubSettings:
    data = json.loads(text)
    for name in ("key_path", "catalog_dir", "citizens_path"):
        if data.get(name) is not None:
            data[name] = Path(data[name])
    return HubSettings(**data)


def _plain(value: object) -> object:
    return str(value) if isinstance(value, Path) else value


def app_from_environment() -> FastAPI:
    """The app factory each worker process runs: its own database pool, settings from the parent."""
    text = os.environ.get(SETTINGS_ENV)
    if not text:
        raise HubConfigError(
            f"{SETTINGS_ENV} is not set: start workers with `python -m hub serve --workers N`"
        )
    return create_app(open_hub(settings_from_json(text)))


def serve_forever(settings: HubSettings, host: str, port: int) -> None:
    """Run the hub in the foreground until interrupted (Ctrl-C / SIGTERM).

    With settings.workers > 1, uvicorn's process manager runs that many hub processes on one
    listening socket (each restarted if it dies). Nothing the hub needs lives in one process's
    memory (nonces, lockouts, sessions, revocations and in-flight claims are all in the
    database), so any process may answer any request; use PostgreSQL for more than one.
    """
    if settings.workers > 1:
        if urlsplit(settings.db_url).scheme == "sqlite":
            log.warning("%d hub processes on SQLite share one write lock: use PostgreSQL", settings.workers)
        open_hub(settings).close()  # create the schema and fail here, once, on a bad URL or key
        os.environ[SETTINGS_ENV] = settings_to_json(settings)
        config = uvicorn.Config(
            "hub.server:app_from_environment", factory=True, workers=settings.workers,
            log_level="info", lifespan="off",
        )
        Multiprocess(config, sockets=[bind_socket(host, port)]).run()
        return
    service = open_hub(settings)
    try:
        uvicorn.run(create_app(service), host=host, port=port, log_level="info", lifespan="off")
    finally:
        service.close()
