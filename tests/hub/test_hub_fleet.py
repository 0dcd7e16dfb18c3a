"""Heartbeats and the fleet listing."""

from __future__ import annotations

import pytest
from hub_signing import SignedClient, make_item

from hub.server import EmbeddedHub

pytestmark = pytest.mark.hub

BEAT = {
    "devices": [{"name": "idcard", "kind": "idcard", "driver": "simulator", "status": "online"}],
    "queue": {"pending": 3, "sending": 0, "acked": 10, "dead": 1},
    "versions": {"app": "0.1.0", "catalog": "sha256-abc"},
    "alerts": ["printer paper low"],
}


def test_heartbeat_is_kept_per_terminal_and_listed(client: SignedClient, client2: SignedClient, hub) -> None:
    assert client.post("/v1/heartbeat", BEAT).status_code == 204
    later = {**BEAT, "queue": {"pending": 0, "sending": 0, "acked": 13, "dead": 1}}
    assert client.post("/v1/heartbeat", later).status_code == 204
    client.post_application(make_item())
    fleet = client.session.get(hub.url + "/v1/fleet", timeout=10).json()["terminals"]
    by_id = {t["terminal_id"]: t for t in fleet}
    assert set(by_id) == {"XH-001", "XH-002"}
    assert by_id["XH-001"]["heartbeat"]["queue"]["pending"] == 0
    assert by_id["XH-001"]["heartbeat"]["alerts"] == ["printer paper low"]
    assert by_id["XH-001"]["applications_received"] == 1
    assert by_id["XH-002"]["heartbeat"] is None
    assert by_id["XH-002"]["last_heartbeat_at"] is None


def test_heartbeat_needs_a_signature(hub: EmbeddedHub, client: SignedClient) -> None:
    reply = client.session.post(hub.url + "/v1/heartbeat", json=BEAT, timeout=10)
    assert reply.status_code == 401


def test_malformed_heartbeat_is_422(client: SignedClient) -> None:
    assert client.post("/v1/heartbeat", {"devices": "everything fine"}).status_code == 422
