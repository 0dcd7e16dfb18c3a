"""The registry of terminals and their sealed secrets: who may talk to the hub."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from hub.auth import is_valid_terminal_id
from hub.clock import now_text
from hub.credentials import SecretBox, generate_secret
from hub.db import Database, Transaction
from hub.errors import AuthError, HubConfigError, TerminalDisabled


@dataclass(frozen=True)
class TerminalInfo:
    terminal_id: str
    enabled: bool
    created_at: str


SECRET_CACHE_S = 5.0


def advance_heartbeat_sequence(tx: Transaction, terminal_id: str, sequence: int) -> bool:
    """Record `sequence` as the terminal's newest heartbeat; False (nothing changed) for an older one.

    Heartbeats can arrive out of order (a retried one after a newer one); the hub keeps the
    one with the highest sequence, so an old "all fine" never hides a newer "call staff".
    Run inside the transaction that stores the heartbeat, so two hub processes agree.
    """
    changed = tx.execute(
        "INSERT INTO heartbeat_sequences (terminal_id, sequence) VALUES (:tid, :seq) "
        "ON CONFLICT (terminal_id) DO UPDATE SET sequence = excluded.sequence "
        "WHERE heartbeat_sequences.sequence < excluded.sequence",
        {"tid": terminal_id, "seq": sequence},
    )
    return changed > 0


class TerminalRegistry:
    """Adds, revokes and looks up terminal credentials in the hub database.

    Opened secrets are cached for SECRET_CACHE_S seconds, so a request usually costs no
    decryption; whether the terminal is still enabled is read again on every request, in the
    transaction that records its nonce (`still_enabled`), so a revocation by any hub process
    or the CLI holds at once everywhere.
    """

    def __init__(self, db: Database, box: SecretBox) -> None:
        self._db = db
        self._box = box
        self._cache: dict[str, tuple[float, str]] = {}
        self._cache_lock = threading.Lock()

    def _forget(self, terminal_id: str) -> None:
        with self._cache_lock:
            self._cache.pop(terminal_id, None)

    def cached_secret(self, terminal_id: str) -> str | None:
        """The secret if it was looked up less than SECRET_CACHE_S ago (never touches the database)."""
        with self._cache_lock:
            entry = self._cache.get(terminal_id)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def register(self, terminal_id: str, secret: str | None = None) -> str:
        """Store (or replace) a terminal's secret and enable it; returns the secret."""
        if not is_valid_terminal_id(terminal_id):
            raise HubConfigError(
                f"terminal id {terminal_id!r} is not valid: use 1-64 letters, digits, '.', '_' or '-'"
            )
        secret = secret if secret is not None else generate_secret()
        if len(secret) < 16:
            raise HubConfigError("a terminal secret must be at least 16 characters long")
        sealed = self._box.seal(terminal_id, secret)
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO terminals (terminal_id, sealed_secret, enabled, created_at) "
                "VALUES (:tid, :sealed, 1, :now) "
                "ON CONFLICT (terminal_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, enabled = 1",
                {"tid": terminal_id, "sealed": sealed, "now": now_text()},
            )
        self._forget(terminal_id)
        return secret

    def revoke(self, terminal_id: str) -> bool:
        with self._db.transaction(write=True) as tx:
            changed = tx.execute(
                "UPDATE terminals SET enabled = 0 WHERE terminal_id = :tid", {"tid": terminal_id}
            )
        self._forget(terminal_id)
        return changed > 0

    def list(self) -> list[TerminalInfo]:
        with self._db.transaction() as tx:
            rows = tx.fetchall("SELECT terminal_id, enabled, created_at FROM terminals ORDER BY terminal_id")
        return [TerminalInfo(r[0], bool(r[1]), r[2]) for r in rows]

    @staticmethod
    def still_enabled(tx: Transaction, terminal_id: str) -> bool:
        """Read inside the caller's transaction: is this terminal registered and not revoked?"""
        row = tx.fetchone("SELECT enabled FROM terminals WHERE terminal_id = :tid", {"tid": terminal_id})
        return bool(row and row[0])

    def secret_for(self, terminal_id: str) -> str:
        """The terminal's secret; AuthError if unknown, TerminalDisabled if revoked."""
        with self._db.transaction() as tx:
            row = tx.fetchone(
                "SELECT sealed_secret, enabled FROM terminals WHERE terminal_id = :tid", {"tid": terminal_id}
            )
        if row is None:
            raise AuthError("unknown terminal: register it on the hub (python -m hub add-terminal ID)")
        if not row[1]:
            raise TerminalDisabled("this terminal's credentials were revoked on the hub")
        secret = self._box.open(terminal_id, bytes(row[0]))
        if secret is None:
            raise AuthError("the hub cannot read this terminal's secret (wrong hub key file): re-register it")
        with self._cache_lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[terminal_id] = (time.monotonic() + SECRET_CACHE_S, secret)
        return secret
