"""Hall supervisor accounts: who may open the fleet page, and the lockout that slows guessing.

Passwords are kept only as argon2id hashes (argon2-cffi's defaults: 64 MiB, t=3).
Failed logins are counted per name, whether or not that name exists, so the replies
do not tell which names are real: after MAX_FAILURES wrong passwords in a row the
name is locked for LOCK_BASE_S, doubling with every further failure up to LOCK_MAX_S.
Every attempt is counted in the database before its password is checked, so the limit
holds for parallel guesses across hub processes; a successful login clears the count.
Nothing here logs a name or a password.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hub.clock import now_text
from hub.db import Database
from hub.errors import HubConfigError, HubError

MAX_FAILURES = 5
LOCK_BASE_S = 60.0
LOCK_MAX_S = 3600.0
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_NAME_RE = re.compile(r"^[\w.@-]{1,64}$")


class LoginRefused(HubError):
    """Wrong name or password (deliberately not saying which)."""

    status = 401
    code = "unauthorized"


class LoginLocked(HubError):
    """Too many wrong passwords for this name: wait before trying again."""

    status = 429
    code = "locked"

    def __init__(self, retry_after_s: float) -> None:
        minutes = max(1, round(retry_after_s / 60))
        super().__init__(
            f"too many wrong passwords: this account is locked for about {minutes} min "
            "(账户已暂时锁定，请稍后再试)"
        )
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Supervisor:
    name: str
    created_at: str


def normalise_name(name: str) -> str:
    """Names compare case-insensitively and without surrounding blanks."""
    return name.strip().casefold()


def lock_seconds(failures: int) -> float:
    """How long a name stays locked after `failures` wrong passwords in a row (0 below the limit)."""
    if failures < MAX_FAILURES:
        return 0.0
    return min(LOCK_MAX_S, LOCK_BASE_S * 2 ** min(failures - MAX_FAILURES, 16))


class SupervisorAccounts:
    """Adds supervisors and checks their passwords, with a growing lockout per name."""

    def __init__(
        self, db: Database, clock: Callable[[], float] = time.time, hasher: PasswordHasher | None = None
    ) -> None:
        self._db = db
        self.clock = clock
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash = self._hasher.hash("not-a-real-password-only-for-timing")

    def add(self, name: str, password: str) -> Supervisor:
        """Create the account, or reset its password (and lockout) when it exists."""
        key = normalise_name(name)
        if not _NAME_RE.match(key):
            raise HubConfigError("a supervisor name is 1-64 letters, digits, '.', '_', '@' or '-'")
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise HubConfigError(
                f"a supervisor password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long"
            )
        digest = self._hasher.hash(password)
        created = now_text()
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO supervisors (name, password_hash, created_at) VALUES (:n, :h, :at) "
                "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
                {"n": key, "h": digest, "at": created},
            )
            tx.execute("DELETE FROM supervisor_login_failures WHERE name = :n", {"n": key})
        return Supervisor(key, created)

    def remove(self, name: str) -> bool:
        key = normalise_name(name)
        with self._db.transaction(write=True) as tx:
            removed = tx.execute("DELETE FROM supervisors WHERE name = :n", {"n": key})
            tx.execute("DELETE FROM supervisor_sessions WHERE name = :n", {"n": key})
        return removed > 0

    def list(self) -> list[Supervisor]:
        with self._db.transaction() as tx:
            rows = tx.fetchall("SELECT name, created_at FROM supervisors ORDER BY name")
        return [Supervisor(r[0], r[1]) for r in rows]

    def check_password(self, name: str, password: str) -> str:
        """The normalised name when the password is right; LoginLocked or LoginRefused otherwise.

        The attempt is first claimed as a failure in the database (`_claim_attempt`), and only
        a claim inside the limit gets its password checked: parallel guesses, at one hub
        process or several, can never check more passwords than the limit allows.
        """
        key = normalise_name(name)[:64]
        now = self.clock()
        claimed = self._claim_attempt(key, now)
        with self._db.transaction() as tx:
            row = tx.fetchone("SELECT password_hash FROM supervisors WHERE name = :n", {"n": key})
        if row is not None and len(password) <= MAX_PASSWORD and self._verify(row[0], password):
            self._clear_failures(key)
            return key
        if row is None:
            self._verify(self._dummy_hash, password[:MAX_PASSWORD])  # same cost as a real account
        if lock_seconds(claimed) > 0:
            self._lock_from_now(key, lock_seconds(claimed))
            raise LoginLocked(lock_seconds(claimed))
        raise LoginRefused("wrong name or password (用户名或密码错误)")

    def _verify(self, digest: str, password: str) -> bool:
        try:
            return self._hasher.verify(digest, password)
        except (VerificationError, InvalidHashError):
            return False

    def _claim_attempt(self, key: str, now: float) -> int:
        """Count this attempt as a failure before its password is checked; LoginLocked when locked.

        One write transaction holds the name (a row lock on PostgreSQL, the write lock of
        BEGIN IMMEDIATE on SQLite): read the lock, add the failure, and at the limit set the
        lock at once, so attempts racing this one are refused without a check. A right
        password clears the count afterwards. Returns the failures counted, this one included.
        """
        lock_clause = " FOR UPDATE" if self._db.dialect == "postgres" else ""
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO supervisor_login_failures (name, failures, locked_until) VALUES (:n, 0, 0) "
                "ON CONFLICT (name) DO NOTHING",
                {"n": key},
            )
            row = tx.fetchone(
                "SELECT failures, locked_until FROM supervisor_login_failures WHERE name = :n" + lock_clause,
                {"n": key},
            )
            failures, locked_until = (int(row[0]), float(row[1])) if row else (0, 0.0)
            if locked_until > now:
                raise LoginLocked(locked_until - now)
            failures += 1
            locked_until = now + lock_seconds(failures) if lock_seconds(failures) else 0.0
            tx.execute(
                "UPDATE supervisor_login_failures SET failures = :f, locked_until = :u WHERE name = :n",
                {"n": key, "f": failures, "u": locked_until},
            )
        return failures

    def _lock_from_now(self, key: str, seconds: float) -> None:
        """The lock set at the claim runs from this refusal instead (the check took a moment)."""
        until = self.clock() + seconds
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "UPDATE supervisor_login_failures SET locked_until = CASE WHEN locked_until < :u "
                "THEN :u ELSE locked_until END WHERE name = :n",
                {"n": key, "u": until},
            )

    def _clear_failures(self, key: str) -> None:
        with self._db.transaction(write=True) as tx:
            tx.execute("DELETE FROM supervisor_login_failures WHERE name = :n", {"n": key})
