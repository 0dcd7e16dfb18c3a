"""Application ids being stored right now, claimed in the database so every hub process sees them.

A terminal that timed out may resend while the first request is still writing, and the
copy may reach another hub process. The claim is taken inside the storing transaction and
released by its COMMIT or ROLLBACK, so nothing lives in one process's memory:

* PostgreSQL: a transaction-scoped advisory lock per (terminal, application id). The
  single-item endpoint tries it and answers a copy "in flight" (409) at once; a batch waits
  for it (bounded by lock_timeout), then sees the stored row and reports it replayed.
* SQLite: BEGIN IMMEDIATE already admits one writer at a time across processes, so a
  copy simply waits for the first to commit and is then a replay; the claim always holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from hub.db import Transaction

Key = tuple[str, str]
_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtextextended(:k, 7152026))"
_TRY_SQL = "SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 7152026))"


class InFlightKeys:
    """Claims (terminal_id, application_id) keys for the rest of a write transaction."""

    def __init__(self, dialect: str = "sqlite", wait_s: float = 5.0) -> None:
        self.dialect = dialect
        self.wait_s = wait_s

    def claim(self, tx: Transaction, keys: Iterable[Key], wait: bool) -> bool:
        """True when every key is now held by `tx`; False (single copy only) if one is busy.

        With wait=True a busy key is waited for up to wait_s; past that the database's lock
        timeout ends the transaction and the caller gets HubBusy (503, retry).
        """
        if self.dialect != "postgres":
            return True
        if wait:
            tx.execute(f"SET LOCAL lock_timeout = '{int(self.wait_s * 1000)}ms'")
        for terminal_id, application_id in sorted(set(keys)):  # one order, so batches never deadlock
            name = f"{terminal_id}\x1f{application_id}"
            if wait:
                tx.fetchone(_LOCK_SQL, {"k": name})
            else:
                row = tx.fetchone(_TRY_SQL, {"k": name})
                if not (row and row[0]):
                    return False
        return True
