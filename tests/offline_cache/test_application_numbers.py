"""Short numbers and tracking tokens are made in the enqueue transaction and travel to the hub."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from flows.application_number import normalize
from offline_cache.outbox import OutboxStore


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def open_store(tmp_path: Path, clock: Clock) -> OutboxStore:
    return OutboxStore(tmp_path / "outbox.db", tmp_path / "outbox.key", now=clock, terminal_id="XH-0001")


def test_numbers_count_per_hall_day_and_survive_a_restart(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 1, 2, 0, tzinfo=UTC))  # 10:00 in Shanghai
    store = open_store(tmp_path, clock)
    first = store.enqueue_application("coffee", {"n": 1})
    second = store.enqueue_application("coffee", {"n": 2})
    store.close()
    assert first.application_number.startswith("XH0001-261201-0001-")
    assert second.application_number.startswith("XH0001-261201-0002-")
    assert normalize(first.application_number) == first.application_number
    assert first.tracking_token != second.tracking_token and len(first.tracking_token) >= 22

    reopened = open_store(tmp_path, clock)
    third = reopened.enqueue_application("coffee", {"n": 3})
    assert third.application_number.startswith("XH0001-261201-0003-")
    clock.moment = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)  # 00:30 on 2 December in the hall
    assert reopened.enqueue_application("coffee", {"n": 4}).application_number.startswith(
        "XH0001-261202-0001-"
    )
    stub = reopened.stub(third.application_id)
    assert stub is not None and stub.application_number == third.application_number
    reopened.close()


def test_the_wire_item_carries_number_and_token_and_a_rating_carries_neither(tmp_path: Path) -> None:
    store = open_store(tmp_path, Clock(datetime(2026, 12, 1, 2, 0, tzinfo=UTC)))
    made = store.enqueue_application("coffee", {"n": 1})
    rating_id = store.enqueue("coffee", {"application_id": made.application_id, "stars": 5})
    items = {item.application_id: item.wire() for item in store.claim_batch(10, 10**6)}
    store.close()
    assert items[made.application_id]["application_number"] == made.application_number
    assert items[made.application_id]["tracking_token"] == made.tracking_token
    if rating_id in items:  # a rating may travel in its own batch
        assert "application_number" not in items[rating_id]


def test_a_failed_enqueue_uses_no_number(tmp_path: Path) -> None:
    store = open_store(tmp_path, Clock(datetime(2026, 12, 1, 2, 0, tzinfo=UTC)))
    try:
        store.enqueue_application("coffee", {"bad": float("nan")})
    except Exception:
        pass
    else:
        raise AssertionError("a NaN payload must be refused")
    made = store.enqueue_application("coffee", {"n": 1})
    store.close()
    assert made.application_number.startswith("XH0001-261201-0001-")


def test_an_outbox_from_before_numbers_is_brought_up_to_date(tmp_path: Path) -> None:
    old = sqlite3.connect(tmp_path / "outbox.db")
    old.executescript(
        """CREATE TABLE outbox (seq INTEGER PRIMARY KEY, application_id TEXT NOT NULL UNIQUE,
        theme TEXT NOT NULL, created_at TEXT NOT NULL, created_ts REAL NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'acked', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, body_bytes INTEGER NOT NULL DEFAULT 0,
        hub_receipt TEXT, acked_at TEXT, acked_ts REAL, body BLOB);
        INSERT INTO outbox (application_id, theme, created_at, created_ts, state, hub_receipt)
        VALUES ('00000000-0000-4000-8000-000000000001', 'coffee', '2026-11-30T10:00:00', 1,
        'acked', 'HUB-1');"""
    )
    old.close()
    store = open_store(tmp_path, Clock(datetime(2026, 12, 1, 2, 0, tzinfo=UTC)))
    made = store.enqueue_application("coffee", {"n": 1})
    old_stub = store.stub("00000000-0000-4000-8000-000000000001")
    store.close()
    assert made.application_number.startswith("XH0001-261201-0001-")
    assert old_stub is not None and old_stub.application_number is None and old_stub.hub_receipt == "HUB-1"
