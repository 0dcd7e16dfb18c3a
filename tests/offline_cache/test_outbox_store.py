"""OutboxStore: durable, encrypted, bounded; nothing dropped, bodies gone once acknowledged."""

from __future__ import annotations

import os
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outbox_fixtures import CITIZENS, citizen_payload

from offline_cache.config import SyncConfig
from offline_cache.crypto import KeyFileError
from offline_cache.outbox import (
    Acknowledgement,
    ItemState,
    OutboxFull,
    OutboxItemNotFound,
    OutboxPayloadError,
    OutboxStore,
)


def test_enqueue_returns_a_uuid_that_is_pending(outbox: OutboxStore) -> None:
    app_id = outbox.enqueue("cafe", citizen_payload())
    assert uuid.UUID(app_id).version == 4
    assert outbox.counts() == {"pending": 1, "sending": 0, "acked": 0, "dead": 0}
    stub = outbox.stub(app_id)
    assert stub is not None and stub.state is ItemState.PENDING and stub.holds_body


def test_database_uses_wal_full_sync_and_secure_delete(outbox: OutboxStore) -> None:
    conn = outbox._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert os.stat(outbox.db_path).st_mode & 0o077 == 0


def test_committed_item_survives_reopen(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    app_id = store.enqueue("cafe", citizen_payload())
    store.close()
    again = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    items = again.claim_batch(50, 10**6)
    again.close()
    assert [i.application_id for i in items] == [app_id]
    assert items[0].body == citizen_payload()


def test_claim_ack_deletes_the_body_and_keeps_the_receipt(outbox: OutboxStore) -> None:
    ids = [outbox.enqueue("cafe", citizen_payload(seq=i)) for i in range(3)]
    items = outbox.claim_batch(2, 10**6)
    assert [i.application_id for i in items] == ids[:2]
    assert outbox.counts()["sending"] == 2
    outbox.mark_acked([Acknowledgement(items[0].application_id, "R-1")])
    assert outbox.get_receipt(ids[0]) == "R-1"
    stub = outbox.stub(ids[0])
    assert stub is not None and stub.state is ItemState.ACKED and not stub.holds_body
    assert outbox.acked_rows_holding_body() == 0


def test_batch_respects_byte_limit_but_always_takes_one(outbox: OutboxStore) -> None:
    big = {"blob": "x" * 5000}
    for _ in range(3):
        outbox.enqueue("cafe", big)
    assert len(outbox.claim_batch(50, 100)) == 1
    assert len(outbox.claim_batch(50, 11000)) == 2


def test_crash_while_sending_returns_items_to_pending(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    store.enqueue("cafe", citizen_payload())
    store.claim_batch(50, 10**6)
    store.close()
    again = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    assert again.counts()["sending"] == 1  # a second reader does not touch a worker's items
    assert again.recover_inflight() == 1
    assert again.counts()["pending"] == 1
    again.close()


def test_refuses_when_count_limit_reached_and_says_why(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k", SyncConfig(max_pending_count=2))
    store.enqueue("cafe", citizen_payload())
    store.enqueue("cafe", citizen_payload())
    ok, reason = store.accepting()
    assert not ok and "2" in reason and "人工窗口" in reason
    with pytest.raises(OutboxFull) as caught:
        store.enqueue("cafe", citizen_payload())
    assert "limit 2" in caught.value.message_en and caught.value.message_zh
    assert store.counts()["pending"] == 2  # nothing dropped
    item = store.claim_batch(1, 10**6)[0]
    store.mark_acked([Acknowledgement(item.application_id, "R")])
    assert store.accepting() == (True, "")
    store.close()


def test_refuses_when_bytes_limit_reached(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k", SyncConfig(max_pending_bytes=2048))
    store.enqueue("cafe", {"blob": "y" * 3000})
    with pytest.raises(OutboxFull, match="bytes"):
        store.enqueue("cafe", citizen_payload())
    store.close()


def test_refuses_when_oldest_is_too_old(tmp_path: Path) -> None:
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    store = OutboxStore(
        tmp_path / "o.db", tmp_path / "k", SyncConfig(max_pending_age_s=3600), now=lambda: clock[0]
    )
    store.enqueue("cafe", citizen_payload())
    clock[0] += timedelta(minutes=59)
    assert store.accepting()[0]
    clock[0] += timedelta(minutes=2)
    ok, reason = store.accepting()
    assert not ok and "network" in reason
    store.close()


def test_dead_items_are_kept_and_staff_can_retry(outbox: OutboxStore) -> None:
    app_id = outbox.enqueue("cafe", citizen_payload())
    outbox.claim_batch(50, 10**6)
    outbox.mark_dead(app_id, "rejected: malformed item")
    dead = outbox.dead_items()
    assert [d.application_id for d in dead] == [app_id] and dead[0].holds_body
    assert dead[0].last_error == "rejected: malformed item"
    outbox.retry_dead(app_id)
    assert outbox.counts()["pending"] == 1
    with pytest.raises(OutboxItemNotFound):
        outbox.retry_dead(app_id)


def test_purge_removes_only_expired_acked_stubs(tmp_path: Path) -> None:
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    store = OutboxStore(
        tmp_path / "o.db", tmp_path / "k", SyncConfig(stub_retention_days=30), now=lambda: clock[0]
    )
    acked = store.enqueue("cafe", citizen_payload())
    pending = store.enqueue("cafe", citizen_payload())
    store.claim_batch(1, 10**6)
    store.mark_acked([Acknowledgement(acked, "R")])
    assert store.purge_expired(clock[0] + timedelta(days=29)) == 0
    assert store.purge_expired(clock[0] + timedelta(days=31)) == 1
    assert store.stub(acked) is None and store.stub(pending) is not None
    store.close()


def test_oversized_application_is_refused_with_a_reason(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k", SyncConfig(batch_bytes=8192))
    with pytest.raises(OutboxPayloadError, match="more than one request"):
        store.enqueue("cafe", {"photo": "A" * 9000})
    assert store.counts()["pending"] == 0
    store.close()


@pytest.mark.parametrize("bad", [["not", "a", "dict"], {"when": datetime.now()}, {"x": float("nan")}])
def test_unstorable_payload_is_a_typed_error(outbox: OutboxStore, bad: object) -> None:
    with pytest.raises(OutboxPayloadError):
        outbox.enqueue("cafe", bad)  # type: ignore[arg-type]
    assert outbox.counts()["pending"] == 0


def test_empty_theme_is_a_typed_error(outbox: OutboxStore) -> None:
    with pytest.raises(OutboxPayloadError):
        outbox.enqueue(" ", citizen_payload())


def test_key_file_with_loose_permissions_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "k"
    OutboxStore(tmp_path / "o.db", key).close()
    assert os.stat(key).st_mode & 0o777 == 0o600
    os.chmod(key, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        OutboxStore(tmp_path / "o.db", key)


def test_truncated_key_file_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "k"
    key.write_bytes(b"short")
    os.chmod(key, 0o600)
    with pytest.raises(KeyFileError, match="holds 5 bytes"):
        OutboxStore(tmp_path / "o.db", key)


@pytest.mark.expect_log(r"1 outbox item\(s\) cannot be decrypted; marked dead for staff")
def test_body_under_another_key_becomes_dead_not_a_crash(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k1")
    app_id = store.enqueue("cafe", citizen_payload())
    store.close()
    other = OutboxStore(tmp_path / "o.db", tmp_path / "k2")
    assert other.claim_batch(50, 10**6) == []
    dead = other.dead_items()
    assert [d.application_id for d in dead] == [app_id] and "authentication" in (dead[0].last_error or "")
    other.close()


def test_database_wal_and_logs_hold_no_citizen_pii(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    for i in range(len(CITIZENS) * 3):
        store.enqueue("cafe", citizen_payload(i, seq=i))
    items = store.claim_batch(2, 10**6)
    store.mark_acked([Acknowledgement(i.application_id, "R") for i in items])
    files = [p for p in tmp_path.iterdir() if p.name.startswith("o.db")]
    assert any(p.name.endswith("-wal") for p in files)
    blob = b"".join(p.read_bytes() for p in files) + caplog.text.encode()
    for citizen in CITIZENS:
        for secret in (citizen["card"]["id_number"], citizen["card"]["name"], citizen["card"]["address"]):
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in blob, "PII found in clear"
    store.close()


def test_pii_check_would_catch_clear_text(tmp_path: Path) -> None:
    """Negative control: the grep above finds an ID number when it is stored in clear."""
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (CITIZENS[0]["card"]["id_number"],))
    conn.commit()
    conn.close()
    assert CITIZENS[0]["card"]["id_number"].encode() in (tmp_path / "plain.db").read_bytes()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.text(max_size=10), json_values, max_size=6))
def test_any_json_object_round_trips(outbox: OutboxStore, payload: dict) -> None:
    app_id = outbox.enqueue("cafe", payload)
    items = outbox.claim_batch(50, 10**9)
    assert [(i.application_id, i.body) for i in items] == [(app_id, payload)]
    outbox.mark_acked([Acknowledgement(app_id, None)])


def test_acknowledged_ciphertext_is_gone_from_database_and_wal(tmp_path: Path) -> None:
    """secure_delete zeroes the freed body; the checkpoint drops old page versions from the WAL."""
    store = OutboxStore(tmp_path / "o.db", tmp_path / "k")
    app_id = store.enqueue("cafe", citizen_payload())
    sealed = store._conn.execute("SELECT body FROM outbox WHERE application_id = ?", (app_id,)).fetchone()[0]
    probe = bytes(sealed[20:84])
    files = lambda: b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("o.db"))  # noqa: E731
    assert probe in files()  # control: the ciphertext is on disk while pending
    store.claim_batch(1, 10**6)
    store.mark_acked([Acknowledgement(app_id, "R")])
    store.checkpoint()
    assert probe not in files()
    store.close()


def test_oldest_pending_at_names_the_oldest_unsent_application(tmp_path) -> None:
    from datetime import UTC, datetime, timedelta

    from offline_cache.outbox import OutboxStore

    clock = [datetime(2026, 11, 27, 8, 0, tzinfo=UTC)]
    store = OutboxStore(tmp_path / "o.sqlite", tmp_path / "key", now=lambda: clock[0])
    assert store.oldest_pending_at() is None
    store.enqueue("coffee", {"n": 1})
    clock[0] += timedelta(hours=2)
    store.enqueue("coffee", {"n": 2})
    assert store.oldest_pending_at() == "2026-11-27T08:00:00+00:00"
    store.close()
