"""A private PostgreSQL 15 on 127.0.0.1 for tests and benchmarks, from Debian's binaries.

    server = start_postgres()          # initdb in a temp dir, random free port
    url = server.fresh_database("t1")  # postgresql://postgres@127.0.0.1:PORT/t1
    server.stop()                      # fast shutdown, temp dir removed

initdb and postgres refuse to run as root, so as root both run as the Debian
`postgres` user (Popen user=/group=), with the data directory handed to it.
Authentication is `trust` and the server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("ONESTOP_PG_BIN", "/usr/lib/postgresql/15/bin"))
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0


class PostgresUnavailable(RuntimeError):
    """PostgreSQL binaries (or the postgres user when running as root) are missing."""


def postgres_available() -> bool:
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "postgres").exists():
        return False
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    host: str
    port: int
    base_dir: Path
    process: subprocess.Popen[bytes]

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/{dbname}"

    def fresh_database(self, name: str) -> str:
        """Drop and create database `name` (letters, digits, underscores) and return its URL."""
        import psycopg

        if not name.replace("_", "").isalnum():
            raise ValueError(f"database name {name!r} must be letters, digits and underscores")
        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT_S)
        shutil.rmtree(self.base_dir, ignore_errors=True)


_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: SIGQUIT (immediate shutdown) when the starting process dies."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal.SIGQUIT), 0, 0, 0)


def _as_owner() -> dict[str, str]:
    return {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}


def start_postgres(fsync: bool = True) -> PostgresServer:
    """initdb + postgres in a new temp dir on a free 127.0.0.1 port; returns once it accepts connections.

    The server gets SIGQUIT if the process that started it dies (even by kill -9), so no
    PostgreSQL outlives a crashed test run; its temp dir then stays behind in /tmp.
    """
    if not postgres_available():
        raise PostgresUnavailable(
            f"PostgreSQL 15 binaries not found in {PG_BIN} (apt-get install postgresql)"
        )
    base = Path(tempfile.mkdtemp(prefix="onestop-pg-"))
    try:
        process, port = _launch(base, fsync)
    except BaseException:
        shutil.rmtree(base, ignore_errors=True)
        raise
    server = PostgresServer("127.0.0.1", port, base, process)
    try:
        _wait_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _launch(base: Path, fsync: bool) -> tuple[subprocess.Popen[bytes], int]:
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        for path in (base, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    initdb = [
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    ]
    subprocess.run(initdb, check=True, capture_output=True, timeout=120, **_as_owner())
    port = _free_port()
    settings = [
        "listen_addresses=127.0.0.1",
        f"fsync={'on' if fsync else 'off'}",
        "max_connections=60",
        "shared_buffers=32MB",
    ]
    command = [str(PG_BIN / "postgres"), "-D", str(data), "-p", str(port), "-k", str(sockets)]
    for setting in settings:
        command += ["-c", setting]
    with (base / "postgres.log").open("wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # only an async-signal-safe prctl() call
            **_as_owner(),
        )
    return process, port


def _wait_ready(server: PostgresServer) -> None:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.process.poll() is not None:
            tail = (server.base_dir / "postgres.log").read_text(errors="replace")[-2000:]
            raise PostgresUnavailable(f"postgres exited at start-up:\n{tail}")
        try:
            with psycopg.connect(server.url(), connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
