"""After the outbox has committed an application: try to deliver it now, then print.

Qt-free, run on a worker thread by the GUI and directly by tests. The order is
the promise: the receipt is printed only for an application that is already
safe on disk; a hub that does not answer in a moment means "queued", said on
the receipt; a printer that fails loses nothing — staff can reprint.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from devices.errors import DeviceError, PrinterError
from devices.printer.receipt import Receipt
from flows.journey import Submitted
from kiosk.runtime import Runtime
from offline_cache.tracking_link import tracking_url

log = logging.getLogger(__name__)

DELIVERY_WAIT_S = 3.0
POLL_S = 0.1
NO_PRINTER_ZH = "本机不打印回执，请凭申请编号到服务台领取"
NO_PRINTER_EN = "This terminal prints no receipts; collect yours at the counter with the application number"


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    printed: bool
    print_problem_zh: str = ""
    print_problem_en: str = ""


def wait_until_acked(runtime: Runtime, application_id: str, wait_s: float = DELIVERY_WAIT_S) -> bool:
    """Ask the sync worker to send now and wait a moment for the hub's acknowledgement."""
    runtime.sync.sync_now()
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if _acked(runtime, application_id):
            return True
        time.sleep(POLL_S)
    return _acked(runtime, application_id)


def _acked(runtime: Runtime, application_id: str) -> bool:
    stub = runtime.outbox.stub(application_id)
    return stub is not None and stub.state == "acked"


def make_receipt(runtime: Runtime, submitted: Submitted, *, queued: bool) -> Receipt:
    terminal = runtime.settings.terminal
    return Receipt(
        hall=terminal.hall,
        terminal_id=terminal.terminal_id,
        printed_at=datetime.now(),
        theme_title=submitted.theme_title,
        application_id=submitted.application_id,
        masked_id_number=submitted.masked_id_number,
        matters=list(submitted.matters),
        checklist=list(submitted.checklist),
        delivery=submitted.delivery,
        # the receipt's QR: hub.public_url, else the address this kiosk reaches the hub at
        tracking_url=tracking_url(runtime.settings.hub.public_url or runtime.hub.base_url,
                                  submitted.tracking_token),
        queued=queued,
        footer="一网通办 · 一件事一次办",
        application_number=submitted.application_number,
        sms_notice=runtime.settings.hub.sms_notifier,
    )


def print_checklist(runtime: Runtime, theme_title: str, matters: list[str], materials: list[str]) -> Outcome:
    """A 办事清单 slip before submitting: what applies and what to bring; no personal data on it."""
    printer = runtime.devices.printer
    if printer is None:
        return Outcome(False, False, NO_PRINTER_ZH, NO_PRINTER_EN)
    terminal = runtime.settings.terminal
    slip = Receipt(
        hall=terminal.hall, terminal_id=terminal.terminal_id, printed_at=datetime.now(),
        theme_title=theme_title, application_id="办事清单（尚未提交）/ Checklist, not submitted",
        masked_id_number="", matters=matters, checklist=materials, delivery="", tracking_url="",
        queued=False, footer="请按清单准备材料 / Prepare these documents",
    )
    try:
        printer.print_receipt(slip)
    except DeviceError as exc:
        return Outcome(False, False, getattr(exc, "message_zh", PrinterError.message_zh),
                       getattr(exc, "message_en", PrinterError.message_en))
    return Outcome(False, True)


def send_rating(runtime: Runtime, application_id: str, theme_id: str, stars: int) -> str:
    """Queue the citizen's 好差评 for the application they just submitted (no personal data): its own
    message kind in the outbox, sent to the hub's ratings, never counted as an application."""
    rating_id = runtime.outbox.enqueue_rating(application_id, theme_id, stars)
    runtime.sync.sync_now()
    return rating_id


def deliver_and_print(runtime: Runtime, submitted: Submitted, wait_s: float = DELIVERY_WAIT_S) -> Outcome:
    delivered = wait_until_acked(runtime, submitted.application_id, wait_s)
    receipt = make_receipt(runtime, submitted, queued=not delivered)
    printer = runtime.devices.printer
    if printer is None:  # a terminal configured without a printer: the counter prints
        return Outcome(delivered, False, NO_PRINTER_ZH, NO_PRINTER_EN)
    try:
        printer.print_receipt(receipt)
    except PrinterError as exc:
        log.warning("receipt not printed: %s", type(exc).__name__)
        return Outcome(delivered, False, exc.message_zh, exc.message_en)
    except DeviceError as exc:
        log.warning("receipt not printed: %s", type(exc).__name__)
        return Outcome(delivered, False, PrinterError.message_zh, PrinterError.message_en)
    return Outcome(delivered, True)
