"""Supervisor sessions: the random cookie token that stands for a logged-in supervisor.

The browser holds a random token (HttpOnly, SameSite=Strict cookie); the database keeps
only its SHA-256, so a copied database holds no live session. Each session has its own
CSRF token for the page's forms and a server-side expiry (an absolute lifetime: the page
refreshes itself, so an idle timeout would never fire). Logout deletes the row.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from hub.db import Database

DEFAULT_LIFETIME_S = 8 * 3600.0
MAX_TOKEN_CHARS = 128


@dataclass(frozen=True)
class SupervisorSession:
    name: str
    csrf_token: str
    expires_at: float


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SupervisorSessions:
    """Opens, looks up and closes supervisor sessions in the hub database."""

    def __init__(
        self, db: Database, lifetime_s: float = DEFAULT_LIFETIME_S, clock: Callable[[], float] = time.time
    ) -> None:
        self._db = db
        self.lifetime_s = lifetime_s
        self.clock = clock

    def open(self, name: str) -> tuple[str, SupervisorSession]:
        """A new session for `name`: (cookie token, session). Expired rows are swept here."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        session = SupervisorSession(name, secrets.token_urlsafe(24), now + self.lifetime_s)
        with self._db.transaction(write=True) as tx:
            tx.execute("DELETE FROM supervisor_sessions WHERE expires_at <= :now", {"now": now})
            tx.execute(
                "INSERT INTO supervisor_sessions (token_hash, name, csrf_token, created_at, expires_at) "
                "VALUES (:h, :n, :c, :now, :exp)",
                {"h": _token_hash(token), "n": name, "c": session.csrf_token, "now": now,
                 "exp": session.expires_at},
            )
        return token, session

    def find(self, token: str | None) -> SupervisorSession | None:
        """The live session behind a cookie token, or None (missing, unknown, expired)."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            return None
        with self._db.transaction() as tx:
            row = tx.fetchone(
                "SELECT s.name, s.csrf_token, s.expires_at FROM supervisor_sessions s "
                "JOIN supervisors a ON a.name = s.name WHERE s.token_hash = :h",
                {"h": _token_hash(token)},
            )
        if row is None or row[2] <= self.clock():
            return None
        return SupervisorSession(row[0], row[1], row[2])

    def close(self, token: str | None) -> None:
        if token and len(token) <= MAX_TOKEN_CHARS:
            with self._db.transaction(write=True) as tx:
                tx.execute("DELETE FROM supervisor_sessions WHERE token_hash = :h", {"h": _token_hash(token)})
