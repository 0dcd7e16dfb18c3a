"""The receipt's tracking link and the kiosk tile's questions about it.

The QR on the receipt holds `<public base>/track/<token>`: the base is `hub.public_url`
(empty: the hub's own address, as in the demo) and the token the one the outbox made with
the application. The kiosk's 查询办件进度 tile reads the same link back off the receipt, or
takes the short number and the ID number's last 4 characters, and asks the hub.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flows.application_number import ApplicationNumberError, normalize

TRACK_PATH = "/track/"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_LAST4_RE = re.compile(r"^[0-9]{3}[0-9Xx]$")


class TrackingQueryError(ValueError):
    """What the citizen typed or showed cannot be asked about; `message_zh` / `message_en` say why."""

    def __init__(self, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh


def tracking_url(public_base: str, token: str) -> str:
    """The link printed in the receipt's QR; "" when there is no token (nothing to track)."""
    return f"{public_base.rstrip('/')}{TRACK_PATH}{token}" if token and public_base else ""


def token_from_link(text: str) -> str | None:
    """The token of a receipt link (any host: the hall may print its public address), else None."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.path.startswith(TRACK_PATH):
        return None
    token = parts.path[len(TRACK_PATH) :]
    return token if _TOKEN_RE.match(token) else None


def query_for_link(text: str) -> dict[str, str]:
    token = token_from_link(text)
    if token is None:
        raise TrackingQueryError(
            "this is not the QR code of a receipt: hold up the code printed under 扫码查询进度",
            "这不是回执上的进度查询二维码，请出示回执“扫码查询进度”处的二维码",
        )
    return {"token": token}


def query_for_number(number: str, id_last4: str) -> dict[str, str]:
    """Check what was typed before asking the hub, so a slip is named at once."""
    try:
        canonical = normalize(number)
    except ApplicationNumberError as exc:
        raise TrackingQueryError(exc.message_en, exc.message_zh) from None
    last4 = id_last4.strip().upper()
    if not _LAST4_RE.match(last4):
        raise TrackingQueryError(
            "type the last 4 characters of the ID number (digits, the last may be X)",
            "请输入证件号码后四位（数字，最后一位可为 X）",
        )
    return {"application_number": canonical, "id_last4": last4}


def progress_lines(view: dict[str, Any], lang: str) -> list[str]:
    """The hub's answer as lines for the screen: one per matter (name, department, status, due, next)."""
    zh = lang != "en"
    lines = []
    for m in view.get("matters", []):
        if not isinstance(m, dict):
            continue
        name = m.get("name_zh" if zh else "name_en") or m.get("matter_id", "")
        dept = m.get("department_zh" if zh else "department_en") or ""
        status = m.get("status_zh" if zh else "status_en") or m.get("status", "")
        due = m.get("due_on")
        due_text = ("" if not due else (f"，{due} 前办结" if zh else f", due {due}")) + (
            "" if m.get("due_exact", True) else ("（按周末推算）" if zh else " (weekends only)")
        )
        step = m.get("next_step_zh" if zh else "next_step_en") or ""
        lines.append(
            f"{name}｜{dept}｜{status}{due_text}\n{step}"
            if zh
            else f"{name} | {dept} | {status}{due_text}\n{step}"
        )
    return lines
