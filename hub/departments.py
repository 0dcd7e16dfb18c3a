"""The departments that move matters: their credentials and the matters each may move.

A department signs its requests exactly as a terminal does (hub/auth.py), under its own
secret, sealed at rest with the hub's key like the terminals' (the AES-GCM associated data
says "department:" so a sealed secret cannot pass for a terminal's). Its matters are the
catalog's matter ids given at `hub add-department NAME --matters IDS`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hub.auth import is_valid_terminal_id
from hub.clock import now_text
from hub.credentials import SecretBox, generate_secret
from hub.db import Database
from hub.errors import AuthError, HubConfigError, TerminalDisabled


@dataclass(frozen=True)
class Department:
    department_id: str
    matters: frozenset[str]
    enabled: bool
    created_at: str


def _sealing_name(department_id: str) -> str:
    return f"department:{department_id}"


class DepartmentRegistry:
    def __init__(self, db: Database, box: SecretBox) -> None:
        self._db = db
        self._box = box

    def register(self, department_id: str, matters: list[str], secret: str | None = None) -> str:
        """Create (or replace the secret and matters of) a department; returns the secret once."""
        if not is_valid_terminal_id(department_id):
            raise HubConfigError(
                f"department id {department_id!r} is not valid: use 1-64 letters, digits, '.', '_' or '-'"
            )
        wanted = sorted({m.strip() for m in matters if m.strip()})
        if not wanted:
            raise HubConfigError("a department needs at least one matter id (--matters food_business,...)")
        secret = secret if secret is not None else generate_secret()
        if len(secret) < 16:
            raise HubConfigError("a department secret must be at least 16 characters long")
        sealed = self._box.seal(_sealing_name(department_id), secret)
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO departments (department_id, sealed_secret, matters, enabled, created_at)"
                " VALUES (:did, :sealed, :matters, 1, :now) ON CONFLICT (department_id) DO UPDATE SET"
                " sealed_secret = excluded.sealed_secret, matters = excluded.matters, enabled = 1",
                {"did": department_id, "sealed": sealed, "matters": json.dumps(wanted), "now": now_text()},
            )
        return secret

    def revoke(self, department_id: str) -> bool:
        with self._db.transaction(write=True) as tx:
            return (
                tx.execute(
                    "UPDATE departments SET enabled = 0 WHERE department_id = :did", {"did": department_id}
                )
                > 0
            )

    def list(self) -> list[Department]:
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT department_id, matters, enabled, created_at FROM departments ORDER BY department_id"
            )
        return [Department(r[0], frozenset(json.loads(r[1])), bool(r[2]), r[3]) for r in rows]

    def credentials(self, department_id: str) -> tuple[str, frozenset[str]]:
        """(secret, matters); AuthError if unknown, TerminalDisabled (403) if revoked."""
        with self._db.transaction() as tx:
            row = tx.fetchone(
                "SELECT sealed_secret, matters, enabled FROM departments WHERE department_id = :did",
                {"did": department_id},
            )
        if row is None:
            raise AuthError("unknown department: register it on the hub (python main.py hub add-department)")
        if not row[2]:
            raise TerminalDisabled("this department's credentials were revoked on the hub")
        secret = self._box.open(_sealing_name(department_id), bytes(row[0]))
        if secret is None:
            raise AuthError(
                "the hub cannot read this department's secret (wrong hub key file): re-register it"
            )
        return secret, frozenset(json.loads(row[1]))
