"""Terminal authentication over real HTTP: unsigned, tampered, stale, unknown and revoked requests."""

from __future__ import annotations

import json
import time

import pytest
from hub_signing import SignedClient, make_item

from hub.server import EmbeddedHub

pytestmark = pytest.mark.hub

APPLY = "/v1/applications/batch"


def _refused(reply, status: int = 401) -> None:
    assert reply.status_code == status, reply.text
    assert reply.json()["error"] in ("unauthorized", "forbidden")


def test_unsigned_request_is_refused(hub: EmbeddedHub, client: SignedClient) -> None:
    reply = client.session.post(hub.url + APPLY, json={"items": [make_item()]}, timeout=10)
    _refused(reply)
    assert hub.application_ids("XH-001") == []


def test_tampered_body_is_refused(hub: EmbeddedHub, client: SignedClient) -> None:
    signed_body = b'{"items": []}'
    headers = client.headers("POST", APPLY, signed_body)
    tampered = json.dumps({"items": [make_item()]}).encode()
    reply = client.session.post(hub.url + APPLY, data=tampered, headers=headers, timeout=10)
    _refused(reply)
    assert hub.application_ids("XH-001") == []


def test_stale_and_future_requests_are_refused(client: SignedClient) -> None:
    # 60 s past the 300 s window: a request on a loaded machine can take seconds to be checked
    _refused(client.post(APPLY, {"items": []}, timestamp=int(time.time()) - 360))
    _refused(client.post(APPLY, {"items": []}, timestamp=int(time.time()) + 360))
    assert client.post(APPLY, {"items": []}, timestamp=int(time.time()) - 200).status_code == 200


def test_wrong_secret_is_refused(hub: EmbeddedHub) -> None:
    _refused(SignedClient(hub.url, "XH-001", "not-the-right-secret-000").post(APPLY, {"items": []}))


def test_unknown_terminal_is_refused(hub: EmbeddedHub) -> None:
    _refused(SignedClient(hub.url, "XH-999", "whatever-secret-0000000").post(APPLY, {"items": []}))


def test_malformed_terminal_id_is_refused(hub: EmbeddedHub) -> None:
    _refused(SignedClient(hub.url, "../etc/passwd", "whatever-secret-0000000").post(APPLY, {"items": []}))


def test_revoked_terminal_gets_403(hub: EmbeddedHub, client: SignedClient) -> None:
    assert client.post(APPLY, {"items": []}).status_code == 200
    hub.service.terminals.revoke("XH-001")
    _refused(client.post(APPLY, {"items": []}), status=403)


def test_signature_of_another_terminal_does_not_pass(hub: EmbeddedHub, client: SignedClient) -> None:
    body = b'{"items": []}'
    headers = client.headers("POST", APPLY, body)
    headers["X-Terminal-Id"] = "XH-002"
    _refused(client.session.post(hub.url + APPLY, data=body, headers=headers, timeout=10))


def test_a_signature_for_another_path_does_not_pass(hub: EmbeddedHub, client: SignedClient) -> None:
    body = b'{"items": []}'
    headers = client.headers("POST", "/v1/heartbeat", body)
    _refused(client.session.post(hub.url + APPLY, data=body, headers=headers, timeout=10))


def test_query_is_covered_when_signed_with_the_target(hub: EmbeddedHub, client: SignedClient) -> None:
    signed_target = "/v1/applications/received?since=2999-01-01T00:00:00Z"
    headers = client.headers("GET", signed_target, b"")
    reply = client.session.get(
        hub.url + "/v1/applications/received?since=2000-01-01T00:00:00Z", headers=headers, timeout=10
    )
    _refused(reply)
    assert client.session.get(hub.url + signed_target, headers=headers, timeout=10).status_code == 200


def test_health_needs_no_signature_and_tells_nothing_private(hub: EmbeddedHub, client: SignedClient) -> None:
    reply = client.session.get(hub.url + "/v1/health", timeout=10)
    assert reply.status_code == 200
    assert reply.json()["status"] == "ok"


def test_revocation_by_another_process_holds_at_once(hub: EmbeddedHub, client: SignedClient) -> None:
    import hub.terminals as terminals_module

    assert client.post(APPLY, {"items": []}).status_code == 200  # the secret is now cached
    other = terminals_module.TerminalRegistry(hub.service.db, hub.service.terminals._box)  # as the CLI would
    other.revoke("XH-001")
    _refused(client.post(APPLY, {"items": []}), status=403)
