"""Replays and unauthenticated work over real HTTP: a copied signed request is refused, unsigned
bodies are never parsed or buffered, API docs are off outside the demo."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from hub_signing import SignedClient, make_item

from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.hub


def _send_copy(hub: EmbeddedHub, client: SignedClient, method: str, target: str, body: bytes, headers: dict):
    return client.session.request(method, hub.url + target, data=body, headers=headers, timeout=10)


def _heartbeat(sequence: int, alerts: list) -> bytes:
    return json.dumps({"sequence": sequence, "alerts": alerts, "devices": [], "queue": 0}).encode()


def test_a_copied_heartbeat_is_refused_and_does_not_roll_the_fleet_back(
    hub: EmbeddedHub, client: SignedClient
) -> None:
    old = _heartbeat(1, [])
    old_headers = client.headers("POST", "/v1/heartbeat", old)
    assert _send_copy(hub, client, "POST", "/v1/heartbeat", old, old_headers).status_code == 204
    alarm = client.post("/v1/heartbeat", json.loads(_heartbeat(2, [{"kind": "call_staff"}])))
    assert alarm.status_code == 204
    replay = _send_copy(hub, client, "POST", "/v1/heartbeat", old, old_headers)
    assert replay.status_code == 401
    assert replay.json()["error"] == "replayed"
    last = {t.terminal_id: t for t in hub.service.fleet.terminals()}["XH-001"]
    assert [a.kind for a in last.alerts] == ["call_staff"]


def test_a_copied_look_up_of_a_citizen_is_refused(hub: EmbeddedHub, client: SignedClient) -> None:
    body = json.dumps({"id_number": "110101199003078515"}).encode()
    headers = client.headers("POST", "/v1/profiles/person", body)
    first = _send_copy(hub, client, "POST", "/v1/profiles/person", body, headers)
    assert first.status_code in (200, 404)
    again = _send_copy(hub, client, "POST", "/v1/profiles/person", body, headers)
    assert again.status_code == 401
    assert again.json()["error"] == "replayed"
    assert "id_number" not in again.text


def test_the_nonce_is_remembered_by_the_database_for_every_hub_process(
    db_url: str, tmp_path: Path, catalog_dir: Path
) -> None:
    key = tmp_path / "hub.key"
    first, second = (
        start_embedded(db_url, terminals={"XH-001": "shared-secret-0123456789"}, key_path=key,
                       catalog_dir=catalog_dir)
        for _ in range(2)
    )
    try:
        client = SignedClient(first.url, "XH-001", "shared-secret-0123456789")
        headers = client.headers("GET", "/v1/catalog/latest", b"")
        reply = client.session.get(first.url + "/v1/catalog/latest", headers=headers, timeout=10)
        assert reply.status_code == 200
        copy = client.session.get(second.url + "/v1/catalog/latest", headers=headers, timeout=10)
        assert copy.status_code == 401, copy.text
        assert copy.json()["error"] == "replayed"
        client.close()
    finally:
        first.stop()
        second.stop()


def test_a_resent_application_is_a_new_request_and_gets_the_stored_receipt(client: SignedClient) -> None:
    item = make_item()
    first = client.post_application(item)
    again = client.post_application(item)  # the client signs it anew (new nonce)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["receipt"] == first.json()["receipt"]


def test_unsigned_malformed_json_is_refused_as_unsigned_not_parsed(
    hub: EmbeddedHub, client: SignedClient
) -> None:
    reply = client.session.post(
        hub.url + "/v1/applications/batch", data=b"{not json", headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert reply.status_code == 401
    assert reply.json()["error"] == "unauthorized"


def test_an_unsigned_caller_gets_401_before_sending_its_body(hub: EmbeddedHub) -> None:
    """Headers announce 3 MiB (under the limit) but no body follows: the hub answers at once, unread."""
    with socket.create_connection((hub.host, hub.port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/applications/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 3000000\r\n\r\n"
        )
        head = sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 401"), head[:80]


def test_an_oversized_signed_body_is_refused_by_its_declared_length(
    hub: EmbeddedHub, client: SignedClient
) -> None:
    headers = client.headers("POST", "/v1/applications/batch", b"")
    with socket.create_connection((hub.host, hub.port), timeout=10) as sock:
        lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head_text = (
            f"POST /v1/applications/batch HTTP/1.1\r\nHost: x\r\n{lines}Content-Length: 50000000\r\n\r\n"
        )
        sock.sendall(head_text.encode())
        head = sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 413"), head[:80]


def test_api_docs_are_off_without_demo_data(tmp_path: Path, catalog_dir: Path) -> None:
    running = start_embedded(
        f"sqlite:///{tmp_path / 'prod.db'}", demo_data=False, key_path=tmp_path / "k", catalog_dir=catalog_dir
    )
    try:
        client = SignedClient(running.url, "none", "none")
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert client.session.get(running.url + path, timeout=10).status_code == 404, path
        assert client.session.get(running.url + "/v1/health", timeout=10).status_code == 200
        client.close()
    finally:
        running.stop()


def test_api_docs_are_served_in_the_demo(hub: EmbeddedHub, client: SignedClient) -> None:
    assert client.session.get(hub.url + "/openapi.json", timeout=10).status_code == 200
