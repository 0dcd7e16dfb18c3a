"""Through the terminal's own client, the hub keeps replays harmless and refuses forged requests.

On SQLite and on PostgreSQL: a batch sent ten times is stored once and reported
replayed; a tampered, unsigned or stale request is refused; a batch with one
malformed item stores the rest.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from reliability_harness import SECRET, TERMINAL_ID

from offline_cache.hub_client import HubAuthError, HubClient
from offline_cache.outbox import OutgoingItem
from offline_cache.signing import signed_headers

pytestmark = [pytest.mark.reliability, pytest.mark.hub]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub_url_and_ids(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, object]]:
    from hub.server import start_embedded

    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    else:
        db_url = request.getfixturevalue("pg_url")
    (tmp_path / "catalog").mkdir()  # empty: no catalog to seed, and nothing to warn about
    hub = start_embedded(
        db_url,
        terminals={TERMINAL_ID: SECRET},
        demo_data=False,
        key_path=tmp_path / "hub.key",
        catalog_dir=tmp_path / "catalog",
    )
    yield hub.url, lambda: hub.application_ids(TERMINAL_ID)
    hub.stop()


def items(n: int) -> list[OutgoingItem]:
    return [
        OutgoingItem(str(uuid.uuid4()), "open_cafe", "2026-11-27T19:00:00+00:00", {"seq": i}, 10)
        for i in range(n)
    ]


def test_batch_replayed_ten_times_is_stored_once(hub_url_and_ids: tuple[str, object]) -> None:
    url, stored_ids = hub_url_and_ids
    batch = items(20)
    with HubClient(url, TERMINAL_ID, SECRET) as client:
        first = client.send_batch(batch)
        receipts = {r.application_id: r.receipt for r in first}
        for _ in range(10):
            again = client.send_batch(batch)
            assert {r.status for r in again} == {"replayed"}
            assert {r.application_id: r.receipt for r in again} == receipts
    assert {r.status for r in first} == {"created"}
    ids = stored_ids()  # type: ignore[operator]
    assert len(ids) == 20 and set(ids) == {i.application_id for i in batch}


def test_stale_request_is_refused(hub_url_and_ids: tuple[str, object]) -> None:
    url, stored_ids = hub_url_and_ids
    stale = HubClient(url, TERMINAL_ID, SECRET, clock=lambda: time.time() - 301)
    with stale, pytest.raises(HubAuthError):
        stale.send_batch(items(1))
    assert stored_ids() == []  # type: ignore[operator]


def test_tampered_and_unsigned_requests_are_refused(hub_url_and_ids: tuple[str, object]) -> None:
    url, stored_ids = hub_url_and_ids
    signed_body = json.dumps({"items": [items(1)[0].wire()]}).encode()
    tampered_body = signed_body.replace(b'"seq": 0', b'"seq": 1')
    assert tampered_body != signed_body
    headers = signed_headers(
        TERMINAL_ID, SECRET, "POST", "/v1/applications/batch", int(time.time()), signed_body
    )
    headers["Content-Type"] = "application/json"
    with requests.Session() as session:
        session.trust_env = False
        tampered = session.post(
            url + "/v1/applications/batch", data=tampered_body, headers=headers, timeout=10
        )
        unsigned = session.post(
            url + "/v1/applications/batch",
            data=signed_body,
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        genuine = session.post(url + "/v1/applications/batch", data=signed_body, headers=headers, timeout=10)
    assert (tampered.status_code, unsigned.status_code, genuine.status_code) == (401, 401, 200)
    assert len(stored_ids()) == 1  # type: ignore[operator]


def test_one_malformed_item_is_rejected_and_the_rest_stored(hub_url_and_ids: tuple[str, object]) -> None:
    url, stored_ids = hub_url_and_ids
    good = items(3)
    broken = OutgoingItem("not-a-uuid", "open_cafe", "yesterday-ish", {"seq": 99}, 10)
    with HubClient(url, TERMINAL_ID, SECRET) as client:
        results = client.send_batch([good[0], broken, good[1], good[2]])
    assert [r.status for r in results] == ["created", "rejected", "created", "created"]
    assert results[1].error and "99" not in results[1].error
    assert sorted(stored_ids()) == sorted(i.application_id for i in good)  # type: ignore[operator]
