"""Fixtures of the fault tests: a private PostgreSQL (tests/rigs/postgres.py) when it is installed."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from rigs.postgres import PostgresServer, postgres_available, start_postgres

_names = itertools.count()


@pytest.fixture(scope="session")
def reliability_pg() -> Iterator[PostgresServer]:
    if not postgres_available():
        pytest.skip("PostgreSQL 15 binaries are not installed (apt-get install postgresql)")
    server = start_postgres(fsync=True)
    yield server
    server.stop()


@pytest.fixture
def pg_url(reliability_pg: PostgresServer) -> str:
    return reliability_pg.fresh_database(f"reliability_{next(_names)}")
