"""Serial and device-file printers against a real pty that records bytes and answers DLE EOT."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from receipt_bytes_parser import parse_escpos
from rigs.printer_listener import PtyPrinter

from devices.config import DevicesConfig
from devices.errors import PaperOut, PrinterOffline
from devices.printer.escpos_printer import EscposPrinter
from devices.printer.profile import PROFILES
from devices.printer.receipt import Receipt
from devices.registry import build_devices

pytestmark = pytest.mark.printer


@pytest.fixture
def pty_printer(tmp_path: Path) -> Iterator[PtyPrinter]:
    rig = PtyPrinter(tmp_path).start()
    yield rig
    rig.stop()


@pytest.mark.parametrize("transport", ["serial", "file"])
def test_receipt_over_a_port(pty_printer: PtyPrinter, receipt: Receipt, transport: str) -> None:
    if transport == "serial":
        printer = EscposPrinter.serial(str(pty_printer.path), 115200, PROFILES["cn-80mm"], timeout_s=1)
    else:
        printer = EscposPrinter.file(pty_printer.path, PROFILES["cn-80mm"], timeout_s=1)
    assert printer.paper_status() == "ok"
    printer.print_receipt(receipt)
    parsed = parse_escpos(pty_printer.received)
    assert receipt.application_id in parsed.text
    assert "徐汇区行政服务中心" in parsed.lines
    assert parsed.qr_payloads == [receipt.tracking_url] and parsed.cuts == 1
    assert pty_printer.queries == [1, 4, 1, 4]


def test_device_file_paper_out(pty_printer: PtyPrinter, receipt: Receipt) -> None:
    pty_printer.paper = "out"
    printer = EscposPrinter.file(pty_printer.path, PROFILES["cn-80mm"], timeout_s=1)
    with pytest.raises(PaperOut):
        printer.print_receipt(receipt)
    assert parse_escpos(pty_printer.received).lines == []


def test_silent_serial_printer_is_offline(pty_printer: PtyPrinter, receipt: Receipt) -> None:
    pty_printer.answer = "silent"
    printer = EscposPrinter.serial(str(pty_printer.path), 9600, PROFILES["cn-80mm"], timeout_s=0.3)
    with pytest.raises(PrinterOffline, match="did not answer"):
        printer.print_receipt(receipt)


def test_one_way_printer_prints_without_asking(
    pty_printer: PtyPrinter, receipt: Receipt, tmp_path: Path
) -> None:
    pty_printer.answer = "silent"
    cfg = DevicesConfig(
        printer_driver="file", printer_device=str(pty_printer.path), printer_status_query=False
    )
    printer = build_devices(cfg, tmp_path).printer
    assert printer.paper_status() == "unknown"
    printer.print_receipt(receipt)
    assert pty_printer.queries == []
    assert receipt.application_id in parse_escpos(pty_printer.received).text


def test_port_that_vanishes_is_offline_and_keeps_the_receipt(
    pty_printer: PtyPrinter, receipt: Receipt
) -> None:
    printer = EscposPrinter.serial(str(pty_printer.path), 115200, PROFILES["cn-80mm"], timeout_s=0.5)
    pty_printer.vanish()
    with pytest.raises(PrinterOffline, match="cannot connect"):
        printer.print_receipt(receipt)
    assert printer.unprinted() == [receipt]
