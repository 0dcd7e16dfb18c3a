"""Where each matter of each application stands, who moved it and when, and when it is due.

An application that arrives with a short number (flows.application_number) gets one row
per matter, 已提交, in the same transaction that stores the application. Departments and
hall staff move the rows through hub.matter_status's rules; every move is kept as an event
(who, when, note) and, when a notifier is configured, queued for it in the same transaction.
The committed limit runs from the day of 受理 in Chinese working days (hub.workdays).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flows.application_number import ApplicationNumberError, normalize
from hub.clock import now_text
from hub.db import Database, Transaction
from hub.errors import HubError, NotFound
from hub.matter_facts import MatterFactsBook
from hub.matter_status import IllegalChange, Status, StatusChange, check_change, stage_of
from hub.models import ApplicationIn
from hub.workdays import add_working_days, working_days_between

HALL_TIME = ZoneInfo("Asia/Shanghai")
DUE_SOON_DAYS = 2
RATING_THEME = "rating"  # 好差评 items travel as their own small outbox items, never tracked


def hall_today() -> date:
    return datetime.now(UTC).astimezone(HALL_TIME).date()


class ChangeRefused(HubError):
    status = 409
    code = "illegal_transition"


class OtherDepartment(HubError):
    status = 403
    code = "forbidden"


def holder_check(application_number: str, id_last4: str) -> str:
    """What the hub keeps to recognise 'number + last 4 of the ID number' without keeping the digits."""
    return hashlib.sha256(f"{application_number}:{id_last4.strip().upper()}".encode()).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def mask_name(name: str) -> str:
    """张三丰 → 张**: the surname only, the rest starred (the tracking page's only personal datum)."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


@dataclass(frozen=True)
class MatterRow:
    application_number: str
    matter_id: str
    name_zh: str
    name_en: str
    department_zh: str
    department_en: str
    days_after: int
    status: Status
    outcome: str | None
    note: str
    delivery_method: str | None
    courier_number: str
    accepted_on: date | None
    due_on: date | None
    due_exact: bool
    finished_on: date | None
    updated_at: str
    theme: str
    submitted_at: str

    @property
    def stage(self) -> str:
        return stage_of(self.status)

    def timeliness(self, today: date) -> str:
        """none (clock not started), on_time, due_soon (≤ 2 working days left), overdue,
        done_on_time, done_late."""
        if self.due_on is None:
            return "none"
        if self.finished_on is not None:
            return "done_on_time" if self.finished_on <= self.due_on else "done_late"
        if today > self.due_on:
            return "overdue"
        return "due_soon" if working_days_between(today, self.due_on) <= DUE_SOON_DAYS else "on_time"


_ROW_SELECT = (
    "SELECT m.application_number, m.matter_id, m.name_zh, m.name_en, m.department_zh, m.department_en,"
    " m.days_after, m.status, m.outcome, m.note, m.delivery_method, m.courier_number, m.accepted_on,"
    " m.due_on, m.due_exact, m.finished_on, m.updated_at, t.theme, t.submitted_at"
    " FROM matter_statuses m JOIN tracked_applications t ON t.application_number = m.application_number"
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _row(r: tuple[Any, ...]) -> MatterRow:
    return MatterRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        int(r[6]),
        Status(r[7]),
        r[8],
        r[9] or "",
        r[10],
        r[11] or "",
        _day(r[12]),
        _day(r[13]),
        bool(r[14]),
        _day(r[15]),
        r[16],
        r[17],
        r[18],
    )


class MatterProgress:
    """Registers tracked applications and moves their matters."""

    def __init__(
        self,
        db: Database,
        facts: MatterFactsBook,
        today: Callable[[], date] = hall_today,
    ) -> None:
        self._db = db
        self._facts = facts
        self.today = today
        self.notice_queued: Callable[[], None] | None = None  # set with a webhook: queue, then wake it

    # -- arrival (inside the applications' own transaction) ----------------

    def register(self, tx: Transaction, terminal_id: str, items: Iterable[ApplicationIn], at: str) -> None:
        for item in items:
            if not item.application_number or item.theme == RATING_THEME:
                continue
            body = item.body
            applicant = item.body_part("applicant")
            id_number = str(applicant.get("id_number", ""))
            delivery = item.body_part("delivery")
            inserted = tx.execute(
                "INSERT INTO tracked_applications (application_number, terminal_id, application_id, theme,"
                " token_hash, masked_name, holder_check, delivery_method, submitted_at) VALUES"
                " (:num, :tid, :aid, :theme, :token, :name, :holder, :delivery, :at)"
                " ON CONFLICT (application_number) DO NOTHING",
                {
                    "num": item.application_number,
                    "tid": terminal_id,
                    "aid": str(item.application_id),
                    "theme": item.theme,
                    "token": token_hash(item.tracking_token) if item.tracking_token else None,
                    "name": mask_name(str(applicant.get("name", ""))),
                    "holder": holder_check(item.application_number, id_number[-4:]),
                    "delivery": str(delivery.get("method", "pickup"))[:16],
                    "at": at,
                },
            )
            if not inserted:
                continue
            version = body.get("catalog_version") if isinstance(body.get("catalog_version"), str) else None
            matters = body.get("matters") if isinstance(body.get("matters"), list) else []
            for matter_id in dict.fromkeys(str(m) for m in matters):
                facts = self._facts.facts(version, matter_id)
                tx.execute(
                    "INSERT INTO matter_statuses (application_number, matter_id, name_zh, name_en,"
                    " department_zh, department_en, days_after, status, updated_at) VALUES"
                    " (:num, :mid, :nzh, :nen, :dzh, :den, :days, 'submitted', :at)",
                    {
                        "num": item.application_number,
                        "mid": matter_id,
                        "nzh": facts.name_zh,
                        "nen": facts.name_en,
                        "dzh": facts.department_zh,
                        "den": facts.department_en,
                        "days": facts.days_after,
                        "at": at,
                    },
                )
                self._event(
                    tx, item.application_number, matter_id, Status.SUBMITTED, "", f"terminal:{terminal_id}"
                )

    # -- moves -----------------------------------------------------------

    def change(
        self,
        number: str,
        matter_id: str,
        change: StatusChange,
        actor: str,
        allowed_matters: frozenset[str] | None = None,
    ) -> MatterRow:
        """Apply one legal move; ChangeRefused (409) with the reason, OtherDepartment (403), NotFound."""
        number = self.canonical(number)
        if allowed_matters is not None and matter_id not in allowed_matters:
            raise OtherDepartment(f"matter {matter_id[:60]!r} belongs to another department (非本部门事项)")
        lock = " FOR UPDATE OF m" if self._db.dialect == "postgres" else ""
        today = self.today()
        with self._db.transaction(write=True) as tx:
            found = tx.fetchone(
                _ROW_SELECT + " WHERE m.application_number = :num AND m.matter_id = :mid" + lock,
                {"num": number, "mid": matter_id},
            )
            if found is None:
                raise NotFound(f"application {number} has no matter {matter_id[:60]!r}")
            current = _row(found)
            try:
                check_change(current.status, change)
            except IllegalChange as exc:
                raise ChangeRefused(f"{exc.message_zh} ({exc.message_en})") from None
            updates = self._updates(current, change, today)
            tx.execute(
                "UPDATE matter_statuses SET "
                + ", ".join(f"{k} = :{k}" for k in updates)
                + " WHERE application_number = :num AND matter_id = :mid",
                {**updates, "num": number, "mid": matter_id},
            )
            event_at = self._event(tx, number, matter_id, change.status, change.note.strip(), actor)
            if self.notice_queued is not None:
                self._queue_notice(tx, number, matter_id, change, event_at)
            row = tx.fetchone(
                _ROW_SELECT + " WHERE m.application_number = :num AND m.matter_id = :mid",
                {"num": number, "mid": matter_id},
            )
        assert row is not None
        if self.notice_queued is not None:
            self.notice_queued()  # after COMMIT: the notifier's thread sends it, never this request
        return _row(row)

    def _updates(self, current: MatterRow, change: StatusChange, today: date) -> dict[str, Any]:
        updates: dict[str, Any] = {
            "status": change.status.value,
            "note": change.note.strip(),
            "updated_at": now_text(),
        }
        if change.status == Status.ACCEPTED:
            due = add_working_days(today, current.days_after)
            updates |= {
                "accepted_on": today.isoformat(),
                "due_on": due.due_on.isoformat(),
                "due_exact": int(due.exact),
            }
        if change.status == Status.DECIDED:
            updates |= {"outcome": change.outcome, "finished_on": today.isoformat()}
        if change.status == Status.NOT_ACCEPTED:
            updates |= {"finished_on": today.isoformat()}
        if change.status == Status.DELIVERED:
            updates |= {
                "delivery_method": change.delivery_method,
                "courier_number": change.courier_number.strip()[:64],
            }
        if change.status == Status.DELIVERED and not updates["note"]:
            updates["note"] = current.note  # keep the decision's reason beside the delivery
        return updates

    def _event(
        self, tx: Transaction, number: str, matter_id: str, status: Status, note: str, actor: str
    ) -> str:
        at = now_text()
        tx.execute(
            "INSERT INTO matter_events (application_number, matter_id, status, note, actor, at)"
            " VALUES (:num, :mid, :status, :note, :actor, :at)",
            {"num": number, "mid": matter_id, "status": status.value, "note": note, "actor": actor, "at": at},
        )
        return at

    def _queue_notice(
        self, tx: Transaction, number: str, matter_id: str, change: StatusChange, at: str
    ) -> None:
        """The webhook's copy: the number, the matter and the new status; no personal data."""
        payload = {
            "application_number": number,
            "matter_id": matter_id,
            "status": change.status.value,
            "outcome": change.outcome,
            "delivery_method": change.delivery_method,
            "courier_number": change.courier_number or None,
            "at": at,
        }
        tx.execute(
            "INSERT INTO status_notifications (payload, attempts, next_at, state)"
            " VALUES (:payload, 0, 0, 'pending')",
            {"payload": json.dumps(payload, ensure_ascii=False, sort_keys=True)},
        )

    # -- reading -----------------------------------------------------------

    @staticmethod
    def canonical(number: str) -> str:
        try:
            return normalize(number)
        except ApplicationNumberError as exc:
            raise HubError(f"{exc.message_zh} ({exc.message_en})") from None

    def matters_of(self, number: str) -> list[MatterRow]:
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                _ROW_SELECT + " WHERE m.application_number = :num ORDER BY m.matter_id", {"num": number}
            )
        return [_row(r) for r in rows]

    def rows(
        self,
        matters: frozenset[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        theme: str | None = None,
    ) -> list[MatterRow]:
        """Matter rows, optionally only these matters, submitted in [since, until), of one theme."""
        where, params = [], {}
        if since:
            where.append("t.submitted_at >= :since")
            params["since"] = since
        if until:
            where.append("t.submitted_at < :until")
            params["until"] = until
        if theme:
            where.append("t.theme = :theme")
            params["theme"] = theme
        sql = _ROW_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        with self._db.transaction() as tx:
            found = [_row(r) for r in tx.fetchall(sql + " ORDER BY t.submitted_at, m.matter_id", params)]
        return [r for r in found if matters is None or r.matter_id in matters]

    def events(self, number: str) -> list[tuple[str, str, str, str, str]]:
        """(matter_id, status, note, actor, at) of every move, oldest first (for staff and audits)."""
        with self._db.transaction() as tx:
            rows = tx.fetchall(
                "SELECT matter_id, status, note, actor, at FROM matter_events"
                " WHERE application_number = :num ORDER BY seq",
                {"num": number},
            )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def find_number(
        self, *, token: str | None = None, number: str | None = None, id_last4: str | None = None
    ) -> str | None:
        """The application number a receipt token, or a number with the ID's last 4, names; else None."""
        with self._db.transaction() as tx:
            if token is not None:
                row = tx.fetchone(
                    "SELECT application_number FROM tracked_applications WHERE token_hash = :h",
                    {"h": token_hash(token)},
                )
            else:
                canonical = self.canonical(number or "")
                row = tx.fetchone(
                    "SELECT application_number FROM tracked_applications"
                    " WHERE application_number = :num AND holder_check = :check",
                    {"num": canonical, "check": holder_check(canonical, id_last4 or "")},
                )
        return row[0] if row else None

    def masked_name(self, number: str) -> str:
        with self._db.transaction() as tx:
            row = tx.fetchone(
                "SELECT masked_name FROM tracked_applications WHERE application_number = :num",
                {"num": number},
            )
        return row[0] if row else ""
