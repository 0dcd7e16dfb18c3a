"""Hub fixtures: one embedded hub per test, on SQLite and on a private PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from fleet_login import PASSWORD, SUPERVISOR, logged_in_session
from hub_signing import SignedClient
from rigs.postgres import PostgresServer, postgres_available, start_postgres

from hub.server import EmbeddedHub, start_embedded

SECRET_1 = "terminal-one-secret-0123456789"
SECRET_2 = "terminal-two-secret-9876543210"
TERMINALS = {"XH-001": SECRET_1, "XH-002": SECRET_2}
_db_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    if not postgres_available():
        pytest.skip("PostgreSQL 15 binaries are not installed (apt-get install postgresql)")
    server = start_postgres(fsync=False)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.fresh_database(f"hub_test_{next(_db_names)}")


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "catalog"
    (directory / "themes").mkdir(parents=True)
    (directory / "themes" / "open_cafe.yaml").write_text(
        "id: open_cafe\ntitle_zh: 我要开咖啡店\n", encoding="utf-8"
    )
    (directory / "elements.json").write_text('{"elements": ["name", "id_number"]}', encoding="utf-8")
    return directory


@pytest.fixture
def hub(db_url: str, tmp_path: Path, catalog_dir: Path) -> Iterator[EmbeddedHub]:
    running = start_embedded(
        db_url, terminals=TERMINALS, key_path=tmp_path / "keys" / "hub.key", catalog_dir=catalog_dir
    )
    yield running
    running.stop()


@pytest.fixture
def client(hub: EmbeddedHub) -> Iterator[SignedClient]:
    signed = SignedClient(hub.url, "XH-001", SECRET_1)
    yield signed
    signed.close()


@pytest.fixture
def client2(hub: EmbeddedHub) -> Iterator[SignedClient]:
    signed = SignedClient(hub.url, "XH-002", SECRET_2)
    yield signed
    signed.close()


@pytest.fixture
def supervisor(hub: EmbeddedHub) -> Iterator[requests.Session]:
    """A requests session logged in to the fleet page as a freshly added supervisor."""
    hub.service.supervisors.add(SUPERVISOR, PASSWORD)
    session = logged_in_session(hub.url)
    yield session
    session.close()
