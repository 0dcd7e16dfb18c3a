"""The terminal's client and sync worker against the reference hub (hub/, started embedded on 127.0.0.1).

The stub hub tests pin the terminal's behaviour; these prove the two sides of the
wire contract agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from outbox_fixtures import CITIZENS, SECRET, TERMINAL_ID, citizen_payload

from offline_cache.catalog_cache import CatalogCache
from offline_cache.hub_client import HubAuthError, HubClient
from offline_cache.outbox import OutboxStore, OutgoingItem
from offline_cache.sync import SyncWorker

hub_server = pytest.importorskip("hub.server")

pytestmark = pytest.mark.hub


@pytest.fixture
def reference_hub(tmp_path: Path) -> Iterator[object]:
    hub = hub_server.start_embedded(
        f"sqlite:///{tmp_path / 'hub' / 'hub.db'}", terminals={TERMINAL_ID: SECRET}, demo_data=True
    )
    yield hub
    hub.stop()


@pytest.fixture
def ref_client(reference_hub: object) -> Iterator[HubClient]:
    with HubClient(reference_hub.url, TERMINAL_ID, SECRET) as client:  # type: ignore[attr-defined]
        yield client


def item(n: int, body: dict | None = None) -> OutgoingItem:
    return OutgoingItem(
        f"00000000-0000-4000-8000-{n:012d}",
        "open_cafe",
        "2026-11-27T19:00:00.000+00:00",
        body or {"seq": n},
        10,
    )


def test_batch_single_conflict_and_reconciliation(ref_client: HubClient, reference_hub: object) -> None:
    assert [r.status for r in ref_client.send_batch([item(1), item(2)])] == ["created", "created"]
    assert [r.status for r in ref_client.send_batch([item(1), item(2)])] == ["replayed", "replayed"]
    assert ref_client.send_one(item(3)).status == "created"
    replay = ref_client.send_one(item(3))
    assert replay.status == "replayed" and replay.receipt
    assert ref_client.send_one(item(3, {"seq": "other"})).status == "conflict"
    batch = ref_client.send_batch([item(4), item(1, {"seq": "other"})])
    assert [r.status for r in batch] == ["created", "conflict"]
    assert sorted(ref_client.received_since("2000-01-01T00:00:00Z")) == sorted(
        item(n).application_id for n in (1, 2, 3, 4)
    )


def test_sync_drains_outbox_to_reference_hub(
    tmp_path: Path, ref_client: HubClient, reference_hub: object
) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    ids = [store.enqueue("open_cafe", citizen_payload(i, seq=i)) for i in range(75)]
    report = SyncWorker(store, ref_client).sync_once()
    assert (report.acked, report.dead) == (75, 0)
    assert sorted(reference_hub.application_ids(TERMINAL_ID)) == sorted(ids)  # type: ignore[attr-defined]
    assert all((store.get_receipt(i) or "").startswith("HUB-") for i in ids)
    assert store.acked_rows_holding_body() == 0
    store.close()


def test_lookups_and_heartbeat(ref_client: HubClient) -> None:
    citizen = CITIZENS[0]
    person = ref_client.person_profile(citizen["card"]["id_number"])
    assert person is not None and person["phone"] == citizen["person_profile"]["phone"]
    enterprise = ref_client.enterprise_profile(citizen["enterprise"]["uscc"])
    assert enterprise is not None and enterprise["name"] == citizen["enterprise"]["name"]
    assert set(citizen["holdings"]) <= set(ref_client.holdings(citizen["card"]["id_number"], None))
    identity = ref_client.verify_city_app("demo-" + citizen["key"])
    assert identity is not None and identity["id_number"] == citizen["card"]["id_number"]
    assert ref_client.verify_city_app("demo-nobody") is None
    ref_client.heartbeat({"devices": [], "queue": {"pending": 0}, "versions": {}, "alerts": []})


def test_catalog_from_reference_hub_and_an_unchanged_one_costs_a_bodiless_304(
    tmp_path: Path, ref_client: HubClient
) -> None:
    from flows.catalog import catalog_version

    cache = CatalogCache(tmp_path / "catalog", lambda directory: None, content_version=catalog_version)
    replies: list[tuple[int, int, str | None]] = []
    ref_client.session.hooks["response"].append(
        lambda r, *a, **k: replies.append((r.status_code, len(r.content), r.headers.get("ETag")))
    )
    update = cache.refresh(ref_client)
    assert update.outcome == "updated", update.message
    assert update.current_version and update.current_version.startswith("sha256-")
    assert replies[-1][0] == 200 and replies[-1][1] > 10_000
    assert replies[-1][2] == f'"{update.current_version}"'
    again = cache.refresh(ref_client)
    assert (again.outcome, again.current_version) == ("unchanged", update.current_version)
    assert replies[-1][:2] == (304, 0)


def test_wrong_secret_refused_by_reference_hub(reference_hub: object) -> None:
    bad = HubClient(reference_hub.url, TERMINAL_ID, "not-the-secret-at-all")  # type: ignore[attr-defined]
    with bad, pytest.raises(HubAuthError):
        bad.heartbeat({})


@pytest.mark.expect_log(r"catalog sha256-\w+ rejected, keeping sha256-\w+: .* YAML syntax")
def test_real_catalog_from_hub_passes_flows_check_and_a_broken_one_is_rolled_back(tmp_path: Path) -> None:
    import shutil

    from flows.catalog import DEFAULT_DIRECTORY, catalog_version, check_catalog, load_catalog
    from hub.catalog import read_catalog_files

    served = tmp_path / "served"
    shutil.copytree(DEFAULT_DIRECTORY, served)
    hub = hub_server.start_embedded(
        f"sqlite:///{tmp_path / 'hub.db'}",
        terminals={TERMINAL_ID: SECRET},
        demo_data=False,
        key_path=tmp_path / "hub.key",
        catalog_dir=served,
    )
    try:
        cache = CatalogCache(tmp_path / "cache", check_catalog, content_version=catalog_version)
        with HubClient(hub.url, TERMINAL_ID, SECRET) as client:
            first = cache.refresh(client)
            assert first.outcome == "updated", first.message
            good_version = first.current_version
            directory = cache.current_dir()
            assert directory is not None and load_catalog(directory).themes
            yaml_files = sorted(served.rglob("*.yaml"))
            yaml_files[0].write_text("{{ not: [valid yaml", encoding="utf-8")
            broken = hub.service.catalog.publish(read_catalog_files(served))  # published unchecked
            update = cache.refresh(client)
            assert update.outcome == "rejected" and update.offered_version == broken.version
            assert cache.current_version == good_version
    finally:
        hub.stop()


def test_worker_heartbeat_reaches_the_fleet_view(
    tmp_path: Path, ref_client: HubClient, reference_hub: object
) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    store.enqueue("open_cafe", citizen_payload())
    worker = SyncWorker(store, ref_client, heartbeat=lambda: {"versions": {"catalog": "v1"}, "alerts": []})
    assert worker.send_heartbeat()
    store.close()
    fleet = {t.terminal_id: t for t in reference_hub.service.fleet.terminals()}  # type: ignore[attr-defined]
    beat = fleet[TERMINAL_ID].heartbeat
    assert beat is not None and beat["queue"]["pending"] == 1 and beat["versions"] == {"catalog": "v1"}


def test_ratings_travel_as_their_own_message_and_are_not_applications(
    tmp_path: Path, ref_client: HubClient, reference_hub: object
) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    application_id = store.enqueue("open_cafe", citizen_payload(0))
    store.enqueue_rating(application_id, "open_cafe", 4)
    store.enqueue_rating(application_id, "open_cafe", 5)  # the citizen changed their mind
    worker = SyncWorker(store, ref_client)
    worker.sync_once()
    assert store.counts() == {"pending": 0, "sending": 0, "acked": 3, "dead": 0}
    store.close()
    service = reference_hub.service  # type: ignore[attr-defined]
    assert service.applications.count_by_terminal() == {TERMINAL_ID: 1}
    rated = service.ratings.by_terminal()[TERMINAL_ID]
    assert (rated.count, rated.average) == (1, 5.0)
