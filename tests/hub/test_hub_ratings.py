"""好差评 as its own message (POST /v1/ratings/batch) and what the fleet page reads of it and of catalogs."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests
from hub_signing import SignedClient, make_item
from test_hub_fleet import fleet

from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.hub


def rating(application_id: str, stars: int, theme: str = "open_cafe", at: str = "2026-12-01T10:00:00Z",
           rating_id: str | None = None) -> dict:
    return {"rating_id": rating_id or str(uuid.uuid4()), "application_id": application_id, "theme": theme,
            "stars": stars, "rated_at": at}


def test_ratings_are_stored_once_corrected_and_never_counted_as_applications(
    client: SignedClient, client2: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    app_a, app_b, app_c = (str(uuid.uuid4()) for _ in range(3))
    first = rating(app_a, 2)
    reply = client.post("/v1/ratings/batch", {"items": [first, rating(app_b, 5, "open_restaurant"),
                                                        {"rating_id": "x", "stars": 9}]})
    assert reply.status_code == 200, reply.text
    assert [r["status"] for r in reply.json()["results"]] == ["created", "created", "rejected"]
    again = client.post("/v1/ratings/batch", {"items": [first]}).json()["results"]
    assert again == [{"rating_id": first["rating_id"], "status": "replayed", "error": None}]
    corrected = rating(app_a, 4, at="2026-12-01T10:00:05Z")  # the citizen tapped again
    status = client.post("/v1/ratings/batch", {"items": [corrected]}).json()["results"][0]["status"]
    assert status == "created"
    stale = rating(app_a, 1, at="2026-12-01T09:59:00Z")  # an older copy arriving late changes nothing
    assert client.post("/v1/ratings/batch", {"items": [stale]}).json()["results"][0]["status"] == "replayed"
    client2.post("/v1/ratings/batch", {"items": [rating(app_c, 3)]})
    client.post_application(make_item())

    data = fleet(hub, supervisor)
    by_id = {t["terminal_id"]: t for t in data["terminals"]}
    assert by_id["XH-001"]["applications_received"] == 1  # ratings are not applications
    assert (by_id["XH-001"]["rating_count"], by_id["XH-001"]["rating_average"]) == (2, 4.5)
    assert (by_id["XH-002"]["rating_count"], by_id["XH-002"]["rating_average"]) == (1, 3.0)
    themes = {r["theme"]: r for r in data["ratings_per_theme"]}
    assert themes["open_cafe"] == {"theme": "open_cafe", "count": 2, "average": 3.5}
    assert themes["open_restaurant"]["count"] == 1
    assert all(t["theme"] != "rating" for t in data["applications_per_theme"])


def test_ratings_need_a_signature(hub: EmbeddedHub) -> None:
    reply = requests.post(hub.url + "/v1/ratings/batch", json={"items": []}, timeout=10)
    assert reply.status_code == 401


def test_ratings_older_terminals_sent_as_applications_move_to_the_ratings_table(
    db_url: str, tmp_path: Path, catalog_dir: Path, hub: EmbeddedHub, client: SignedClient
) -> None:
    application = make_item()
    client.post_application(application)
    legacy = make_item(theme="rating", body={"application_id": application["application_id"], "stars": 5})
    client.post_application(legacy)
    assert hub.service.applications.count_by_terminal() == {"XH-001": 2}
    hub.stop()
    again = start_embedded(db_url, key_path=tmp_path / "keys" / "hub.key", catalog_dir=catalog_dir)
    try:
        assert again.service.applications.count_by_terminal() == {"XH-001": 1}
        rated = again.service.ratings.by_terminal()["XH-001"]
        assert (rated.count, rated.average) == (1, 5.0)
        assert [r.key for r in again.service.ratings.by_theme()] == [application["theme"]]
    finally:
        again.stop()


def test_fleet_flags_terminals_behind_the_current_catalog(
    client: SignedClient, client2: SignedClient, hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    first = hub.service.catalog.latest()
    assert first is not None
    second = hub.service.catalog.publish({**first.files, "themes/extra.yaml": "id: extra\n"})
    beat = {"sequence": 1, "devices": [], "queue": {}, "alerts": []}
    client.post("/v1/heartbeat", {**beat, "versions": {"software": "0.1.0", "catalog": first.version}})
    client2.post("/v1/heartbeat", {**beat, "versions": {"software": "0.1.0", "catalog": second.version}})
    data = fleet(hub, supervisor)
    assert (data["catalog_latest_version"], data["catalog_latest_number"]) == (second.version, 2)
    by_id = {t["terminal_id"]: t for t in data["terminals"]}
    assert (by_id["XH-001"]["catalog_number"], by_id["XH-001"]["catalog_behind"]) == (1, True)
    assert (by_id["XH-002"]["catalog_number"], by_id["XH-002"]["catalog_behind"]) == (2, False)
