"""`python -m hub serve --workers 2` as an operator starts it: two worker processes on one port,
both answering, sharing one PostgreSQL, so a signed request copied to the other worker is refused.

Which worker answered a request is read from /proc: the process holding the server end of the
connection the reply came back on (tests/rigs/hub_process.py). The kernel hands each new
connection to whichever worker accepts first, so the test opens connections (a bounded number)
until it has one to each.
"""

from __future__ import annotations

import http.client
import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_signing import SignedClient
from rigs.hub_process import HubProcess
from rigs.postgres import PostgresServer

from hub.db import open_database

pytestmark = [pytest.mark.hub, pytest.mark.postgres]

TERMINAL, SECRET = "XH-W01", "workers-terminal-secret-0123456789"
MAX_CONNECTIONS = 200  # to find a connection served by a given worker
WAIT_S = 60.0


@pytest.fixture
def two_workers(pg_server: PostgresServer, tmp_path: Path) -> Iterator[HubProcess]:
    url = pg_server.fresh_database("serve_two_workers")
    hub = HubProcess(url, tmp_path / "hub", terminals={TERMINAL: SECRET}, serve_args=("--workers", "2"))
    hub.start()
    try:
        yield hub
    finally:
        hub.stop()


def wait_for_workers(hub: HubProcess, count: int) -> list[int]:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        pids = hub.worker_pids()
        if len(pids) == count:
            return pids
        time.sleep(0.2)
    pytest.fail(f"expected {count} worker processes listening on {hub.port}, saw {hub.worker_pids()}")


def answered_by(hub: HubProcess, connection: http.client.HTTPConnection) -> int | None:
    """The worker that holds this connection's server end (so the one that sent its last reply)."""
    return hub.socket_owner(connection.sock.getsockname()[1]) if connection.sock else None


def connection_to(hub: HubProcess, worker: int) -> http.client.HTTPConnection:
    """A keep-alive connection whose health check was answered by `worker`."""
    for _attempt in range(MAX_CONNECTIONS):
        connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=30)
        connection.request("GET", "/v1/health")
        reply = connection.getresponse()
        assert reply.status == 200, reply.read()[:200]
        reply.read()
        if answered_by(hub, connection) == worker:
            return connection
        connection.close()
    pytest.fail(f"no connection of {MAX_CONNECTIONS} was served by worker {worker}")


def send(connection: http.client.HTTPConnection, path: str, body: bytes, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    connection.request("POST", path, body=body, headers=headers)
    reply = connection.getresponse()
    return reply.status, reply.read()


def test_two_workers_both_answer_and_a_copied_request_is_refused_by_the_other(
    two_workers: HubProcess,
) -> None:
    hub = two_workers
    first, second = wait_for_workers(hub, 2)
    assert hub.process is not None and hub.process.pid not in (first, second)  # the parent only supervises
    to_first, to_second = connection_to(hub, first), connection_to(hub, second)
    try:
        beat = {"sequence": 1, "devices": [], "queue": {"pending": 0}, "versions": {"software": "w"}}
        body = json.dumps(beat).encode("utf-8")
        headers = SignedClient(hub.url, TERMINAL, SECRET).headers("POST", "/v1/heartbeat", body)
        status, text = send(to_first, "/v1/heartbeat", body, headers)
        assert status == 204, text
        assert answered_by(hub, to_first) == first

        status, text = send(to_second, "/v1/heartbeat", body, headers)  # the same bytes, other process
        assert answered_by(hub, to_second) == second
        assert status == 401, text
        assert json.loads(text)["error"] == "replayed"
    finally:
        to_first.close()
        to_second.close()
    db = open_database(hub.db_url)
    try:
        with db.transaction() as tx:
            kept = tx.fetchone(
                "SELECT count(*) FROM request_nonces WHERE nonce = :n", {"n": headers["X-Nonce"]}
            )
    finally:
        db.close()
    assert kept is not None and kept[0] == 1  # remembered in the database, where every worker looks


def test_sigterm_to_serve_stops_every_worker(two_workers: HubProcess) -> None:
    hub = two_workers
    assert hub.process is not None
    processes = [hub.process.pid, *wait_for_workers(hub, 2)]
    hub.process.send_signal(signal.SIGTERM)  # what systemd sends; the fixture kills what is left
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and any(_alive(pid) for pid in processes):
        hub.process.poll()  # reap the parent once it exits
        time.sleep(0.1)
    assert [pid for pid in processes if _alive(pid)] == []


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped has finished)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
