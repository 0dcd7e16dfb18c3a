"""Heartbeats and the fleet listing (GET /v1/fleet, supervisor session required)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests
from hub_signing import SignedClient, make_item

from hub.server import EmbeddedHub

pytestmark = pytest.mark.hub

BEAT = {
    "sequence": 1,
    "devices": [{"name": "idcard", "kind": "idcard", "driver": "simulator", "status": "online"}],
    "queue": {"pending": 3, "sending": 0, "acked": 10, "dead": 1},
    "versions": {"app": "0.1.0", "catalog": "sha256-abc"},
    "alerts": ["printer paper low"],
}
TROUBLED_BEAT = {
    "sequence": 1,
    "devices": [
        {"name": "printer", "kind": "printer", "driver": "escpos", "status": "online", "paper": "out"},
        {"name": "idcard", "kind": "idcard", "driver": "ga467", "status": "offline", "detail": "no reply"},
        {"name": "camera", "kind": "camera", "driver": "opencv", "status": "online"},
    ],
    "queue": {
        "pending": 4, "sending": 1, "acked": 7, "dead": 2, "oldest_pending_at": "2026-11-27T18:05:00+08:00"
    },
    "versions": {"software": "1.4.2", "catalog": "sha256-0123456789abcdef"},
    "alerts": [
        {"kind": "paper", "at": "2026-11-27T10:00:00Z", "message": "paper low"},
        {"kind": "call_staff", "at": "2026-11-27T10:01:00Z", "message": "请工作人员协助"},
    ],
}


def fleet(hub: EmbeddedHub, session: requests.Session) -> dict:
    reply = session.get(hub.url + "/v1/fleet", timeout=10)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_heartbeat_is_kept_per_terminal_and_listed(
    client: SignedClient, client2: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    assert client.post("/v1/heartbeat", BEAT).status_code == 204
    later = {**BEAT, "sequence": 2, "queue": {"pending": 0, "sending": 0, "acked": 13, "dead": 1}}
    assert client.post("/v1/heartbeat", later).status_code == 204
    client.post_application(make_item())
    by_id = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}
    assert set(by_id) == {"XH-001", "XH-002"}
    assert by_id["XH-001"]["heartbeat"]["queue"]["pending"] == 0
    assert by_id["XH-001"]["heartbeat"]["alerts"] == ["printer paper low"]
    assert by_id["XH-001"]["applications_received"] == 1
    assert by_id["XH-001"]["software_version"] == "0.1.0"  # older terminals call it "app"
    assert by_id["XH-001"]["alerts"] == [{"kind": "note", "at": None, "message": "printer paper low"}]
    assert by_id["XH-002"]["heartbeat"] is None
    assert by_id["XH-002"]["last_heartbeat_at"] is None
    assert by_id["XH-002"]["stale"] is True
    assert by_id["XH-001"]["stale"] is False


def test_fleet_reads_device_trouble_queue_versions_and_alerts(
    client: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    assert client.post("/v1/heartbeat", TROUBLED_BEAT).status_code == 204
    row = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}["XH-001"]
    devices = {d["name"]: d for d in row["devices"]}
    assert devices["printer"]["severity"] == "error" and "paper out" in devices["printer"]["label"]
    assert devices["idcard"]["severity"] == "error" and devices["idcard"]["detail"] == "no reply"
    assert devices["camera"]["severity"] == "ok"
    assert row["queue"] == {
        "pending": 4, "sending": 1, "dead": 2, "depth": 5, "oldest_pending_at": "2026-11-27T10:05:00Z"
    }
    assert (row["software_version"], row["catalog_version"]) == ("1.4.2", "sha256-0123456789abcdef")
    assert [a["kind"] for a in row["alerts"]] == ["call_staff", "paper"]  # call_staff first
    assert row["alerts"][0]["message"] == "请工作人员协助"


def test_a_silent_terminal_turns_stale(client: SignedClient, hub: EmbeddedHub) -> None:
    assert client.post("/v1/heartbeat", BEAT).status_code == 204
    store = hub.service.fleet
    now = datetime.now(UTC)
    assert [t.stale for t in store.terminals(now) if t.terminal_id == "XH-001"] == [False]
    later = now + timedelta(seconds=store.stale_after_s + 1)
    assert [t.stale for t in store.terminals(later) if t.terminal_id == "XH-001"] == [True]


def test_applications_per_hour_and_theme_cover_the_last_24_hours(
    client: SignedClient, client2: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    for theme in ("open_cafe", "open_cafe", "newborn"):
        assert client.post_application(make_item(theme=theme)).status_code == 201
    assert client2.post_application(make_item(theme="open_cafe")).status_code == 201
    data = fleet(hub, supervisor)
    hours = data["applications_per_hour"]
    assert len(hours) == 24
    assert [h["hour"] for h in hours] == sorted(h["hour"] for h in hours)
    assert hours[-2]["count"] + hours[-1]["count"] == 4  # in the current hour (or the one just turned)
    assert sum(h["count"] for h in hours) == 4
    assert data["applications_per_theme"] == [
        {"theme": "open_cafe", "count": 3}, {"theme": "newborn", "count": 1}
    ]
    assert data["generated_at"].endswith("Z")
    later = hub.service.fleet.overview(datetime.now(UTC) + timedelta(hours=25))
    assert sum(h.count for h in later.applications_per_hour) == 0  # older than 24 h is not counted
    assert later.applications_per_theme == []


def test_fleet_json_needs_a_supervisor_session(hub: EmbeddedHub, client: SignedClient) -> None:
    anonymous = requests.Session()
    anonymous.trust_env = False
    reply = anonymous.get(hub.url + "/v1/fleet", timeout=10)
    assert reply.status_code == 401
    assert reply.json()["error"] == "unauthorized"
    forged = anonymous.get(hub.url + "/v1/fleet", cookies={"onestop_fleet_session": "x" * 43}, timeout=10)
    assert forged.status_code == 401
    signed = client.get("/v1/fleet")  # a terminal's signature is not a supervisor login
    assert signed.status_code == 401


def test_heartbeat_needs_a_signature(hub: EmbeddedHub, client: SignedClient) -> None:
    reply = client.session.post(hub.url + "/v1/heartbeat", json=BEAT, timeout=10)
    assert reply.status_code == 401


def test_malformed_heartbeat_is_422(client: SignedClient) -> None:
    assert client.post("/v1/heartbeat", {"sequence": 1, "devices": "everything fine"}).status_code == 422
    assert client.post("/v1/heartbeat", {"devices": []}).status_code == 422  # no sequence


def test_an_older_heartbeat_never_overwrites_a_newer_one(
    client: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    newer = {**TROUBLED_BEAT, "sequence": 1764270000500}
    older = {**BEAT, "sequence": 1764270000400}
    assert client.post("/v1/heartbeat", newer).status_code == 204
    assert client.post("/v1/heartbeat", older).status_code == 204  # accepted, changes nothing
    mine = {t["terminal_id"]: t for t in fleet(hub, supervisor)["terminals"]}["XH-001"]
    assert mine["heartbeat"]["sequence"] == 1764270000500
    assert "call_staff" in [a["kind"] for a in mine["alerts"]]
