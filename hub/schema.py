"""The hub's tables, created on start-up; the same shape on SQLite and PostgreSQL.

`applications` keeps one row per (terminal_id, application_id) forever (a unique
index, not a cache), with the hash of the body so a second delivery of the same
id can be told apart: same body → replayed, other body → conflict.
Times are stored as fixed-width ISO-8601 UTC text (`2026-11-27T19:12:00.000000Z`),
which sorts the same as the instants it names on both back ends.
Supervisor lockouts and sessions keep unix seconds (DOUBLE PRECISION) so their
expiry is a plain comparison with an injectable clock.
"""

from __future__ import annotations

from hub.citizen_memory import CITIZEN_MEMORY_TABLE
from hub.db import Database
from hub.tallies import TALLY_TABLE, fill_if_new

# Progress tracking (hub/matter_progress.py, hub/departments.py, hub/notifier.py): departments'
# credentials, one row per tracked application and per matter, every move, and the notifier's queue.
# Days (accepted_on, due_on, finished_on) are ISO dates in the hall's time zone.
TRACKING_TABLES = [
    """CREATE TABLE IF NOT EXISTS departments (
        department_id TEXT PRIMARY KEY,
        sealed_secret {blob} NOT NULL,
        matters TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS tracked_applications (
        application_number TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        application_id TEXT NOT NULL,
        theme TEXT NOT NULL,
        token_hash TEXT,
        masked_name TEXT NOT NULL,
        holder_check TEXT NOT NULL,
        delivery_method TEXT NOT NULL,
        submitted_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS tracked_by_token ON tracked_applications (token_hash)",
    "CREATE INDEX IF NOT EXISTS tracked_by_time ON tracked_applications (submitted_at)",
    """CREATE TABLE IF NOT EXISTS matter_statuses (
        application_number TEXT NOT NULL,
        matter_id TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        department_zh TEXT NOT NULL,
        department_en TEXT NOT NULL,
        days_after INTEGER NOT NULL,
        status TEXT NOT NULL,
        outcome TEXT,
        note TEXT,
        delivery_method TEXT,
        courier_number TEXT,
        accepted_on TEXT,
        due_on TEXT,
        due_exact INTEGER,
        finished_on TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (application_number, matter_id)
    )""",
    """CREATE TABLE IF NOT EXISTS matter_events (
        seq {serial},
        application_number TEXT NOT NULL,
        matter_id TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS matter_events_by_number ON matter_events (application_number, seq)",
    """CREATE TABLE IF NOT EXISTS status_notifications (
        seq {serial},
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_at DOUBLE PRECISION NOT NULL,
        state TEXT NOT NULL,
        last_error TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS status_notifications_due ON status_notifications (state, next_at)",
]

_COMMON = [
    """CREATE TABLE IF NOT EXISTS terminals (
        terminal_id TEXT PRIMARY KEY,
        sealed_secret {blob} NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS applications (
        seq {serial},
        terminal_id TEXT NOT NULL,
        application_id TEXT NOT NULL,
        theme TEXT NOT NULL,
        created_at TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        body TEXT NOT NULL,
        receipt TEXT NOT NULL,
        received_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS applications_by_time ON applications (terminal_id, received_at)",
    # The fleet page's last 24 hours per hour and theme: a range of this index, not the whole table.
    "CREATE INDEX IF NOT EXISTS applications_by_received ON applications (received_at, theme)",
    "CREATE UNIQUE INDEX IF NOT EXISTS applications_receipt ON applications (receipt)",
    """CREATE TABLE IF NOT EXISTS heartbeats (
        terminal_id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        payload TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS supervisors (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS supervisor_login_failures (
        name TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until DOUBLE PRECISION NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS supervisor_sessions (
        token_hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS request_nonces (
        principal TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (principal, nonce)
    )""",
    "CREATE INDEX IF NOT EXISTS request_nonces_by_expiry ON request_nonces (expires_at)",
    # The newest heartbeat sequence per terminal: an older heartbeat never overwrites a newer one.
    """CREATE TABLE IF NOT EXISTS heartbeat_sequences (
        terminal_id TEXT PRIMARY KEY,
        sequence BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS catalog_versions (
        version TEXT PRIMARY KEY,
        published_at TEXT NOT NULL,
        files TEXT NOT NULL
    )""",
    *TRACKING_TABLES,
    # Each publish-catalog adds a row; the newest number is the catalog terminals get (hub/catalog.py).
    """CREATE TABLE IF NOT EXISTS catalog_publications (
        number {serial},
        version TEXT NOT NULL,
        published_at TEXT NOT NULL
    )""",
    # 好差评: one row per rated application (a corrected rating replaces it), never counted as an
    # application (hub/ratings.py).
    """CREATE TABLE IF NOT EXISTS ratings (
        terminal_id TEXT NOT NULL,
        application_id TEXT NOT NULL,
        rating_id TEXT NOT NULL,
        theme TEXT NOT NULL,
        stars INTEGER NOT NULL,
        rated_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (terminal_id, application_id)
    )""",
    "CREATE INDEX IF NOT EXISTS ratings_by_time ON ratings (received_at)",
    # Applications and ratings per (terminal, theme), kept by their writers (hub/tallies.py).
    TALLY_TABLE,
    # The delivery method each citizen chose last, keyed by an HMAC of the ID number (hub/citizen_memory.py).
    CITIZEN_MEMORY_TABLE,
]

DEDUP_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS applications_once ON applications (terminal_id, application_id)"
)
DROP_DEDUP_INDEX = "DROP INDEX IF EXISTS applications_once"

_TYPES = {
    "sqlite": {"blob": "BLOB", "serial": "INTEGER PRIMARY KEY AUTOINCREMENT"},
    "postgres": {"blob": "BYTEA", "serial": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"},
}


def create_schema(db: Database, dedup: bool = True) -> None:
    """Create missing tables; with dedup=False (negative-control tests only) drop the unique index."""
    types = _TYPES[db.dialect]
    statements = [s.format(**types) for s in _COMMON]
    statements.append(DEDUP_INDEX if dedup else DROP_DEDUP_INDEX)
    if db.dialect == "postgres":
        statements.insert(0, "SELECT pg_advisory_xact_lock(7152026)")  # one schema creator at a time
    with db.transaction(write=True) as tx:
        for statement in statements:
            tx.execute(statement)
        fill_if_new(tx)
