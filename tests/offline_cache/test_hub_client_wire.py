"""HubClient against a real HTTP server on 127.0.0.1: signing, verdicts, typed errors."""

from __future__ import annotations

import hashlib
import hmac
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outbox_fixtures import CITIZENS, SECRET, TERMINAL_ID
from stub_hub import ScriptedReply, StubHub

from offline_cache.hub_client import (
    HubAuthError,
    HubClient,
    HubProtocolError,
    HubRejected,
    HubUnavailable,
)
from offline_cache.outbox import OutgoingItem
from offline_cache.signing import sign, signed_headers

pytestmark = pytest.mark.hub


def make_item(n: int = 0, body: dict | None = None) -> OutgoingItem:
    app_id = f"00000000-0000-4000-8000-{n:012d}"
    return OutgoingItem(app_id, "cafe", "2026-11-27T19:00:00.000+00:00", body or {"seq": n}, 10)


def test_signature_is_hmac_of_the_documented_string() -> None:
    body = b'{"a":1}'
    nonce = "n0nce-0123456789ab"
    text = f"POST\n/v1/heartbeat\n1700000000\n{nonce}\n{hashlib.sha256(body).hexdigest()}".encode()
    expected = hmac.new(b"k", text, hashlib.sha256).hexdigest()
    assert sign("k", "post", "/v1/heartbeat", "1700000000", nonce, body) == expected
    headers = signed_headers("T1", "k", "POST", "/v1/heartbeat", 1700000000, body, nonce=nonce)
    assert headers == {
        "X-Terminal-Id": "T1", "X-Timestamp": "1700000000", "X-Nonce": nonce, "X-Signature": expected
    }
    assert signed_headers("T1", "k", "POST", "/v1/heartbeat", 1700000000, body)["X-Nonce"] != nonce


def test_batch_created_then_replayed(client: HubClient, stub_hub: StubHub) -> None:
    items = [make_item(i) for i in range(3)]
    first = client.send_batch(items)
    assert [r.status for r in first] == ["created"] * 3 and all(r.receipt for r in first)
    again = client.send_batch(items)
    assert [r.status for r in again] == ["replayed"] * 3
    assert len(stub_hub.state.rows) == 3


def test_single_created_replayed_conflict(client: HubClient) -> None:
    assert client.send_one(make_item(1)).status == "created"
    assert client.send_one(make_item(1)).status == "replayed"
    conflict = client.send_one(make_item(1, {"seq": 999}))
    assert conflict.status == "conflict" and not conflict.stored


def test_session_is_reused_and_ignores_environment_proxies(
    client: HubClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    assert client.session.trust_env is False
    client.heartbeat({"queue": {"pending": 0}})
    client.heartbeat({"queue": {"pending": 1}})


def test_lookups_return_demo_data(client: HubClient) -> None:
    citizen = CITIZENS[0]
    assert client.person_profile(citizen["card"]["id_number"]) == citizen["person_profile"]
    assert client.person_profile("11010519491231002X") is None
    assert client.enterprise_profile(citizen["enterprise"]["uscc"])["name"] == citizen["enterprise"]["name"]
    assert client.holdings(citizen["card"]["id_number"], citizen["enterprise"]["uscc"]) == citizen["holdings"]
    assert client.verify_city_app("tok-" + citizen["key"])["id_number"] == citizen["card"]["id_number"]
    assert client.verify_city_app("nonsense") is None


def test_received_since_lists_this_terminals_ids(client: HubClient) -> None:
    client.send_batch([make_item(7)])
    assert client.received_since("2026-01-01T00:00:00Z") == [make_item(7).application_id]


def test_wrong_secret_is_an_auth_error(stub_hub: StubHub) -> None:
    with HubClient(stub_hub.url, TERMINAL_ID, "wrong") as bad, pytest.raises(HubAuthError) as caught:
        bad.heartbeat({})
    assert caught.value.status == 401 and "credentials" in str(caught.value)


def test_stale_clock_is_refused(stub_hub: StubHub) -> None:
    stale = HubClient(stub_hub.url, TERMINAL_ID, SECRET, clock=lambda: 1_000_000.0)
    with stale, pytest.raises(HubAuthError):
        stale.heartbeat({})


def test_503_with_retry_after_is_unavailable(client: HubClient, stub_hub: StubHub) -> None:
    stub_hub.state.script.append(ScriptedReply(503, {"error": "maintenance"}, {"Retry-After": "7"}))
    with pytest.raises(HubUnavailable) as caught:
        client.send_batch([make_item()])
    assert caught.value.retry_after_s == 7 and caught.value.status == 503


def test_429_is_unavailable_not_rejected(client: HubClient, stub_hub: StubHub) -> None:
    stub_hub.state.script.append(ScriptedReply(429, {"error": "slow down"}))
    with pytest.raises(HubUnavailable):
        client.heartbeat({})


def test_batch_level_400_is_rejected(client: HubClient, stub_hub: StubHub) -> None:
    stub_hub.state.script.append(ScriptedReply(400, {"error": "bad batch"}))
    with pytest.raises(HubRejected) as caught:
        client.send_batch([make_item()])
    assert caught.value.status == 400


def test_refused_connection_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = HubClient(f"http://127.0.0.1:{port}", TERMINAL_ID, SECRET, timeout=(1, 1))
    with dead, pytest.raises(HubUnavailable, match="unreachable"):
        dead.heartbeat({})


def test_read_timeout_is_unavailable() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        slow = HubClient(f"http://127.0.0.1:{port}", TERMINAL_ID, SECRET, timeout=(1, 0.3))
        with slow, pytest.raises(HubUnavailable, match="in time"):
            slow.heartbeat({})


def test_bad_base_url_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="hub address"):
        HubClient("hub.local:8000", TERMINAL_ID, SECRET)


reply_bodies = st.one_of(
    st.binary(max_size=40),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(st.sampled_from(["results", "status", "x"]), c, max_size=3)
        ),
        max_leaves=8,
    ).map(lambda v: __import__("json").dumps(v).encode()),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=reply_bodies)
def test_any_garbage_batch_reply_is_a_protocol_error(
    client: HubClient, stub_hub: StubHub, raw: bytes
) -> None:
    stub_hub.state.script.append(ScriptedReply(200, raw=raw))
    try:
        results = client.send_batch([make_item()])
    except HubProtocolError:
        return
    assert isinstance(results, list)  # a well-formed reply slipped through: it parsed to results
