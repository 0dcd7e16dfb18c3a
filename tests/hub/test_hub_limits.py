"""Oversized requests are refused before they are read; the hub logs no citizen data."""

from __future__ import annotations

import logging

import pytest
from hub_signing import SignedClient, make_item

from hub.settings import MAX_BODY_BYTES

pytestmark = pytest.mark.hub


def test_body_over_the_limit_is_413(client: SignedClient) -> None:
    big = make_item(body={"blob": "x" * (MAX_BODY_BYTES + 10)})
    reply = client.post_application(big)
    assert reply.status_code == 413
    assert reply.json()["error"] == "payload_too_large"


def test_chunked_body_over_the_limit_is_413(client: SignedClient) -> None:
    def chunks():
        for _ in range(5):
            yield b"x" * (MAX_BODY_BYTES // 4)

    target = "/v1/applications/batch"
    headers = client.headers("POST", target, b"")  # signed headers: the body is read, bounded
    reply = client.session.post(client.base_url + target, data=chunks(), headers=headers, timeout=30)
    assert reply.status_code == 413
    unsigned = client.session.post(client.base_url + target, data=chunks(), timeout=30)
    assert unsigned.status_code == 401  # refused on its headers, the body never read


def test_hub_logs_carry_no_citizen_data(client: SignedClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    item = make_item()
    client.post_application(item)
    client.post("/v1/applications/batch", {"items": [item, make_item(created_at="张伟")]})
    client.post("/v1/profiles/person", {"id_number": "310104198503123011"})
    client.post("/v1/profiles/person", {"id_number": "310104198503123012"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "expected at least the hub's own start-up log"
    assert "310104198503123011" not in logged
    assert "310104198503123012" not in logged
    assert "张伟" not in logged
