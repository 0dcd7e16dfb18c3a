"""One small database seam for the hub: SQLite by default, PostgreSQL when configured.

Both back ends run the same SQL (named `:param` placeholders, rewritten for psycopg)
inside explicit transactions that COMMIT before the API replies. SQLite runs in
WAL mode with synchronous=FULL and takes its write lock up front (BEGIN IMMEDIATE)
so a busy database waits for busy_timeout instead of failing at once.
"""

from __future__ import annotations

import queue
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from hub.errors import HubBusy, HubConfigError

POOL_TIMEOUT_S = 10.0
BUSY_TIMEOUT_MS = 10_000
_PARAM_RE = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")

Row = tuple[Any, ...]


class Transaction(Protocol):
    def execute(self, sql: str, params: dict[str, Any] | None = None) -> int: ...
    def fetchone(self, sql: str, params: dict[str, Any] | None = None) -> Row | None: ...
    def fetchall(self, sql: str, params: dict[str, Any] | None = None) -> list[Row]: ...


class Database(Protocol):
    dialect: str

    def transaction(self, write: bool = False) -> Any: ...
    def executescript(self, statements: Sequence[str]) -> None: ...
    def close(self) -> None: ...


class _SqliteTransaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> int:
        return self._conn.execute(sql, params or {}).rowcount

    def fetchone(self, sql: str, params: dict[str, Any] | None = None) -> Row | None:
        return self._conn.execute(sql, params or {}).fetchone()

    def fetchall(self, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
        return self._conn.execute(sql, params or {}).fetchall()


class SqliteDatabase:
    """A bounded pool of SQLite connections to one file."""

    dialect = "sqlite"

    def __init__(self, path: Path, pool_size: int = 8) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._pool: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._all: list[sqlite3.Connection] = []
        self._closed = False
        self._lock = threading.Lock()
        for _ in range(pool_size):
            conn = self._connect()
            self._all.append(conn)
            self._pool.put(conn)

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            raise HubConfigError(f"cannot open the hub database {self.path}: {exc}") from exc
        return conn

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._pool.get(timeout=POOL_TIMEOUT_S)
        except queue.Empty as exc:
            raise HubBusy("the hub database is busy; retry shortly") from exc
        try:
            yield conn
        finally:
            self._pool.put(conn)

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Transaction]:
        with self._connection() as conn:
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.OperationalError as exc:
                raise HubBusy(f"the hub database is locked ({exc}); retry shortly") from exc
            try:
                yield _SqliteTransaction(conn)
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                _rollback(conn)
                raise HubBusy(f"the hub database could not finish ({exc}); retry shortly") from exc
            except BaseException:
                _rollback(conn)
                raise

    def executescript(self, statements: Sequence[str]) -> None:
        with self.transaction(write=True) as tx:
            for statement in statements:
                tx.execute(statement)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        for conn in self._all:
            conn.close()


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


class _PostgresTransaction:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def _cursor(self, sql: str, params: dict[str, Any] | None) -> Any:
        return self._conn.execute(_PARAM_RE.sub(r"%(\1)s", sql), params or {})

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> int:
        return self._cursor(sql, params).rowcount

    def fetchone(self, sql: str, params: dict[str, Any] | None = None) -> Row | None:
        return self._cursor(sql, params).fetchone()

    def fetchall(self, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
        return self._cursor(sql, params).fetchall()


class PostgresDatabase:
    """A psycopg connection pool to one PostgreSQL database."""

    dialect = "postgres"

    def __init__(self, url: str, pool_size: int = 10) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        try:
            # A direct first connection fails fast (refused, bad password) where the pool would retry.
            psycopg.connect(url, connect_timeout=10).close()
            self._pool = ConnectionPool(
                url,
                min_size=1,
                max_size=pool_size,
                timeout=POOL_TIMEOUT_S,
                open=True,
                kwargs={"connect_timeout": 10},
                check=ConnectionPool.check_connection,  # drop connections the server closed (restart)
            )
            self._pool.wait(timeout=POOL_TIMEOUT_S)
        except Exception as exc:
            raise HubConfigError(f"cannot connect to the hub PostgreSQL database: {exc}") from exc

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Transaction]:
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self._pool.connection() as conn, conn.transaction():
                yield _PostgresTransaction(conn)
        except PoolTimeout as exc:
            raise HubBusy("the hub database is busy; retry shortly") from exc
        except psycopg.OperationalError as exc:
            # Connection lost, server restarting, deadlock: nothing was acknowledged, so a retry is safe.
            raise HubBusy(f"the hub database is unavailable ({type(exc).__name__}); retry shortly") from exc

    def executescript(self, statements: Sequence[str]) -> None:
        with self.transaction(write=True) as tx:
            for statement in statements:
                tx.execute(statement)

    def close(self) -> None:
        self._pool.close()


def open_database(url: str) -> SqliteDatabase | PostgresDatabase:
    """`sqlite:///relative/or//absolute/path.db` or `postgresql://user@host:port/dbname`."""
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        path = url.removeprefix("sqlite:///")
        if not path or path == url:
            raise HubConfigError(f"SQLite URL must look like sqlite:///path/to/hub.db, got {url!r}")
        return SqliteDatabase(Path(path))
    if scheme in ("postgresql", "postgres"):
        return PostgresDatabase(url)
    raise HubConfigError(f"unsupported database URL {url!r}: use sqlite:///path or postgresql://...")
