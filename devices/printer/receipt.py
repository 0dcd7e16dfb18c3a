"""The receipt a citizen takes home, and its layout as lines.

`Receipt` is what the kiosk hands over; `layout_receipt` turns it into
`ReceiptLine`s (text, rule, QR, cut) once, so the ESC/POS bytes and the PNG
preview of the simulator show exactly the same thing. Text is measured in
display columns (a hanzi is two) and wrapped to the paper width.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from flows.identifiers import mask_id_number

LineKind = Literal["text", "rule", "qr", "feed", "cut"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Receipt:
    hall: str
    terminal_id: str
    printed_at: datetime
    theme_title: str
    application_id: str
    masked_id_number: str
    matters: list[str] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    delivery: str = ""
    tracking_url: str = ""
    queued: bool = False
    footer: str = ""
    application_number: str = ""  # the short number people read out, printed large
    sms_notice: bool = False  # promise an SMS only when the hub's notifier is configured


@dataclass(frozen=True)
class ReceiptLine:
    """One printed line: text (aligned, maybe bold / double size), a rule, a QR code, a feed or the cut."""

    kind: LineKind
    text: str = ""
    align: Align = "left"
    bold: bool = False
    double: bool = False


MAX_QR_BYTES = 512
"""A tracking URL longer than this prints as text: a bigger code is hard to scan off 80 mm paper."""
QUEUED_NOTICE = "网络暂不可用，申请已保存，联网后自动提交\nQueued — will be sent when online"


def display_width(text: str) -> int:
    """Columns `text` takes on paper: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Split `text` into lines of at most `columns` display columns (hard wrap, hanzi-safe)."""
    lines: list[str] = []
    for paragraph in clean_text(text).split("\n"):
        current, width = "", 0
        for char in paragraph:
            w = display_width(char)
            if width + w > columns:
                lines.append(current)
                current, width = "", 0
            current += char
            width += w
        lines.append(current)
    return lines


def clean_text(text: str) -> str:
    """Drop control characters (an ESC in a name must not become a printer command); keep newlines."""
    return "".join(c for c in str(text) if c == "\n" or (unicodedata.category(c)[0] != "C"))


def _masked(id_number: str) -> str:
    """Paper never shows a whole ID number, even if a caller forgot to mask it."""
    value = clean_text(id_number).strip()
    return value if "*" in value or not value else mask_id_number(value)


def layout_receipt(receipt: Receipt, columns: int) -> list[ReceiptLine]:
    """The receipt as printed lines for paper `columns` wide (ASCII columns)."""
    half = columns // 2
    lines: list[ReceiptLine] = []

    def text(value: str, **style: object) -> None:
        width = half if style.get("double") else columns
        for part in wrap(value, width):
            lines.append(ReceiptLine("text", part, **style))  # type: ignore[arg-type]

    text(receipt.hall, align="center", bold=True, double=True)
    text("办事回执 / Receipt", align="center", bold=True)
    lines.append(ReceiptLine("rule"))
    text(f"终端 Terminal: {receipt.terminal_id}")
    text(f"时间 Time: {receipt.printed_at:%Y-%m-%d %H:%M}")
    text(f"事项 Theme: {receipt.theme_title}", bold=True)
    if receipt.application_number:
        text("办件编号 Application number:")
        large = display_width(receipt.application_number) <= half  # never split across lines
        text(receipt.application_number, align="center", bold=True, double=large)
        text(f"申请标识 Id: {receipt.application_id}")
    else:
        text("申请编号 Application:")
        text(receipt.application_id, bold=True)
    text(f"证件号码 ID: {_masked(receipt.masked_id_number)}")
    if receipt.queued:
        lines.append(ReceiptLine("rule"))
        text(QUEUED_NOTICE, bold=True)
    if receipt.matters:
        lines.append(ReceiptLine("rule"))
        text("办理事项 Matters", bold=True)
        for number, matter in enumerate(receipt.matters, 1):
            text(f"{number}. {matter}")
    if receipt.checklist:
        lines.append(ReceiptLine("rule"))
        text("材料清单 Checklist", bold=True)
        for item in receipt.checklist:
            text(f"[ ] {item}")
    if receipt.delivery:
        lines.append(ReceiptLine("rule"))
        text(f"领取方式 Delivery: {receipt.delivery}")
    if receipt.tracking_url:
        lines.append(ReceiptLine("rule"))
        text("扫码查询进度 Scan to track", align="center")
        if receipt.sms_notice:
            text("办理进度也将以短信通知 / Progress also by SMS", align="center")
        url = clean_text(receipt.tracking_url).replace("\n", "")
        if len(url.encode("utf-8")) <= MAX_QR_BYTES:
            lines.append(ReceiptLine("qr", url))
        else:
            text(url)
    if receipt.footer:
        lines.append(ReceiptLine("rule"))
        text(receipt.footer, align="center")
    lines.append(ReceiptLine("feed"))
    lines.append(ReceiptLine("cut"))
    return lines


def diagnostic_page_receipt(printer_name: str, when: datetime) -> Receipt:
    """A receipt-shaped test page for technicians: Chinese, ASCII, QR and cut in one go."""
    return Receipt(
        hall="打印测试 Test page",
        terminal_id=printer_name,
        printed_at=when,
        theme_title="中文测试：一网通办 一件事一次办 （，。；：“”）",
        application_id="00000000-0000-0000-0000-000000000000",
        masked_id_number="1101**********002X",
        matters=["ASCII 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ", "生僻字 GB18030：𠀀 䶮 喆 堃"],
        checklist=["二维码 QR", "切纸 Cut"],
        delivery="-",
        tracking_url="https://ywtb.sh.gov.cn/track/test",
        queued=False,
        footer="若本页清晰完整，打印机正常 / If this page is complete, the printer works",
    )
