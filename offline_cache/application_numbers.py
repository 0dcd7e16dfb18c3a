"""Short application numbers and tracking tokens, made inside the outbox's enqueue transaction.

The number (flows.application_number) counts this terminal's applications per local day
in a small counter table, updated in the same BEGIN IMMEDIATE transaction as the
application row, so a crash never leaves a number printed for a row that is not there,
nor hands the same number out twice. The tracking token is 128 random bits: the receipt's
QR carries it (not the application id), and the hub keeps only its hash.
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from offline_cache.schema import OUTBOX

if TYPE_CHECKING:
    import sqlite_utils

HALL_ZONE = "Asia/Shanghai"  # the date on the number is the hall's date, not UTC's


@OUTBOX()
def outbox_application_numbers(db: sqlite_utils.Database) -> None:
    """The short number and the QR token of each application, and the per-day counter behind the number."""
    db["outbox"].add_column("application_number", str)  # type: ignore[union-attr]
    db["outbox"].add_column("tracking_token", str)  # type: ignore[union-attr]
    db.execute("CREATE TABLE IF NOT EXISTS number_sequence (day TEXT PRIMARY KEY, last INTEGER NOT NULL)")
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS outbox_application_number ON outbox (application_number)"
        " WHERE application_number IS NOT NULL"
    )


def allocate(conn: sqlite3.Connection, terminal_id: str, now: datetime) -> tuple[str, str]:
    """The next number of the hall's day and a fresh token; call inside the enqueue transaction."""
    from zoneinfo import ZoneInfo  # with the first application: zoneinfo loads sysconfig (≈6 ms of a start)

    from flows.application_number import make_number  # python-stdnum: with the first application

    day = now.astimezone(ZoneInfo(HALL_ZONE)).date()
    row = conn.execute(
        "INSERT INTO number_sequence (day, last) VALUES (?, 1)"
        " ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last",
        (day.isoformat(),),
    ).fetchone()
    return make_number(terminal_id, day, int(row[0])), secrets.token_urlsafe(16)
