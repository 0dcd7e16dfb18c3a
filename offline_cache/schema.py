"""The terminal's SQLite schemas as sqlite-utils migration sets, and the one way to open such a file.

A terminal upgraded in the field opens the database its older software left behind:
every step below runs once, in order, and sqlite-utils records it in
`_sqlite_migrations`, so a newer program brings an older file up to date on its
first start. All pending steps run inside one `BEGIN IMMEDIATE` transaction
(sqlite-utils nests each step in a savepoint): a step that fails leaves the file as
it was, never half migrated, and a second process opening the file at the same
moment waits for the first instead of migrating it twice.

Adding a step: write a function `(db: sqlite_utils.Database) -> None` at the end of
its set, decorated with the set (`@OUTBOX()`), using sqlite-utils
(`db["outbox"].add_column(...)`, `.create_index(...)`, `db.create_view(...)`).
Never edit or reorder a step that has shipped: terminals already ran it.

The durability rules are not left to any library: `open_database` sets WAL,
synchronous=FULL and the busy timeout itself, and every writer here and in the
stores uses an explicit `BEGIN IMMEDIATE`.

sqlite-utils (which loads numpy and click with it, ~60 ms) is imported only when a step is
pending: a set is declared as `Steps`, which records the steps without it, and a file whose
steps have all run is recognised from sqlite-utils' own record table with plain sqlite3.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite_utils.migrations.Migrations.migrations_table


class Steps:
    """A migration set declared like sqlite-utils' `Migrations` (`@SET()` on each step), whose
    sqlite-utils `Migrations` is made only when a step has to run or be listed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Callable[..., None], bool]] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True) -> Callable[[Any], Any]:
        def inner(func: Any) -> Any:
            step = name or func.__name__
            if any(known == step for known, _fn, _t in self._steps):
                raise ValueError(f"Migration '{step}' is already registered in set '{self.name}'")
            self._steps.append((step, func, transactional))
            return func

        return inner

    def names(self) -> list[str]:
        return [step for step, _fn, _t in self._steps]

    def migrations(self) -> Migrations:
        """The same steps as a sqlite-utils Migrations (imports sqlite-utils)."""
        from sqlite_utils.migrations import Migrations

        real = Migrations(self.name)
        for step, func, transactional in self._steps:
            real(name=step, transactional=transactional)(func)
        return real

    def pending(self, db: sqlite_utils.Database) -> list[Any]:
        return self.migrations().pending(db)

    def applied(self, db: sqlite_utils.Database) -> list[Any]:
        return self.migrations().applied(db)

    def apply(self, db: sqlite_utils.Database, **options: Any) -> None:
        self.migrations().apply(db, **options)


OUTBOX = Steps("onestop-outbox")
CATALOG_CACHE = Steps("onestop-catalog-cache")


class SchemaError(Exception):
    """The database cannot be opened in the durable mode or brought up to date."""


def open_database(path: Path, migrations: Migrations, *, private: bool = True) -> sqlite3.Connection:
    """Open (creating) `path` in WAL, synchronous=FULL, and apply every pending step of `migrations`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists()
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        if fresh and private:
            os.chmod(path, 0o600)
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise SchemaError(f"database {path} cannot use WAL (got {mode})")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        migrate(conn, migrations)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection, migrations: Steps | Migrations) -> list[str]:
    """Apply the pending steps in one BEGIN IMMEDIATE transaction; return the names applied."""
    if isinstance(migrations, Steps):
        if _all_recorded(conn, migrations):
            return []  # every start after the first: no sqlite-utils
        migrations = migrations.migrations()
    import sqlite_utils

    db = sqlite_utils.Database(conn, execute_plugins=False)
    if not migrations.pending(db):
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        pending = [m.name for m in migrations.pending(db)]  # again, under the write lock
        migrations.apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return pending


def _all_recorded(conn: sqlite3.Connection, steps: Steps) -> bool:
    """Every step of `steps` is in sqlite-utils' record of applied steps (read only)."""
    try:
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (steps.name,)
        ).fetchall()
    except sqlite3.OperationalError:  # no record table yet: a new file, or one from before migrations
        return False
    return set(steps.names()) <= {row[0] for row in rows}


def applied_steps(conn: sqlite3.Connection, migrations: Steps | Migrations) -> list[str]:
    """Names of the steps this database has run (read only)."""
    import sqlite_utils

    return [m.name for m in migrations.applied(sqlite_utils.Database(conn, execute_plugins=False))]


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, migrate or recover anything (for technicians' views)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


# -- the outbox (outbox.sqlite) -----------------------------------------------------------


@OUTBOX()
def outbox_table(db: sqlite_utils.Database) -> None:
    """The first shape, as software before migrations created it (kept as is on such a file)."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY,
            application_id TEXT NOT NULL UNIQUE,
            theme TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_ts REAL NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'acked', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            body_bytes INTEGER NOT NULL DEFAULT 0,
            hub_receipt TEXT,
            acked_at TEXT,
            acked_ts REAL,
            body BLOB
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS outbox_state_created ON outbox (state, created_ts)")
    db.execute("CREATE INDEX IF NOT EXISTS outbox_state_bytes ON outbox (state, body_bytes)")
    db.execute("CREATE INDEX IF NOT EXISTS outbox_acked_ts ON outbox (acked_ts) WHERE state = 'acked'")


@OUTBOX()
def outbox_message_kind(db: sqlite_utils.Database) -> None:
    """Ratings (好差评) are their own message kind; earlier software queued them as theme "rating"."""
    db["outbox"].add_column("kind", str, not_null_default="application")  # type: ignore[union-attr]
    db.execute("UPDATE outbox SET kind = 'rating' WHERE theme = 'rating'")
    db.execute("CREATE INDEX IF NOT EXISTS outbox_kind_state_created ON outbox (kind, state, created_ts)")


@OUTBOX()
def outbox_technician_view(db: sqlite_utils.Database) -> None:
    """`queue`: what a technician may read, no sealed bodies (`sqlite-utils rows outbox.sqlite queue`)."""
    db.create_view(
        "queue",
        "SELECT seq, kind, application_id, theme, state, attempts, last_error, created_at, acked_at,"
        " hub_receipt, body_bytes, body IS NOT NULL AS holds_body FROM outbox ORDER BY created_ts, seq",
        ignore=True,
    )


# -- the catalog cache (catalog/cache.sqlite) ------------------------------------------------


@CATALOG_CACHE()
def catalog_versions(db: sqlite_utils.Database) -> None:
    """One row per catalog version on disk; `good` ones may be switched to, newest `stored_seq` last."""
    db["versions"].create(  # type: ignore[union-attr]
        {
            "version": str,
            "number": int,
            "published_at": str,
            "stored_at": str,
            "stored_seq": int,
            "good": int,
        },
        pk="version",
        not_null={"stored_at", "stored_seq", "good"},
        if_not_exists=True,
    )
    db["current"].create(  # type: ignore[union-attr]
        {"id": int, "version": str}, pk="id", if_not_exists=True
    )


@CATALOG_CACHE()
def catalog_adopt_pointer_file(db: sqlite_utils.Database) -> None:
    """Software before this schema kept `current.json` beside the versions; take its list over."""
    if db.conn is None or not isinstance(db.conn, sqlite3.Connection):
        return
    row = db.conn.execute("PRAGMA database_list").fetchone()
    pointer = Path(row[2]).parent / "current.json" if row and row[2] else None
    if pointer is None or not pointer.is_file():
        return
    try:
        data = json.loads(pointer.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    good = [v for v in data.get("good", []) if isinstance(v, str)] if isinstance(data, dict) else []
    for seq, version in enumerate(good, start=1):
        db["versions"].upsert(  # type: ignore[union-attr]
            {"version": version, "stored_at": "", "stored_seq": seq, "good": 1}, pk="version"
        )
    current = data.get("current") if isinstance(data, dict) else None
    if isinstance(current, str) and current in good:
        db["current"].upsert({"id": 1, "version": current}, pk="id")  # type: ignore[union-attr]
