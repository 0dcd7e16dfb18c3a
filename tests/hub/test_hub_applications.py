"""Exactly-once receipt of applications over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hub_signing import SignedClient, make_item

from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.hub


def test_new_application_is_created_then_replayed_with_the_same_receipt(client: SignedClient) -> None:
    item = make_item()
    first = client.post_application(item)
    again = client.post_application(item)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "created"
    assert again.status_code == 200, again.text
    assert again.json()["status"] == "replayed"
    assert again.json()["receipt"] == first.json()["receipt"]
    assert first.json()["receipt"].startswith("HUB-")


def test_same_id_with_another_body_is_a_422_conflict(client: SignedClient, hub: EmbeddedHub) -> None:
    item = make_item()
    assert client.post_application(item).status_code == 201
    changed = {**item, "body": {"applicant": {"name": "李娜"}}}
    reply = client.post_application(changed)
    assert reply.status_code == 422
    assert reply.json()["error"] == "conflict"
    assert hub.application_ids("XH-001") == [item["application_id"]]


def test_theme_change_alone_is_a_conflict(client: SignedClient) -> None:
    item = make_item()
    assert client.post_application(item).status_code == 201
    assert client.post_application({**item, "theme": "open_shop"}).status_code == 422


def test_a_copy_arriving_while_the_first_is_in_flight_gets_409(
    client: SignedClient, hub: EmbeddedHub, db_url: str
) -> None:
    """The claim lives in the database: a transaction holding it (as another hub process would) makes
    a copy get 409 at once."""
    item = make_item()
    key = ("XH-001", item["application_id"])
    in_flight = hub.service.applications._in_flight
    if hub.service.db.dialect != "postgres":
        pytest.skip("SQLite admits one writer at a time (BEGIN IMMEDIATE): a copy waits, never in flight")
    with hub.service.db.transaction(write=True) as tx:
        assert in_flight.claim(tx, [key], wait=False)
        reply = client.post_application(item)
    assert reply.status_code == 409
    assert reply.json()["error"] == "in_flight"
    assert reply.headers["Retry-After"] == "1"
    assert client.post_application(item).status_code == 201


def test_idempotency_key_must_match_the_application_id(client: SignedClient) -> None:
    item = make_item()
    other = str(uuid.uuid4())
    wrong = client.post("/v1/applications", item, extra_headers={"Idempotency-Key": other})
    missing = client.post("/v1/applications", item)
    assert wrong.status_code == 400
    assert missing.status_code == 400
    assert "Idempotency-Key" in wrong.json()["message"]


def test_terminal_id_comes_from_credentials_not_the_body(client: SignedClient, hub: EmbeddedHub) -> None:
    item = make_item(terminal_id="XH-002")
    assert client.post_application(item).status_code == 201
    assert hub.application_ids("XH-001") == [item["application_id"]]
    assert hub.application_ids("XH-002") == []


def test_the_same_application_id_from_two_terminals_is_two_applications(
    client: SignedClient, client2: SignedClient, hub: EmbeddedHub
) -> None:
    item = make_item()
    assert client.post_application(item).status_code == 201
    assert client2.post_application({**item, "body": {"other": True}}).status_code == 201
    assert hub.application_ids("XH-002") == [item["application_id"]]


def test_batch_replayed_ten_times_keeps_the_count_and_reports_replayed(
    client: SignedClient, hub: EmbeddedHub
) -> None:
    items = [make_item() for _ in range(50)]
    first = client.post("/v1/applications/batch", {"items": items})
    assert first.status_code == 200, first.text
    receipts = {r["application_id"]: r["receipt"] for r in first.json()["results"]}
    assert [r["status"] for r in first.json()["results"]] == ["created"] * 50
    for _ in range(10):
        again = client.post("/v1/applications/batch", {"items": items}).json()["results"]
        assert [r["status"] for r in again] == ["replayed"] * 50
        assert {r["application_id"]: r["receipt"] for r in again} == receipts
    assert sorted(hub.application_ids("XH-001")) == sorted(i["application_id"] for i in items)


def test_batch_with_one_malformed_item_stores_the_rest(client: SignedClient, hub: EmbeddedHub) -> None:
    good = [make_item() for _ in range(3)]
    bad = make_item(application_id="not-a-uuid")
    reply = client.post("/v1/applications/batch", {"items": [good[0], bad, good[1], 42, good[2]]})
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["created", "rejected", "created", "rejected", "created"]
    assert results[1]["application_id"] == "not-a-uuid"
    assert "application_id" in results[1]["error"]
    assert results[3]["application_id"] is None
    assert sorted(hub.application_ids("XH-001")) == sorted(i["application_id"] for i in good)


def test_rejection_messages_do_not_echo_the_citizens_data(client: SignedClient) -> None:
    bad = make_item(created_at="张伟 310104198503123011")
    reply = client.post("/v1/applications/batch", {"items": [bad]})
    error = reply.json()["results"][0]["error"]
    assert "created_at" in error
    assert "310104198503123011" not in reply.text
    assert "张伟" not in reply.text


def test_batch_reports_conflicts_per_item(client: SignedClient) -> None:
    item = make_item()
    assert client.post_application(item).status_code == 201
    fresh = make_item()
    results = client.post(
        "/v1/applications/batch", {"items": [{**item, "body": {"changed": 1}}, fresh]}
    ).json()["results"]
    assert [r["status"] for r in results] == ["conflict", "created"]
    assert results[0]["receipt"] is None


def test_a_duplicate_inside_one_batch_is_stored_once(client: SignedClient, hub: EmbeddedHub) -> None:
    item = make_item()
    results = client.post("/v1/applications/batch", {"items": [item, item]}).json()["results"]
    assert [r["status"] for r in results] == ["created", "replayed"]
    assert hub.application_ids("XH-001") == [item["application_id"]]


def test_more_than_fifty_items_is_refused_whole(client: SignedClient, hub: EmbeddedHub) -> None:
    reply = client.post("/v1/applications/batch", {"items": [make_item() for _ in range(51)]})
    assert reply.status_code == 422
    assert hub.application_ids("XH-001") == []


def test_received_since_lists_only_this_terminals_ids_in_order(
    client: SignedClient, client2: SignedClient
) -> None:
    start = datetime.now(UTC) - timedelta(seconds=5)
    mine = [make_item() for _ in range(3)]
    for item in mine:
        client.post_application(item)
    client2.post_application(make_item())
    since = start.isoformat().replace("+00:00", "Z")
    reply = client.get(f"/v1/applications/received?since={since}")
    assert reply.status_code == 200, reply.text
    assert reply.json()["ids"] == [i["application_id"] for i in mine]
    assert reply.json()["truncated"] is False
    later = client.get("/v1/applications/received?since=2999-01-01T00:00:00Z").json()
    assert later["ids"] == []


def test_received_since_pages_with_a_limit(client: SignedClient) -> None:
    items = [make_item() for _ in range(5)]
    client.post("/v1/applications/batch", {"items": items})
    page = client.get("/v1/applications/received?since=2000-01-01T00:00:00Z&limit=2").json()
    assert len(page["ids"]) == 2
    assert page["truncated"] is True
    assert page["last_received_at"].endswith("Z")


def test_received_since_refuses_a_malformed_time(client: SignedClient) -> None:
    reply = client.get("/v1/applications/received?since=yesterday")
    assert reply.status_code == 422
    assert reply.json()["error"] == "invalid_request"


def test_applications_survive_a_hub_restart(db_url: str, tmp_path, catalog_dir) -> None:
    key = tmp_path / "hub.key"
    item = make_item()
    first = start_embedded(
        db_url, terminals={"XH-001": "restart-secret-0123456789"}, key_path=key, catalog_dir=catalog_dir
    )
    try:
        c = SignedClient(first.url, "XH-001", "restart-secret-0123456789")
        receipt = c.post_application(item).json()["receipt"]
    finally:
        first.stop()
    second = start_embedded(db_url, key_path=key, catalog_dir=catalog_dir)
    try:
        c = SignedClient(second.url, "XH-001", "restart-secret-0123456789")
        again = c.post_application(item)
        assert again.status_code == 200
        assert again.json()["receipt"] == receipt
    finally:
        second.stop()


@pytest.mark.expect_log(r"hub dedup is OFF: duplicates will be stored")
def test_negative_control_without_dedup_the_hub_stores_duplicates(db_url: str, tmp_path, catalog_dir) -> None:
    """Proves the exactly-once checks can fail: with dedup off, a replayed batch is stored twice."""
    running = start_embedded(
        db_url,
        terminals={"XH-001": "control-secret-0123456789"},
        key_path=tmp_path / "hub.key",
        catalog_dir=catalog_dir,
        dedup=False,
    )
    try:
        c = SignedClient(running.url, "XH-001", "control-secret-0123456789")
        items = [make_item() for _ in range(3)]
        c.post("/v1/applications/batch", {"items": items})
        c.post("/v1/applications/batch", {"items": items})
        ids = running.application_ids("XH-001")
        assert len(ids) == 6
        assert len(set(ids)) == 3
    finally:
        running.stop()
