"""EscposPrinter over real TCP to a 9100 listener that records bytes and answers DLE EOT."""

from __future__ import annotations

import dataclasses

import pytest
from receipt_bytes_parser import parse_escpos
from rigs.printer_listener import PrinterListener

from devices.base import DeviceEvent, DeviceStatus
from devices.errors import PaperOut, PrinterError, PrinterOffline
from devices.printer.escpos_printer import EscposPrinter
from devices.printer.profile import PROFILES
from devices.printer.receipt import Receipt

pytestmark = pytest.mark.printer


def _printer(listener: PrinterListener) -> EscposPrinter:
    return EscposPrinter.network("127.0.0.1", listener.port, PROFILES["cn-80mm"], timeout_s=1.0)


def test_receipt_printed_after_status_check(listener: PrinterListener, receipt: Receipt) -> None:
    printer = _printer(listener)
    printer.print_receipt(receipt)
    listener.settle()
    assert listener.queries == [1, 4]
    parsed = parse_escpos(listener.jobs[-1])
    assert receipt.application_id in parsed.text
    assert parsed.qr_payloads == [receipt.tracking_url]
    assert parsed.cuts == 1
    assert printer.status == DeviceStatus.ONLINE
    assert printer.receipts_printed == 1


@pytest.mark.parametrize("paper, expected", [("ok", "ok"), ("low", "low"), ("out", "out")])
def test_paper_status(listener: PrinterListener, paper: str, expected: str) -> None:
    listener.paper = paper  # type: ignore[assignment]
    assert _printer(listener).paper_status() == expected


def test_paper_low_prints_and_warns(listener: PrinterListener, receipt: Receipt) -> None:
    listener.paper = "low"
    printer = _printer(listener)
    events: list[DeviceEvent] = []
    printer.subscribe(events.append)
    printer.print_receipt(receipt)
    assert parse_escpos(listener.received).cuts == 1
    assert {"paper": "low"} in [e.payload for e in events if e.kind == "PaperThreshold"]
    assert printer.status_detail == "paper low"


def test_paper_out_refuses_and_keeps_the_receipt(listener: PrinterListener, receipt: Receipt) -> None:
    listener.paper = "out"
    printer = _printer(listener)
    with pytest.raises(PaperOut) as caught:
        printer.print_receipt(receipt)
    assert "服务台" in caught.value.message_zh
    assert parse_escpos(listener.received).lines == []  # nothing but status queries was sent
    assert printer.status == DeviceStatus.USER_ERROR
    assert printer.unprinted() == [receipt]
    listener.paper = "ok"
    assert printer.reprint_unprinted() == 1
    assert printer.unprinted() == []
    assert receipt.application_id in parse_escpos(listener.received).text


def test_printer_reporting_offline(listener: PrinterListener, receipt: Receipt) -> None:
    listener.online = False
    printer = _printer(listener)
    with pytest.raises(PrinterOffline, match="offline"):
        printer.print_receipt(receipt)
    assert printer.status == DeviceStatus.OFFLINE


def test_printer_that_does_not_answer_status_is_offline(listener: PrinterListener, receipt: Receipt) -> None:
    listener.answer = "silent"
    printer = _printer(listener)
    with pytest.raises(PrinterOffline, match="DLE EOT"):
        printer.print_receipt(receipt)
    assert printer.paper_status() == "unknown"


def test_garbage_status_is_a_printer_error(listener: PrinterListener, receipt: Receipt) -> None:
    listener.answer = "garbage"
    with pytest.raises(PrinterError, match="unexpected byte 0xff"):
        _printer(listener).print_receipt(receipt)


def test_no_listener_is_offline_and_nothing_is_lost(receipt: Receipt) -> None:
    gone = PrinterListener().start()
    gone.stop()
    printer = EscposPrinter.network("127.0.0.1", gone.port, PROFILES["cn-80mm"], timeout_s=1.0)
    with pytest.raises(PrinterOffline, match="cannot connect"):
        printer.print_receipt(receipt)
    second = dataclasses.replace(receipt, application_id="second")
    with pytest.raises(PrinterOffline):
        printer.print_receipt(second)
    assert [r.application_id for r in printer.unprinted()] == [receipt.application_id, "second"]
    assert printer.describe()["unprinted"] == 2


def test_test_page_has_chinese_qr_and_cut(listener: PrinterListener) -> None:
    _printer(listener).print_test_page()
    parsed = parse_escpos(listener.received)
    assert any("一网通办" in line for line in parsed.lines)
    assert parsed.qr_payloads and parsed.cuts == 1


def test_file_printer_writes_bytes_and_cannot_tell_paper(tmp_path, receipt: Receipt) -> None:
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    printer = EscposPrinter.file(target, PROFILES["cn-80mm"])
    assert printer.paper_status() == "unknown"
    printer.print_receipt(receipt)
    assert receipt.application_id in parse_escpos(target.read_bytes()).text


def test_file_printer_on_a_missing_directory_is_offline(tmp_path, receipt: Receipt) -> None:
    printer = EscposPrinter.file(tmp_path / "no" / "lp0", PROFILES["cn-80mm"])
    with pytest.raises(PrinterOffline):
        printer.print_receipt(receipt)


def test_serial_printer_on_a_missing_port_is_offline(receipt: Receipt) -> None:
    printer = EscposPrinter.serial("/dev/ttyNOPE-printer", 9600, PROFILES["cn-80mm"], timeout_s=0.5)
    with pytest.raises(PrinterOffline, match="ttyNOPE"):
        printer.print_receipt(receipt)


def test_usb_printer_not_plugged_in_is_offline(receipt: Receipt) -> None:
    pytest.importorskip("usb", reason="pyusb is not installed: USB printers cannot be used at all")
    printer = EscposPrinter.usb(0x0416, 0x5011, PROFILES["cn-80mm"], timeout_s=0.5)
    assert printer.describe()["ports"] == ["usb 0416:5011"]
    with pytest.raises(PrinterOffline, match="not found"):
        printer.print_receipt(receipt)
    assert printer.unprinted() == [receipt]


def test_identify_reports_maker_model_firmware(listener: PrinterListener) -> None:
    assert _printer(listener).identify() == {"maker": "XPRINTER", "model": "XP-80C", "firmware": "V7.03"}
    assert listener.info_queries == [66, 67, 65]


def test_identify_of_a_printer_that_does_not_say(listener: PrinterListener) -> None:
    listener.model = ""
    listener.answer = "garbage"
    assert _printer(listener).identify() == {"maker": "", "model": "", "firmware": ""}
