"""What the kiosk says and prints about an application, in one place, in the citizen's language.

Status words, the delivery line, the receipt's lines, the checklist slip and the
done screen's outcome are zh_CN source strings here, each passed through the
caller's `tr` (kiosk.widgets.tr on the kiosk, so Qt Linguist's catalog gives the
English; scripts/translations.py collects these `tr("…")` calls like any screen's).
Taking `tr` as a parameter keeps this module Qt-free: the submission operation
builds the receipt on a worker thread and tests read the words without a display.
Catalog texts (themes, matters, materials) carry both languages themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Translate = Callable[[str], str]
SOURCE_LANGUAGE = "zh_CN"
_MARKER = re.compile(r"%([1-9])")


def fill(text: str, *values: object) -> str:
    """`text` (a translated string) with %1, %2 … replaced by `values` in one pass.

    Translations move the markers ("共 %1 项" / "%1 items"), so words are filled in after
    tr(). One pass, unlike chained ``.replace``: a value that itself holds "%2" (an
    address, a device's error text, a path) is shown as it is instead of being filled in again.
    """

    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(values[index]) if index < len(values) else match[0]

    return _MARKER.sub(value, text)


def source_text(text: str) -> str:
    """The zh_CN source string itself (no translator: Chinese, and tests)."""
    return text


def catalog_text(item: object, field: str, lang: str) -> str:
    """A catalog text in the kiosk's language: ``item.<field>_en`` in English, ``<field>_zh`` otherwise.

    The catalog (themes, questions, options, materials, form labels) carries both
    languages itself; Qt's translator never sees those texts. An English text that is
    missing or blank falls back to the Chinese one, so a screen never shows an empty label.
    """
    chinese = getattr(item, f"{field}_zh", None)
    if not isinstance(chinese, str):
        raise AttributeError(f"{type(item).__name__} has no text field {field}_zh")
    if lang == SOURCE_LANGUAGE:
        return chinese
    english = getattr(item, f"{field}_en", None)
    return english if isinstance(english, str) and english.strip() else chinese


STATUS_TEXT = {"bring": "请携带", "held": "电子证照已调取，免交", "commitment": "告知承诺，免交"}


def status_text(status: str, tr: Translate = source_text) -> str:
    """What the citizen does about one material: bring it, or nothing (held, by commitment)."""
    return tr(STATUS_TEXT[status]) if status in STATUS_TEXT else status


def checklist_line(item: Any, lang: str, tr: Translate = source_text) -> str:
    """One material as the receipt and the checklist slip print it: its name and what to do."""
    return f"{catalog_text(item, 'name', lang)}（{status_text(item.status, tr)}）"


def matter_line(matter: Any, lang: str) -> str:
    """One matter as the checklist slip prints it: its name and the department that decides it."""
    return f"{catalog_text(matter, 'name', lang)} · {catalog_text(matter, 'department', lang)}"


def delivery_text(delivery: Any, tr: Translate = source_text) -> str:
    """How the citizen gets the result: at the hall's window, or by courier to this address."""
    if delivery.method == "courier":
        return fill(tr("快递到付：%1"), delivery.address)
    return tr("到大厅窗口自取")


RECEIPT_FOOTER = "一网通办 · 一件事一次办"
SLIP_TITLE = "办事清单（尚未提交）"
SLIP_FOOTER = "请按清单准备材料"


def receipt_footer(tr: Translate = source_text) -> str:
    return tr(RECEIPT_FOOTER)


def slip_title(tr: Translate = source_text) -> str:
    """Stands where a receipt has its application number: nothing has been submitted yet."""
    return tr(SLIP_TITLE)


def slip_footer(tr: Translate = source_text) -> str:
    return tr(SLIP_FOOTER)


# Why no receipt came out (SubmissionChanges.print_problem / the checklist slip's outcome).
PRINT_PROBLEM = {
    "no_printer": "本机不打印回执，请凭申请编号到服务台领取",
    "paper_out": "打印纸已用完，您的申请已保存，请到服务台领取回执",
    "printer_offline": "打印机离线，您的申请已保存，请到服务台领取回执",
    "printer_fault": "打印机故障，您的申请已保存，请到服务台领取回执",
    "failed": "回执打印失败，您的申请已保存，请到服务台领取回执",
}


def print_problem_text(problem: str, tr: Translate = source_text) -> str:
    return tr(PRINT_PROBLEM[problem]) if problem in PRINT_PROBLEM else tr(PRINT_PROBLEM["failed"])


def delivery_state_text(delivered: bool, tr: Translate = source_text) -> str:
    """Whether the application reached the hub, as the done screen says it."""
    if delivered:
        return tr("您的申请已送达政务服务中心。")
    return tr("网络暂时中断，您的申请已安全保存，联网后将自动发送，无需再跑一次。")


SUBMIT_FAILED = "暂时无法提交，请稍后重试或联系工作人员"


def submit_failed_text(tr: Translate = source_text) -> str:
    """The outbox could not store the application (a full disk, a locked database)."""
    return tr(SUBMIT_FAILED)


__all__ = [
    "Translate", "catalog_text", "checklist_line", "delivery_state_text", "delivery_text", "matter_line",
    "print_problem_text", "receipt_footer", "slip_footer", "slip_title", "source_text", "status_text",
    "submit_failed_text",
]
