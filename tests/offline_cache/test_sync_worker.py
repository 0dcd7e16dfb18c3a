"""SyncWorker: batches, acks delete bodies, back-off on trouble, dead on a refused item, stop on 401."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

import pytest
from outbox_fixtures import SECRET, TERMINAL_ID, citizen_payload
from stub_hub import ScriptedReply, StubHub

from offline_cache.backoff import Backoff
from offline_cache.config import SyncConfig
from offline_cache.hub_client import HubClient
from offline_cache.outbox import OutboxStore
from offline_cache.sync import SyncReport, SyncWorker

pytestmark = pytest.mark.hub


def batch_posts(hub: StubHub) -> int:
    return sum(1 for method, path, _ in hub.state.requests if path == "/v1/applications/batch")


def test_drains_in_batches_of_fifty_and_deletes_bodies(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    ids = [outbox.enqueue("cafe", citizen_payload(i, seq=i)) for i in range(120)]
    report = SyncWorker(outbox, client).sync_once()
    assert (report.sent, report.acked, report.dead, report.state) == (120, 120, 0, "idle")
    assert batch_posts(stub_hub) == 3
    assert outbox.counts() == {"pending": 0, "sending": 0, "acked": 120, "dead": 0}
    assert outbox.acked_rows_holding_body() == 0
    assert all(outbox.get_receipt(i) for i in ids)
    assert sorted(r.application_id for r in stub_hub.state.rows) == sorted(ids)


def test_503_with_retry_after_backs_off_and_loses_nothing(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    outbox.enqueue("cafe", citizen_payload())
    stub_hub.state.script.append(ScriptedReply(503, {"error": "busy"}, {"Retry-After": "42"}))
    worker = SyncWorker(outbox, client)
    report = worker.sync_once()
    assert report.state == "backoff" and report.next_attempt_in == 42 and report.released == 1
    assert outbox.counts()["pending"] == 1
    assert worker.sync_once().acked == 1


def test_network_failure_uses_full_jitter(outbox: OutboxStore, stub_hub: StubHub) -> None:
    outbox.enqueue("cafe", citizen_payload())
    stub_hub.stop()
    with HubClient(stub_hub.url, TERMINAL_ID, SECRET, timeout=(0.5, 0.5)) as down:
        worker = SyncWorker(outbox, down, rng=random.Random(1))
        waits = [worker.sync_once().next_attempt_in for _ in range(4)]
    assert all(w is not None for w in waits)
    assert [w <= cap for w, cap in zip(waits, (1, 2, 4, 8), strict=True)] == [True] * 4
    assert outbox.counts()["pending"] == 1


def test_backoff_ceiling_doubles_up_to_the_cap() -> None:
    backoff = Backoff(1.0, 600.0, random.Random(3))
    ceilings = []
    for _ in range(12):
        ceilings.append(backoff.ceiling())
        backoff.failed()
    assert ceilings[:4] == [1, 2, 4, 8] and ceilings[-1] == 600
    assert backoff.failed(retry_after_s=5000) == 600
    backoff.succeeded()
    assert backoff.ceiling() == 1


@pytest.mark.expect_log(r"hub refused this terminal's credentials \(401\)")
def test_auth_failure_stops_until_staff_resume(outbox: OutboxStore, stub_hub: StubHub) -> None:
    outbox.enqueue("cafe", citizen_payload())
    seen: list[SyncReport] = []
    with HubClient(stub_hub.url, TERMINAL_ID, "wrong-secret") as bad:
        worker = SyncWorker(outbox, bad, on_change=seen.append)
        report = worker.sync_once()
        assert report.state == "auth_failed" and worker.state == "auth_failed"
        assert "credentials" in report.errors[0]
        requests_before = len(stub_hub.state.requests)
        assert worker.sync_once().sent == 0
        assert len(stub_hub.state.requests) == requests_before
    assert seen and seen[0].state == "auth_failed"
    assert outbox.counts()["pending"] == 1
    with HubClient(stub_hub.url, TERMINAL_ID, SECRET) as good:
        worker.client = good
        worker.sync_now()
        assert worker.sync_once().state == "auth_failed"  # "send now" does not override an auth stop
        worker.resume()
        assert worker.sync_once().acked == 1


def test_refused_item_is_dead_and_the_rest_are_stored(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    ids = [outbox.enqueue("cafe", citizen_payload(seq=i)) for i in range(5)]
    stub_hub.state.reject_ids.add(ids[2])
    report = SyncWorker(outbox, client).sync_once()
    assert (report.acked, report.dead) == (4, 1)
    dead = outbox.dead_items()
    assert [d.application_id for d in dead] == [ids[2]] and dead[0].holds_body
    assert "rejected" in (dead[0].last_error or "")


@pytest.mark.expect_log(r"hub refused a whole batch \(400\); sending its \d+ items one by one")
def test_whole_batch_refused_is_split_to_find_the_bad_item(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    ids = [outbox.enqueue("cafe", citizen_payload(seq=i)) for i in range(4)]
    stub_hub.state.reject_ids.add(ids[1])
    stub_hub.state.script.append(ScriptedReply(400, {"error": "batch refused"}))
    report = SyncWorker(outbox, client).sync_once()
    assert (report.acked, report.dead) == (3, 1)
    assert [d.application_id for d in outbox.dead_items()] == [ids[1]]


def test_missing_results_are_retried_not_lost(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    ids = [outbox.enqueue("cafe", citizen_payload(seq=i)) for i in range(2)]
    stub_hub.state.script.append(ScriptedReply(200, {"results": []}))
    worker = SyncWorker(outbox, client)
    report = worker.sync_once()
    assert report.released == 2 and report.state == "backoff"
    worker.sync_now()
    assert worker.sync_once().acked == 2
    assert sorted(r.application_id for r in stub_hub.state.rows) == sorted(ids)


def test_thread_drains_then_stops(outbox: OutboxStore, client: HubClient, stub_hub: StubHub) -> None:
    drained = threading.Event()

    def on_change(report: SyncReport) -> None:
        if outbox.counts()["acked"] == 30:
            drained.set()

    worker = SyncWorker(outbox, client, on_change=on_change, config=SyncConfig(idle_poll_s=0.2))
    worker.start()
    try:
        for i in range(30):
            outbox.enqueue("cafe", citizen_payload(seq=i))
            worker.wake()
        assert drained.wait(20)
    finally:
        assert worker.stop(10)
    assert len(stub_hub.state.rows) == 30
    assert outbox.counts()["acked"] == 30


def test_heartbeat_carries_queue_counts_and_the_callers_payload(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    outbox.enqueue("cafe", citizen_payload())
    worker = SyncWorker(
        outbox, client, heartbeat=lambda: {"devices": [{"name": "printer", "status": "online"}]}
    )
    assert worker.send_heartbeat()
    beat = stub_hub.state.heartbeats[-1]
    assert beat["devices"][0]["status"] == "online"
    assert beat["queue"]["pending"] == 1 and beat["queue"]["sync_state"] == "idle"


@pytest.mark.expect_log(r"heartbeat payload callback failed; sending queue state only")
def test_heartbeat_survives_a_broken_callback_and_a_down_hub(outbox: OutboxStore, stub_hub: StubHub) -> None:
    def broken() -> dict:
        raise RuntimeError("device layer hiccup")

    with HubClient(stub_hub.url, TERMINAL_ID, SECRET) as good:
        worker = SyncWorker(outbox, good, heartbeat=broken)
        assert worker.send_heartbeat()
        queue = {**outbox.counts(), "sync_state": "idle", "oldest_pending_at": outbox.oldest_pending_at()}
        sent = stub_hub.state.heartbeats[-1]
        assert {k: v for k, v in sent.items() if k != "sequence"} == {"queue": queue}
        assert isinstance(sent["sequence"], int)  # an older heartbeat never overwrites a newer one
        stub_hub.stop()
        assert not worker.send_heartbeat()
        assert worker.state == "idle"


def test_thread_sends_heartbeats(outbox: OutboxStore, client: HubClient, stub_hub: StubHub) -> None:
    beats = threading.Event()
    worker = SyncWorker(
        outbox,
        client,
        config=SyncConfig(idle_poll_s=0.1, heartbeat_interval_s=0.1),
        heartbeat=lambda: (beats.set() if len(stub_hub.state.heartbeats) >= 2 else None) or {},
    )
    worker.start()
    try:
        assert beats.wait(20)
    finally:
        assert worker.stop(10)
    assert len(stub_hub.state.heartbeats) >= 2


def test_worker_start_recovers_items_a_crashed_run_left_sending(
    outbox: OutboxStore, client: HubClient
) -> None:
    outbox.enqueue("cafe", citizen_payload())
    outbox.claim_batch(50, 10**6)  # the previous process died here
    assert outbox.counts()["sending"] == 1
    worker = SyncWorker(outbox, client)
    assert worker.sync_once().acked == 1


def test_many_threads_enqueue_while_the_worker_syncs(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub
) -> None:
    worker = SyncWorker(outbox, client, config=SyncConfig(idle_poll_s=0.1))
    ids: list[str] = []
    lock = threading.Lock()

    def submit(n: int) -> None:
        for i in range(40):
            app_id = outbox.enqueue("cafe", citizen_payload(n, seq=i))
            with lock:
                ids.append(app_id)
            worker.wake()

    worker.start()
    try:
        threads = [threading.Thread(target=submit, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        for _ in range(200):
            if outbox.counts()["acked"] == 160:
                break
            worker.wake()
            threading.Event().wait(0.05)
    finally:
        assert worker.stop(10)
    assert len(set(ids)) == 160
    assert sorted(r.application_id for r in stub_hub.state.rows) == sorted(ids)
    assert outbox.counts() == {"pending": 0, "sending": 0, "acked": 160, "dead": 0}


def test_housekeeping_purges_expired_stubs(tmp_path, client: HubClient) -> None:  # type: ignore[no-untyped-def]
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    store = OutboxStore(
        tmp_path / "o.db", tmp_path / "k", SyncConfig(stub_retention_days=30), now=lambda: clock[0]
    )
    store.enqueue("cafe", citizen_payload())
    worker = SyncWorker(store, client)
    assert worker.sync_once().acked == 1
    assert worker.housekeeping() == 0
    clock[0] += timedelta(days=31)
    assert worker.housekeeping() == 1
    assert store.counts()["acked"] == 0
    store.close()


@pytest.mark.parametrize("status", [404, 405, 301])
def test_wrong_address_statuses_keep_items_pending(
    outbox: OutboxStore, client: HubClient, stub_hub: StubHub, status: int
) -> None:
    """A 404 from a mistyped hub address must not turn every queued application dead."""
    outbox.enqueue("cafe", citizen_payload())
    stub_hub.state.script.append(
        ScriptedReply(status, {"error": "not_found"}, {"Location": "http://127.0.0.1:9/x"})
    )
    report = SyncWorker(outbox, client).sync_once()
    assert report.state == "backoff" and report.dead == 0
    assert "check the hub address" in report.errors[0]
    assert outbox.counts()["pending"] == 1
