"""The receipt printer interface: check status by DLE EOT, then print; never lose a receipt.

Before every job the printer is asked whether it is online and has paper, so a
citizen is told "collect your receipt at the counter" instead of walking away
with nothing. A receipt that could not be printed is kept (in memory, it holds
no PII beyond the masked ID number) so staff can reprint it from staff mode;
the application itself is already safe in the outbox before printing starts.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from devices.base import Device, DeviceStatus
from devices.errors import PaperOut, PrinterError, PrinterOffline
from devices.printer.profile import PrinterProfile

if TYPE_CHECKING:  # the receipt's layout and rendering load at the first print, not at start
    from devices.printer.receipt import Receipt

PaperState = Literal["ok", "low", "out", "unknown"]
MAX_UNPRINTED = 50


class ReceiptPrinter(Device):
    """Base of every printer: status check, render, send, remember failures."""

    kind = "printer"

    def __init__(self, name: str, profile: PrinterProfile) -> None:
        super().__init__(name)
        self.profile = profile
        self._unprinted: list[Receipt] = []
        self._job_lock = threading.Lock()
        self._unprinted_lock = threading.Lock()
        self._paper_seen: PaperState | None = None
        self.receipts_printed = 0

    # -- what subclasses provide ---------------------------------------------------
    def _query(self) -> tuple[bool, PaperState]:
        """(online, paper) from the device; raise PrinterOffline when it cannot be reached."""
        raise NotImplementedError

    def _send(self, data: bytes, receipt: Receipt) -> None:
        """Deliver ESC/POS bytes; raise PrinterError subclasses on failure."""
        raise NotImplementedError

    # -- public API ------------------------------------------------------------------
    def paper_status(self) -> PaperState:
        """The paper roll: ok, low, out, or unknown when the printer cannot tell or be reached."""
        try:
            return self.query_status()[1]
        except PrinterError:
            return "unknown"

    def query_status(self) -> tuple[bool, PaperState]:
        """(online, paper) asked now; raises PrinterError when the printer cannot be reached or is
        silent. For a live test that must stop at the first known fault instead of printing into it."""
        with self._job_lock:
            try:
                online, paper = self._query()
            except PrinterError as exc:
                self._set_status(DeviceStatus.OFFLINE, exc.detail)
                raise
        self._record(online, paper)
        return online, paper

    def print_receipt(self, receipt: Receipt) -> None:
        """Print or raise PaperOut / PrinterOffline / PrinterError; a failed receipt is kept for reprint."""
        try:
            self._print(receipt)
        except PrinterError:
            self._keep_unprinted(receipt)
            raise
        self.receipts_printed += 1

    def print_test_page(self) -> None:
        """A technician's test page: Chinese text (GB18030), ASCII, a QR code and the cut."""
        from devices.printer.receipt import diagnostic_page_receipt

        self._print(diagnostic_page_receipt(self.name, datetime.now().astimezone()))

    def unprinted(self) -> list[Receipt]:
        """Receipts that failed to print, oldest first, for staff to reprint."""
        return list(self._unprinted)

    def reprint_unprinted(self) -> int:
        """Print every kept receipt, oldest first; stops at the first failure (raised, the rest
        kept). Returns how many were printed."""
        done = 0
        for receipt in list(self._unprinted):
            self._print(receipt)
            self._discard(receipt)
            self.receipts_printed += 1
            done += 1
        return done

    def discard_unprinted(self, application_id: str) -> bool:
        """Forget a kept receipt (staff handed it over another way). True if one was kept."""
        kept = [r for r in self._unprinted if r.application_id == application_id]
        for receipt in kept:
            self._discard(receipt)
        return bool(kept)

    def capabilities(self) -> dict[str, Any]:
        return {
            "profile": self.profile.name,
            "paper_mm": self.profile.paper_mm,
            "columns": self.profile.columns,
            "cutter": self.profile.cutter,
            "qr": "native",
            "encoding": "GB18030",
        }

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["model"] = self.profile.description
        row["unprinted"] = len(self._unprinted)
        row["paper"] = self._paper_seen or "unknown"  # as last reported; the fleet page highlights low/out
        return row

    # -- helpers -----------------------------------------------------------------------
    def _print(self, receipt: Receipt) -> None:
        """Status check, then the bytes; every failure becomes a PrinterError subclass."""
        with self._job_lock:
            try:
                self._check_ready()
                self._send(_rendered(receipt, self.profile), receipt)
            except PrinterOffline as exc:
                self._set_status(DeviceStatus.OFFLINE, exc.detail)
                raise
            except OSError as exc:
                detail = f"printer connection failed: {exc.strerror or exc}"
                self._set_status(DeviceStatus.OFFLINE, detail)
                raise PrinterOffline(detail) from None

    def _check_ready(self) -> None:
        online, paper = self._query()
        self._record(online, paper)
        if not online:
            raise PrinterOffline("printer reports offline (cover open or error)")
        if paper == "out":
            raise PaperOut("paper end sensor")

    def _record(self, online: bool, paper: PaperState) -> None:
        if paper != "unknown" and paper != self._paper_seen:
            first = self._paper_seen is None
            self._paper_seen = paper
            if not (first and paper == "ok"):  # XFS4IoT PaperThreshold: full / low / out changes
                self._emit("PaperThreshold", {"paper": paper})
        if not online:
            self._set_status(DeviceStatus.OFFLINE, "printer reports offline")
        elif paper == "out":
            self._set_status(DeviceStatus.USER_ERROR, "paper out")
        elif paper == "low":
            self._set_status(DeviceStatus.ONLINE, "paper low")
        else:
            self._set_status(DeviceStatus.ONLINE, "")

    def _keep_unprinted(self, receipt: Receipt) -> None:
        with self._unprinted_lock:
            if receipt not in self._unprinted:
                self._unprinted.append(receipt)
                del self._unprinted[:-MAX_UNPRINTED]

    def _discard(self, receipt: Receipt) -> None:
        with self._unprinted_lock:
            if receipt in self._unprinted:
                self._unprinted.remove(receipt)


def _rendered(receipt: Receipt, profile: PrinterProfile) -> bytes:
    from devices.printer.render import render_receipt

    return render_receipt(receipt, profile)
