"""Nonces of signed requests, kept in the hub database so a copy is refused by every hub process.

A signed request is valid for ±WINDOW_S seconds around its timestamp (hub/auth.py). Its
nonce is recorded, per caller, until that window has passed; a second request with the
same nonce inside the window is a replay (a captured heartbeat, a repeated look-up of a
citizen's data) and is refused. After the window the timestamp check refuses it anyway,
so old rows are swept. The claim runs in one write transaction with `still_allowed`, the
caller's own "is this credential still enabled?" check, so a revocation made by any hub
process or the CLI holds at once for every process.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from hub.db import Database, Transaction
from hub.errors import AuthError, TerminalDisabled

SWEEP_EVERY_S = 30.0


class ReplayRefused(AuthError):
    """This exact signed request (its nonce) was already received inside the time window."""

    code = "replayed"


class NonceStore:
    """Records (principal, nonce) pairs until they expire; a second claim of a pair is a replay."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock
        self._next_sweep = 0.0

    def claim(
        self,
        principal: str,
        nonce: str,
        expires_at: float,
        still_allowed: Callable[[Transaction], bool] | None = None,
    ) -> None:
        """Record the nonce; ReplayRefused if it was used before, TerminalDisabled if not allowed now."""
        now = self._clock()
        with self._db.transaction(write=True) as tx:
            if now >= self._next_sweep:
                self._next_sweep = now + SWEEP_EVERY_S
                tx.execute("DELETE FROM request_nonces WHERE expires_at < :now", {"now": now})
            if still_allowed is not None and not still_allowed(tx):
                raise TerminalDisabled("these credentials were revoked on the hub")
            added = tx.execute(
                "INSERT INTO request_nonces (principal, nonce, expires_at) VALUES (:p, :n, :e) "
                "ON CONFLICT (principal, nonce) DO NOTHING",
                {"p": principal, "n": nonce, "e": expires_at},
            )
        if added == 0:
            raise ReplayRefused(
                "this signed request was already received (X-Nonce used before): "
                "every request needs a new nonce and a new signature"
            )

    def count(self) -> int:
        """Nonces currently recorded (for tests and the load bench)."""
        with self._db.transaction() as tx:
            row = tx.fetchone("SELECT COUNT(*) FROM request_nonces")
        return int(row[0]) if row else 0
