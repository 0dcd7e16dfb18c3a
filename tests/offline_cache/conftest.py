"""Fixtures for the outbox layer: a temp outbox with its key, and the stub hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from outbox_fixtures import SECRET, TERMINAL_ID
from stub_hub import StubHub

from offline_cache.hub_client import HubClient
from offline_cache.outbox import OutboxStore


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[OutboxStore]:
    key_dir = tmp_path / "keys"
    store = OutboxStore(tmp_path / "data" / "outbox.db", key_dir / "outbox.key")
    yield store
    store.close()


@pytest.fixture
def stub_hub() -> Iterator[StubHub]:
    hub = StubHub.start({TERMINAL_ID: SECRET})
    yield hub
    hub.stop()


@pytest.fixture
def client(stub_hub: StubHub) -> Iterator[HubClient]:
    with HubClient(stub_hub.url, TERMINAL_ID, SECRET, timeout=(2.0, 5.0)) as hub_client:
        yield hub_client
