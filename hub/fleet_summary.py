"""Reading a heartbeat for the supervisor: device trouble, queue depth, versions, open alerts.

Heartbeats are stored exactly as the terminal sent them, and terminals of different
software versions send slightly different shapes, so every reader here accepts any
JSON value and falls back to "unknown" instead of failing: one odd terminal must not
blank the whole fleet page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hub.models import DeviceState, FleetAlert, QueueState, Severity

MAX_TEXT = 200
MAX_ROWS = 32

_STATUS_LABELS: dict[str, tuple[Severity, str]] = {
    "online": ("ok", "正常 online"),
    "offline": ("error", "离线 offline"),
    "noDevice": ("error", "未连接 no device"),
    "hardwareError": ("error", "硬件故障 hardware error"),
    "userError": ("warn", "操作错误 user error"),
    "deviceBusy": ("warn", "忙 busy"),
}
_PAPER_LABELS: dict[str, tuple[Severity, str]] = {
    "out": ("error", "缺纸 paper out"),
    "low": ("warn", "纸少 paper low"),
}
_RANK = {"ok": 0, "warn": 1, "error": 2}


def _text(value: Any, default: str = "") -> str:
    if value is None:
        return default
    return str(value)[:MAX_TEXT]


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return max(0, int(value)) if abs(value) < 2**53 else None


def device_state(row: Any, index: int = 0) -> DeviceState:
    """One device row (name, kind, status, paper, detail) with its severity and bilingual label."""
    row = row if isinstance(row, dict) else {"status": row}
    status = _text(row.get("status"), "unknown")
    paper = row.get("paper", row.get("paper_status"))
    paper = _text(paper) if paper is not None else None
    severity, label = _STATUS_LABELS.get(status, ("warn", f"未知 {status}"))
    if paper in _PAPER_LABELS and _RANK[_PAPER_LABELS[paper][0]] >= _RANK[severity]:
        severity, label = _PAPER_LABELS[paper]
    return DeviceState(
        name=_text(row.get("name"), f"device {index + 1}"),
        kind=_text(row.get("kind")),
        status=status,
        paper=paper,
        detail=_text(row.get("detail")),
        severity=severity,
        label=label,
    )


def device_states(devices: Any) -> list[DeviceState]:
    """Device rows from a list, or from a {name: row-or-status} mapping."""
    if isinstance(devices, dict):
        rows = [
            {"name": name, **(row if isinstance(row, dict) else {"status": row})}
            for name, row in devices.items()
        ]
    elif isinstance(devices, list):
        rows = devices
    else:
        rows = []
    return [device_state(row, i) for i, row in enumerate(rows[:MAX_ROWS])]


def iso_time(value: Any) -> str | None:
    """An ISO-8601 instant as UTC text `2026-11-27T19:12:00Z`; None when it is not one."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return None


def queue_state(queue: Any, heartbeat: dict[str, Any] | None = None) -> QueueState:
    """Counts from the outbox dict (or a bare depth), plus oldest_pending_at when sent."""
    oldest = heartbeat.get("oldest_pending_at") if heartbeat else None
    if isinstance(queue, dict):
        pending, sending = _count(queue.get("pending")), _count(queue.get("sending"))
        depth = None if pending is None and sending is None else (pending or 0) + (sending or 0)
        return QueueState(
            pending=pending,
            sending=sending,
            dead=_count(queue.get("dead")),
            depth=depth,
            oldest_pending_at=iso_time(queue.get("oldest_pending_at", oldest)),
        )
    return QueueState(depth=_count(queue), oldest_pending_at=iso_time(oldest))


def alerts(raw: Any) -> list[FleetAlert]:
    """Open alerts; call_staff first. A bare string is a note."""
    if not isinstance(raw, list):
        return []
    found = []
    for item in raw[:MAX_ROWS]:
        if isinstance(item, dict):
            found.append(
                FleetAlert(
                    kind=_text(item.get("kind"), "note"),
                    at=iso_time(item.get("at")),
                    message=_text(item.get("message")),
                )
            )
        elif item is not None:
            found.append(FleetAlert(kind="note", message=_text(item)))
    return sorted(found, key=lambda a: a.kind != "call_staff")


def versions(raw: Any) -> tuple[str | None, str | None]:
    """(software, catalog); older terminals call the software version "app"."""
    if not isinstance(raw, dict):
        return None, None
    software = raw.get("software", raw.get("app"))
    catalog = raw.get("catalog")
    return (
        _text(software) if software is not None else None,
        _text(catalog) if catalog is not None else None,
    )
