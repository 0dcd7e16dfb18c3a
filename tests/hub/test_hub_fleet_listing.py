"""The fleet listing at city scale: attention order, limit, whole-fleet counts, running totals.

The listing no longer counts applications and ratings with GROUP BY over their tables (hub/tallies.py)
and reads each heartbeat once (hub/fleet_rows.py); these tests hold both to what the tables say.
"""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path

import pytest
import requests
from hub_signing import SignedClient, make_item
from test_hub_fleet import BEAT, TROUBLED_BEAT, fleet
from test_hub_ratings import rating

from hub.db import open_database
from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.hub

CLEAN_BEAT = {
    "sequence": 1,
    "devices": [{"name": "printer", "kind": "printer", "status": "online", "paper": "ok"}],
    "queue": {"pending": 0, "sending": 0, "dead": 0},
    "versions": {"software": "1.4.2"},
    "alerts": [],
}


def table_totals(db_url: str) -> tuple[dict, dict, dict]:
    """Applications per terminal; ratings (count, stars) per terminal and per theme: from the tables."""
    db = open_database(db_url)
    try:
        with db.transaction() as tx:
            apps = {r[0]: int(r[1]) for r in tx.fetchall(
                "SELECT terminal_id, count(*) FROM applications GROUP BY terminal_id")}
            by_terminal = {r[0]: (int(r[1]), int(r[2])) for r in tx.fetchall(
                "SELECT terminal_id, count(*), sum(stars) FROM ratings GROUP BY terminal_id")}
            by_theme = {r[0]: (int(r[1]), int(r[2])) for r in tx.fetchall(
                "SELECT theme, count(*), sum(stars) FROM ratings GROUP BY theme")}
    finally:
        db.close()
    return apps, by_terminal, by_theme


def listed_totals(hub: EmbeddedHub) -> tuple[dict, dict, dict]:
    service = hub.service
    by_terminal = service.ratings.by_terminal()
    return (
        service.applications.count_by_terminal(),
        {k: (v.count, round(v.average * v.count)) for k, v in by_terminal.items()},
        {r.key: (r.count, round(r.average * r.count)) for r in service.ratings.by_theme()},
    )


def test_attention_order_puts_a_call_for_staff_first_and_counts_cover_the_whole_fleet(
    client: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    secrets = {"XH-003": hub.register_terminal("XH-003"), "XH-004": hub.register_terminal("XH-004")}
    third = SignedClient(hub.url, "XH-003", secrets["XH-003"])
    fourth = SignedClient(hub.url, "XH-004", secrets["XH-004"])
    try:
        assert client.post("/v1/heartbeat", TROUBLED_BEAT).status_code == 204  # calls staff
        assert third.post("/v1/heartbeat", BEAT).status_code == 204  # a dead outbox item
        assert fourth.post("/v1/heartbeat", CLEAN_BEAT).status_code == 204  # nothing to do
    finally:
        third.close()
        fourth.close()
    # XH-002 never reported: stale.
    by_id = [t["terminal_id"] for t in fleet(hub, supervisor)["terminals"]]
    assert by_id == ["XH-001", "XH-002", "XH-003", "XH-004"]  # the default stays by terminal id
    reply = supervisor.get(hub.url + "/v1/fleet", params={"order": "attention"}, timeout=10)
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert [t["terminal_id"] for t in data["terminals"]] == ["XH-001", "XH-003", "XH-002", "XH-004"]
    assert data["counts"] == {  # XH-001 and XH-003 report catalogs other than the one published
        "total": 4, "stale": 1, "device_errors": 1, "catalog_behind": 2, "call_staff": 1
    }
    first_two = supervisor.get(hub.url + "/v1/fleet?order=attention&limit=2", timeout=10).json()
    assert [t["terminal_id"] for t in first_two["terminals"]] == ["XH-001", "XH-003"]
    assert first_two["counts"]["total"] == 4  # still the whole fleet
    assert supervisor.get(hub.url + "/v1/fleet?limit=0", timeout=10).status_code == 422
    assert supervisor.get(hub.url + "/v1/fleet?order=loudest", timeout=10).status_code == 422


def test_a_newer_heartbeat_is_read_again_and_a_removed_one_forgotten(
    client: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    assert client.post("/v1/heartbeat", BEAT).status_code == 204
    mine = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}["XH-001"]
    assert mine["alerts"] == [{"kind": "note", "at": None, "message": "printer paper low"}]
    assert client.post("/v1/heartbeat", {**TROUBLED_BEAT, "sequence": 2}).status_code == 204
    mine = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}["XH-001"]
    assert [a["kind"] for a in mine["alerts"]] == ["call_staff", "paper"]  # not the reading listed before
    assert mine["heartbeat"]["sequence"] == 2
    assert hub.service.terminals.revoke("XH-001")
    mine = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}["XH-001"]
    assert mine["enabled"] is False  # read from the terminals table on every listing


def test_the_fleet_json_is_the_overview_serialised_also_from_rows_kept_between_listings(
    client: SignedClient, client2: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    assert client.post("/v1/heartbeat", TROUBLED_BEAT).status_code == 204
    assert client2.post("/v1/heartbeat", BEAT).status_code == 204
    assert client.post("/v1/ratings/batch", {"items": [rating(str(uuid.uuid4()), 4)]}).ok
    before = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}
    assert client.post_application(make_item()).status_code == 201  # XH-001's row changes, XH-002's not
    assert client2.post("/v1/heartbeat", {**BEAT, "sequence": 2, "alerts": []}).status_code == 204
    sent = fleet(hub, supervisor)
    built = json.loads(hub.service.fleet.overview().model_dump_json())
    for reply in (sent, built):
        reply.pop("generated_at")
    assert sent == built
    after = {t["terminal_id"]: t for t in sent["terminals"]}
    assert after["XH-001"]["applications_received"] == before["XH-001"]["applications_received"] + 1
    assert (after["XH-002"]["alerts"], before["XH-002"]["alerts"][0]["kind"]) == ([], "note")
    assert after["XH-001"]["rating_count"] == 1


def test_running_totals_equal_the_tables_through_replays_conflicts_and_corrections(
    db_url: str, client: SignedClient, client2: SignedClient, hub: EmbeddedHub
) -> None:
    items = [make_item(), make_item(theme="newborn"), make_item(theme="newborn")]
    reply = client.post("/v1/applications/batch", {"items": [*items, items[0], {"theme": "x"}]})
    assert [r["status"] for r in reply.json()["results"]] == ["created"] * 3 + ["replayed", "rejected"]
    conflict = {**items[1], "body": {"other": True}}
    again = client.post("/v1/applications/batch", {"items": [conflict]}).json()["results"]
    assert again[0]["status"] == "conflict"
    assert client2.post_application(make_item()).status_code == 201
    app_id = items[0]["application_id"]
    assert client.post("/v1/ratings/batch", {"items": [rating(app_id, 2)]}).status_code == 200
    moved = rating(app_id, 5, theme="newborn", at="2026-12-01T10:00:09Z")  # corrected, to another theme
    assert client.post("/v1/ratings/batch", {"items": [moved, moved]}).status_code == 200
    assert client2.post("/v1/ratings/batch", {"items": [rating(str(uuid.uuid4()), 3)]}).status_code == 200

    assert listed_totals(hub) == table_totals(db_url)
    assert hub.service.applications.count_by_terminal() == {"XH-001": 3, "XH-002": 1}
    assert {r.key: r.count for r in hub.service.ratings.by_theme()} == {"newborn": 1, "open_cafe": 1}


def test_a_rating_corrected_by_many_requests_at_once_keeps_the_totals_exact(
    db_url: str, client: SignedClient, hub: EmbeddedHub
) -> None:
    app_id = str(uuid.uuid4())
    assert client.post("/v1/ratings/batch", {"items": [rating(app_id, 1)]}).status_code == 200
    failures: list[str] = []

    def correct(worker: int) -> None:
        signed = SignedClient(hub.url, "XH-001", client.secret)
        try:
            for n in range(6):
                item = rating(app_id, 1 + (worker + n) % 5, theme=("open_cafe", "newborn")[n % 2],
                              at=f"2026-12-01T10:{n:02d}:{worker:02d}Z")
                reply = signed.post("/v1/ratings/batch", {"items": [item]})
                if reply.status_code not in (200, 503):  # 503: busy, the terminal would retry
                    failures.append(f"HTTP {reply.status_code}: {reply.text[:200]}")
        finally:
            signed.close()

    workers = [threading.Thread(target=correct, args=(w,), daemon=True) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(w.is_alive() for w in workers), "a correcting client did not finish in 120 s"
    assert failures == []
    assert listed_totals(hub) == table_totals(db_url)
    assert sum(r.count for r in hub.service.ratings.by_theme()) == 1  # still one rated application


def test_a_database_from_before_the_totals_is_counted_once_at_start(
    db_url: str, tmp_path: Path, catalog_dir: Path, client: SignedClient, hub: EmbeddedHub
) -> None:
    assert client.post("/v1/applications/batch", {"items": [make_item(), make_item(theme="newborn")]}).ok
    assert client.post("/v1/ratings/batch", {"items": [rating(str(uuid.uuid4()), 4)]}).ok
    hub.stop()
    db = open_database(db_url)
    try:
        with db.transaction(write=True) as tx:
            tx.execute("DROP TABLE fleet_tallies")  # as an older hub left it
    finally:
        db.close()
    for _start in range(2):  # filled at the first start, not again at the second
        again = start_embedded(db_url, key_path=tmp_path / "keys" / "hub.key", catalog_dir=catalog_dir)
        try:
            assert listed_totals(again) == table_totals(db_url)
            assert again.service.applications.count_by_terminal() == {"XH-001": 2}
        finally:
            again.stop()
