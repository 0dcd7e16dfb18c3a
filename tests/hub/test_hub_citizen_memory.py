"""The hub remembers each citizen's last delivery choice, under a key only it holds, for the kiosk
to preselect."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
from hub_signing import SignedClient

from hub.db import open_database

pytestmark = pytest.mark.hub

CITIZENS = json.loads((Path(__file__).parents[2] / "assets/samples/citizens.json").read_text("utf-8"))[
    "citizens"
]
ZHANG = next(c for c in CITIZENS if c["key"] == "zhang_wei")
STRANGER = "11010519491231002X"  # a valid number with no demo profile


def send(client: SignedClient, id_number: str, method: str | None, created_at: str) -> None:
    body: dict = {"applicant": {"name": "张伟", "id_number": id_number}, "matters": ["food_business"]}
    if method is not None:
        body["delivery"] = {"method": method, "address": "上海市徐汇区天钥桥路123号"}
    item = {"application_id": str(uuid.uuid4()), "theme": "coffee", "created_at": created_at, "body": body}
    reply = client.post("/v1/applications/batch", {"items": [item]})
    assert reply.status_code == 200 and reply.json()["results"][0]["status"] == "created", reply.text


def profile(client: SignedClient, id_number: str) -> dict:
    reply = client.post("/v1/profiles/person", {"id_number": id_number})
    return reply.json() if reply.status_code == 200 else {"status": reply.status_code}


def test_the_profile_carries_the_method_of_the_newest_application(client: SignedClient) -> None:
    id_number = ZHANG["card"]["id_number"]
    assert "last_delivery_method" not in profile(client, id_number)
    send(client, id_number, "courier", "2026-12-01T02:00:00Z")
    assert profile(client, id_number)["last_delivery_method"] == "courier"
    send(client, id_number, "pickup", "2026-11-30T02:00:00Z")  # queued offline, committed earlier
    assert profile(client, id_number)["last_delivery_method"] == "courier"
    send(client, id_number, "pickup", "2026-12-02T02:00:00Z")
    found = profile(client, id_number)
    assert found["last_delivery_method"] == "pickup" and found["phone"] == ZHANG["person_profile"]["phone"]


def test_a_citizen_without_a_profile_is_still_remembered(client: SignedClient) -> None:
    assert profile(client, STRANGER) == {"status": 404}
    send(client, STRANGER.lower(), "courier", "2026-12-01T02:00:00Z")
    assert profile(client, STRANGER) == {"id_number": STRANGER, "last_delivery_method": "courier"}


def test_ratings_and_bodies_without_a_choice_change_nothing(client: SignedClient) -> None:
    id_number = ZHANG["card"]["id_number"]
    send(client, id_number, "courier", "2026-12-01T02:00:00Z")
    send(client, id_number, None, "2026-12-02T02:00:00Z")
    send(client, id_number, "drone", "2026-12-03T02:00:00Z")
    assert profile(client, id_number)["last_delivery_method"] == "courier"


def test_the_table_names_no_one(client: SignedClient, db_url: str) -> None:
    id_number = ZHANG["card"]["id_number"]
    send(client, id_number, "courier", "2026-12-01T02:00:00Z")
    db = open_database(db_url)
    try:
        with db.transaction() as tx:
            rows = tx.fetchall("SELECT person_key, delivery_method, chosen_at FROM citizen_choices")
    finally:
        db.close()
    assert [tuple(r)[1:] for r in rows] == [("courier", "2026-12-01T02:00:00.000000Z")]
    key = rows[0][0]
    assert id_number not in key and id_number[-4:] not in key and len(key) == 64
    assert key != hashlib.sha256(id_number.encode()).hexdigest()  # keyed: not a bare hash anyone can redo
