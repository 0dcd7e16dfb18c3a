"""The life of one matter (事项) of an application at its department, and which moves are legal.

已提交 → 已受理 (or 不予受理, with the reason) → 审查中 ⇄ 需补正 (with what is missing)
→ 已办结 (准予 / 不予许可) → 已送达 (自取, or 快递 with the courier number).
The Guiyang seed's 电子监察 watches three stages: 申请与受理 · 审查与决定 · 颁证与送达.
Pure rules, no I/O: the departments' API, the hall staff's CLI and the tests all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    REVIEWING = "reviewing"
    NEEDS_SUPPLEMENT = "needs_supplement"
    DECIDED = "decided"
    DELIVERED = "delivered"


LABELS: dict[Status, tuple[str, str]] = {
    Status.SUBMITTED: ("已提交", "Submitted"),
    Status.ACCEPTED: ("已受理", "Accepted"),
    Status.NOT_ACCEPTED: ("不予受理", "Not accepted"),
    Status.REVIEWING: ("审查中", "Under review"),
    Status.NEEDS_SUPPLEMENT: ("需补正", "Documents needed"),
    Status.DECIDED: ("已办结", "Decided"),
    Status.DELIVERED: ("已送达", "Delivered"),
}

LEGAL_MOVES: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.NOT_ACCEPTED}),
    Status.ACCEPTED: frozenset({Status.REVIEWING, Status.NEEDS_SUPPLEMENT}),
    Status.REVIEWING: frozenset({Status.NEEDS_SUPPLEMENT, Status.DECIDED}),
    Status.NEEDS_SUPPLEMENT: frozenset({Status.REVIEWING}),
    Status.DECIDED: frozenset({Status.DELIVERED}),
    Status.NOT_ACCEPTED: frozenset(),
    Status.DELIVERED: frozenset(),
}

STAGES: dict[str, tuple[str, str]] = {
    "application": ("申请与受理", "Application and acceptance"),
    "review": ("审查与决定", "Review and decision"),
    "delivery": ("颁证与送达", "Issue and delivery"),
    "closed": ("已完结", "Closed"),
}
_STAGE_OF = {
    Status.SUBMITTED: "application",
    Status.ACCEPTED: "review",
    Status.REVIEWING: "review",
    Status.NEEDS_SUPPLEMENT: "review",
    Status.DECIDED: "delivery",
    Status.DELIVERED: "closed",
    Status.NOT_ACCEPTED: "closed",
}
OUTCOMES = {"granted": ("准予许可", "Granted"), "denied": ("不予许可", "Refused")}
DELIVERY_METHODS = {
    "pickup": ("窗口自取", "Collected at the hall"),
    "courier": ("快递送达", "Sent by courier"),
}
MAX_NOTE = 500


class IllegalChange(ValueError):
    """A move the rules refuse; `message_zh` / `message_en` say why, for the department or the clerk."""

    def __init__(self, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh


@dataclass(frozen=True)
class StatusChange:
    """What a department asks for: the new status and what that status needs said."""

    status: Status
    note: str = ""  # the reason (不予受理 / 不予许可) or what is missing (需补正)
    outcome: str | None = None  # decided: granted | denied
    delivery_method: str | None = None  # delivered: pickup | courier
    courier_number: str = ""


def stage_of(status: Status) -> str:
    return _STAGE_OF[status]


def parse_status(text: str) -> Status:
    """A status by its English id or its Chinese label (what staff type at the CLI)."""
    wanted = text.strip()
    for status, (zh, en) in LABELS.items():
        if wanted in (status.value, zh) or wanted.lower() == en.lower():
            return status
    known = ", ".join(f"{s.value} ({zh})" for s, (zh, _) in LABELS.items())
    raise IllegalChange(f"unknown status {wanted[:40]!r}; one of {known}", f"没有“{wanted[:40]}”这个状态")


def check_change(current: Status, change: StatusChange) -> None:
    """Raise IllegalChange unless `change` is a legal next step from `current`, with what it needs."""
    target = change.status
    if target not in LEGAL_MOVES[current]:
        allowed = LEGAL_MOVES[current]
        then_en = ", ".join(LABELS[s][1] for s in sorted(allowed)) or "nothing: the matter is closed"
        then_zh = "、".join(LABELS[s][0] for s in sorted(allowed)) or "无（已完结）"
        raise IllegalChange(
            f"a matter that is {LABELS[current][1]} cannot become {LABELS[target][1]}; "
            f"next may be: {then_en}",
            f"“{LABELS[current][0]}”的事项不能改为“{LABELS[target][0]}”，下一步只能是：{then_zh}",
        )
    if len(change.note) > MAX_NOTE:
        raise IllegalChange(f"the note is longer than {MAX_NOTE} characters", f"说明不能超过 {MAX_NOTE} 字")
    note = change.note.strip()
    if target == Status.NOT_ACCEPTED and not note:
        raise IllegalChange("不予受理 needs the reason (note)", "不予受理须说明理由")
    if target == Status.NEEDS_SUPPLEMENT and not note:
        raise IllegalChange("需补正 needs what is missing (note)", "需补正须一次性告知需补正的全部内容")
    if target == Status.DECIDED:
        if change.outcome not in OUTCOMES:
            raise IllegalChange("已办结 needs the outcome: granted or denied", "已办结须注明准予或不予许可")
        if change.outcome == "denied" and not note:
            raise IllegalChange("不予许可 needs the reason (note)", "不予许可须说明理由")
    if target == Status.DELIVERED:
        if change.delivery_method not in DELIVERY_METHODS:
            raise IllegalChange("已送达 needs how: pickup or courier", "已送达须注明自取或快递")
        if change.delivery_method == "courier" and not change.courier_number.strip():
            raise IllegalChange("快递 needs the courier's tracking number", "快递送达须填写快递单号")


def next_step(
    status: Status, outcome: str | None, note: str, delivery_method: str | None, courier_number: str
) -> tuple[str, str]:
    """What the citizen should expect or do now, in Chinese and English (for the tracking page)."""
    if status == Status.SUBMITTED:
        return "等待部门受理，无需操作", "Waiting for the department to accept it; nothing to do"
    if status in (Status.ACCEPTED, Status.REVIEWING):
        return "部门审查中，无需操作", "The department is reviewing it; nothing to do"
    if status == Status.NEEDS_SUPPLEMENT:
        return f"请补正：{note}", f"Please supply: {note}"
    if status == Status.NOT_ACCEPTED:
        return f"不予受理：{note}。可到大厅窗口咨询", f"Not accepted: {note}. Ask at the hall's counter"
    if status == Status.DECIDED:
        if outcome == "denied":
            return f"不予许可：{note}。决定书将送达", f"Refused: {note}. The decision will be delivered"
        return "准予许可，等待颁证送达", "Granted; the licence will be issued and delivered"
    if delivery_method == "courier":
        return f"已快递送达，快递单号 {courier_number}", f"Sent by courier, tracking number {courier_number}"
    return "已在大厅窗口领取", "Collected at the hall"
