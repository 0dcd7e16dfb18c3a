"""Database faults under the hub: lost PostgreSQL connections, a locked SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from hub_signing import SignedClient, make_item
from rigs.postgres import PostgresServer

from hub.server import start_embedded

pytestmark = pytest.mark.hub

SECRET = "db-fault-secret-0123456789"


@pytest.mark.postgres
def test_hub_recovers_when_postgres_drops_its_connections(
    pg_server: PostgresServer, tmp_path: Path, catalog_dir: Path
) -> None:
    url = pg_server.fresh_database("hub_conn_loss")
    running = start_embedded(
        url, terminals={"XH-001": SECRET}, key_path=tmp_path / "k", catalog_dir=catalog_dir
    )
    try:
        client = SignedClient(running.url, "XH-001", SECRET)
        assert client.post_application(make_item()).status_code == 201
        with psycopg.connect(pg_server.url(), autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = 'hub_conn_loss'"
            ).fetchone()
        assert killed is not None
        assert killed[0] >= 1
        item = make_item()
        assert client.post_application(item).status_code == 201
        assert running.application_ids("XH-001")[-1] == item["application_id"]
    finally:
        running.stop()


def test_a_sqlite_file_locked_too_long_gives_503_with_retry_after(
    tmp_path: Path, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hub.db

    monkeypatch.setattr(hub.db, "BUSY_TIMEOUT_MS", 200)
    db_path = tmp_path / "hub.db"
    running = start_embedded(f"sqlite:///{db_path}", terminals={"XH-001": SECRET}, catalog_dir=catalog_dir)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        client = SignedClient(running.url, "XH-001", SECRET)
        item = make_item()
        blocker.execute("BEGIN IMMEDIATE")
        reply = client.post_application(item)
        assert reply.status_code == 503, reply.text
        assert reply.headers["Retry-After"] == "1"
        assert reply.json()["error"] == "busy"
        blocker.execute("ROLLBACK")
        assert client.post_application(item).status_code == 201
    finally:
        blocker.close()
        running.stop()
