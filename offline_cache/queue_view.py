"""What a technician may read of a terminal's queue and catalog, without changing anything.

`python main.py queue [--json]` runs beside a working kiosk, or on a disk taken out of one:
it opens the outbox and the catalog cache read-only (`mode=ro`), so it never migrates a
file, never puts an item back to pending, never takes a write lock. It reads the
outbox's `queue` view (no sealed bodies: ids, kind, state, attempts, last error), never
decrypts anything, and needs no key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from offline_cache.schema import open_read_only

STATES = ("pending", "sending", "acked", "dead")
UNSENT = ("pending", "sending", "dead")
MAX_ITEMS = 500


def queue_report(outbox_path: Path, catalog_dir: Path | None = None) -> dict[str, Any]:
    """Counts by state and by kind, the unsent items (oldest first, at most 500) and the catalog in use."""
    report: dict[str, Any] = {state: 0 for state in STATES}
    report["by_kind"] = {}
    report["unsent"] = []
    if outbox_path.exists():
        conn = open_read_only(outbox_path)
        try:
            report.update(_outbox(conn))
        finally:
            conn.close()
    if catalog_dir is not None:
        report.update(catalog_report(catalog_dir))
    return report


def _outbox(conn: sqlite3.Connection) -> dict[str, Any]:
    found: dict[str, Any] = {state: 0 for state in STATES}
    for state, count in conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"):
        found[state] = int(count)
    views = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    if "queue" not in views:  # written by software before the migrations: counts only
        found["note"] = "outbox not migrated yet (the kiosk migrates it when it starts)"
        return found
    by_kind: dict[str, dict[str, int]] = {}
    for kind, state, count in conn.execute("SELECT kind, state, count(*) FROM queue GROUP BY kind, state"):
        by_kind.setdefault(kind, {})[state] = int(count)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT kind, application_id, theme, state, attempts, last_error, created_at FROM queue"
        " WHERE state IN (?, ?, ?) LIMIT ?",
        (*UNSENT, MAX_ITEMS),
    ).fetchall()
    found["by_kind"] = by_kind
    found["unsent"] = [dict(row) for row in rows]
    return found


def catalog_report(catalog_dir: Path) -> dict[str, Any]:
    """The catalog version the terminal holds from the hub (None: it runs its built-in one)."""
    index = catalog_dir / "cache.sqlite"
    empty = {"catalog_version": None, "catalog_number": None, "catalog_stored_at": None}
    if not index.exists():
        return empty
    conn = open_read_only(index)
    try:
        row = conn.execute(
            "SELECT v.version, v.number, v.stored_at FROM current c JOIN versions v ON v.version = c.version"
            " WHERE c.id = 1 AND v.good = 1"
        ).fetchone()
    except sqlite3.DatabaseError:
        return empty
    finally:
        conn.close()
    if row is None:
        return empty
    return {"catalog_version": row[0], "catalog_number": row[1], "catalog_stored_at": row[2]}
