"""Fixtures for the outbox layer: a temp outbox with its key, and the stub hub on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from stub_hub import StubHub

from offline_cache.hub_client import HubClient
from offline_cache.outbox import OutboxStore

TERMINAL_ID = "T-XH-001"
SECRET = "s3cret-for-tests-only"
CITIZENS = json.loads(
    (Path(__file__).resolve().parents[2] / "assets/samples/citizens.json").read_text("utf-8")
)["citizens"]


def citizen_payload(index: int = 0, seq: int = 0) -> dict:
    """An application body carrying a demo citizen's PII, as the kiosk would queue it."""
    citizen = CITIZENS[index % len(CITIZENS)]
    return {
        "seq": seq,
        "applicant": {k: citizen["card"][k] for k in ("name", "id_number", "address")},
        "enterprise": citizen.get("enterprise", {}),
        "answers": {"business_form": "company", "sells_food": True},
    }


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
