"""Submitting an application: one operation, journey → outbox → hub → receipt → print.

Qt-free, in the spirit of Anki's CollectionOp / OpChanges: `Submission` does the
work and reports what changed; the window only shows the report. It has two
halves because they run on different threads: `commit()` on the UI thread (the
journey's state changes there, and the outbox commits the application before
anything else happens), `finish()` on a worker (wait a moment for the hub, then
print). The order is the promise: the receipt is printed only for an application
that is already safe on disk; a hub that does not answer in a moment means
"queued", said on the receipt; a printer that fails loses nothing — staff can
reprint. That the hub acknowledged is learned from the sync worker's change
callback (`HubAcknowledgements`, kiosk/acknowledgements.py), not by reading the outbox again and again.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from devices.errors import DeviceError, PaperOut, PrinterOffline
from devices.printer.receipt import Receipt
from flows.journey import Journey, Submitted
from kiosk import wording
from kiosk.wording import Translate, catalog_text, source_text
from offline_cache.outbox import OutboxError
from offline_cache.tracking_link import tracking_url

if TYPE_CHECKING:
    from kiosk.runtime import Runtime

log = logging.getLogger(__name__)

DELIVERY_WAIT_S = 3.0


class SubmitRefused(Exception):
    """The application was not stored; nothing was lost and the citizen may try again.
    The outbox's own words when it refused (a full queue); the kiosk's for a storage fault."""

    def __init__(self, message_zh: str = "", message_en: str = "") -> None:
        super().__init__(message_en or "storage fault")
        self.message_zh = message_zh
        self.message_en = message_en

    def text(self, lang: str, tr: Translate = source_text) -> str:
        if not self.message_zh:
            return wording.submit_failed_text(tr)
        return self.message_en if lang == "en" and self.message_en else self.message_zh


@dataclass(frozen=True)
class SubmissionChanges:
    """What submitting changed once the hub had its moment and the printer its turn."""

    application_id: str
    delivered: bool  # the hub acknowledged it (else it is queued and sent when the network is back)
    printed: bool  # the receipt came out
    print_problem: str = ""  # why not (a wording.PRINT_PROBLEM key); "" when printed


class Submission:
    """One citizen's submission. `lang` and `tr` decide the language of the receipt."""

    def __init__(self, runtime: Runtime, *, lang: str = wording.SOURCE_LANGUAGE,
                 tr: Translate = source_text, wait_s: float = DELIVERY_WAIT_S) -> None:
        self.runtime = runtime
        self.lang = lang
        self.tr = tr
        self.wait_s = wait_s

    def commit(self, journey: Journey) -> Submitted:
        """The journey's application into the outbox (COMMIT before this returns); the journey is
        at its done step afterwards. Raises SubmitRefused; the visit then stays where it was."""
        try:
            submitted = journey.submit(self.runtime.outbox)
        except OutboxError as exc:  # the queue is full or the application cannot be stored as given
            raise SubmitRefused(exc.message_zh, exc.message_en) from None
        except (sqlite3.Error, OSError) as exc:  # a full disk, a locked database
            log.error("submit failed: %s", type(exc).__name__)
            raise SubmitRefused() from None
        self.runtime.sync.wake()  # respects the back-off and Retry-After of a hub that is down
        return submitted

    def finish(self, submitted: Submitted) -> SubmissionChanges:
        """Wait a moment for the hub's acknowledgement, then print the receipt (worker thread)."""
        delivered = self.runtime.acks.wait(submitted.application_id, self.wait_s)
        printer = self.runtime.devices.printer
        if printer is None:  # a terminal configured without a printer: the counter prints
            return SubmissionChanges(submitted.application_id, delivered, False, "no_printer")
        problem = _print(printer, self.receipt(submitted, queued=not delivered))
        return SubmissionChanges(submitted.application_id, delivered, not problem, problem)

    def receipt(self, submitted: Submitted, *, queued: bool) -> Receipt:
        terminal = self.runtime.settings.terminal
        lang, tr = self.lang, self.tr
        return Receipt(
            hall=terminal.hall,
            terminal_id=terminal.terminal_id,
            printed_at=datetime.now(),
            theme_title=catalog_text(submitted.theme, "title", lang),
            application_id=submitted.application_id,
            masked_id_number=submitted.masked_id_number,
            matters=[catalog_text(m, "name", lang) for m in submitted.matters],
            checklist=[wording.checklist_line(item, lang, tr) for item in submitted.checklist],
            delivery=wording.delivery_text(submitted.delivery, tr),
            tracking_url=tracking_url(self.public_base(), submitted.tracking_token),
            queued=queued,
            footer=wording.receipt_footer(tr),
            application_number=submitted.application_number,
            sms_notice=self.runtime.settings.hub.sms_notifier,
        )

    def public_base(self) -> str:
        """Where the receipt's QR points: hub.public_url, else the address this kiosk reaches the hub at."""
        return self.runtime.settings.hub.public_url or self.runtime.hub.base_url


def _print(printer: Any, receipt: Receipt) -> str:
    """Print; "" when done, else the wording.PRINT_PROBLEM key of what went wrong."""
    try:
        printer.print_receipt(receipt)
    except DeviceError as exc:
        log.warning("receipt not printed: %s", type(exc).__name__)
        if isinstance(exc, PaperOut):
            return "paper_out"
        return "printer_offline" if isinstance(exc, PrinterOffline) else "printer_fault"
    return ""


def print_checklist(runtime: Runtime, theme: Any, matters: list[Any], materials: list[Any], *,
                    lang: str = wording.SOURCE_LANGUAGE, tr: Translate = source_text) -> str:
    """A 办事清单 slip before submitting: what applies and what to bring, no personal data on it.
    Returns "" when printed, else the wording.PRINT_PROBLEM key."""
    printer = runtime.devices.printer
    if printer is None:
        return "no_printer"
    terminal = runtime.settings.terminal
    slip = Receipt(
        hall=terminal.hall, terminal_id=terminal.terminal_id, printed_at=datetime.now(),
        theme_title=catalog_text(theme, "title", lang), application_id=wording.slip_title(tr),
        masked_id_number="", matters=[wording.matter_line(m, lang) for m in matters],
        checklist=[wording.checklist_line(item, lang, tr) for item in materials], delivery="",
        tracking_url="", queued=False, footer=wording.slip_footer(tr),
    )
    return _print(printer, slip)


def send_rating(runtime: Runtime, application_id: str, theme_id: str, stars: int) -> str:
    """Queue the citizen's 好差评 for the application they just submitted (no personal data): its own
    message kind in the outbox, sent to the hub's ratings, never counted as an application."""
    rating_id = runtime.outbox.enqueue_rating(application_id, theme_id, stars)
    runtime.sync.wake()  # respects the back-off and Retry-After of a hub that is down
    return rating_id
