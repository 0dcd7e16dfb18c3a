"""The terminal's SQLite files migrate in the field (sqlite-utils); a technician's look changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from offline_cache.outbox import OutboxStore
from offline_cache.queue_view import queue_report
from offline_cache.schema import OUTBOX, applied_steps, migrate, open_database

# The outbox exactly as software before the migrations created it (the first shipped schema).
OLD_OUTBOX = """
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY, application_id TEXT NOT NULL UNIQUE, theme TEXT NOT NULL,
    created_at TEXT NOT NULL, created_ts REAL NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'acked', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, body_bytes INTEGER NOT NULL DEFAULT 0,
    hub_receipt TEXT, acked_at TEXT, acked_ts REAL, body BLOB
);
CREATE INDEX outbox_state_created ON outbox (state, created_ts);
"""


def old_outbox(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(OLD_OUTBOX)
    conn.executemany(
        "INSERT INTO outbox (application_id, theme, created_at, created_ts, state, body, body_bytes)"
        " VALUES (?, ?, '2026-11-30T10:00:00.000+00:00', ?, ?, ?, 10)",
        [("a-1", "open_cafe", 1.0, "pending", b"sealed-1"), ("r-1", "rating", 2.0, "pending", b"sealed-2"),
         ("a-0", "open_cafe", 0.5, "acked", None)],
    )
    conn.commit()
    conn.close()


def digest(path: Path) -> str:
    files = sorted(path.parent.glob(path.name + "*"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def test_a_fresh_outbox_has_every_step_and_the_durable_mode(tmp_path: Path) -> None:
    store = OutboxStore(tmp_path / "o.sqlite", tmp_path / "k")
    conn = store._conn
    assert applied_steps(conn, OUTBOX) == [m.name for m in OUTBOX.pending(sqlite_utils.Database(":memory:"))]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert "kind" in {c[1] for c in conn.execute("PRAGMA table_info(outbox)")}
    store.close()


def test_an_outbox_of_older_software_is_migrated_and_keeps_its_items(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    old_outbox(path)
    before = queue_report(path)
    assert (before["pending"], before["acked"]) == (2, 1) and "not migrated" in before["note"]
    conn = open_database(path, OUTBOX)
    rows = dict(conn.execute("SELECT application_id, kind FROM outbox").fetchall())
    assert rows == {"a-1": "application", "r-1": "rating", "a-0": "application"}
    assert conn.execute("SELECT body FROM outbox WHERE application_id = 'a-1'").fetchone()[0] == b"sealed-1"
    assert migrate(conn, OUTBOX) == []  # a second start has nothing to do
    conn.close()
    after = queue_report(path)
    assert after["by_kind"] == {"application": {"pending": 1, "acked": 1}, "rating": {"pending": 1}}
    assert [i["application_id"] for i in after["unsent"]] == ["a-1", "r-1"]
    assert all("body" not in item for item in after["unsent"])


def test_the_technicians_view_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    old_outbox(path)
    seen = digest(path)
    report = queue_report(path, tmp_path / "no-catalog")
    assert report["pending"] == 2 and report["catalog_version"] is None
    assert digest(path) == seen
    assert applied_steps(sqlite3.connect(path), OUTBOX) == []  # not migrated behind the kiosk's back


def test_a_failing_step_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    steps = Migrations("test-set")

    @steps()
    def add_table(db: sqlite_utils.Database) -> None:
        db["things"].create({"id": int}, pk="id")  # type: ignore[union-attr]

    @steps()
    def broken(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")

    path = tmp_path / "t.sqlite"
    with pytest.raises(sqlite3.OperationalError):
        open_database(path, steps)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "things" not in names and applied_steps(conn, steps) == []
