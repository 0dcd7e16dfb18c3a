"""The simulated printer writes numbered .bin and .png receipts and refuses like a real one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PIL import Image
from receipt_bytes_parser import parse_escpos

from devices.base import DeviceStatus
from devices.errors import PaperOut, PrinterError, PrinterOffline
from devices.printer.receipt import Receipt
from devices.printer.simulated import SimulatedPrinter


def test_writes_numbered_bytes_and_preview(tmp_path: Path, receipt: Receipt) -> None:
    printer = SimulatedPrinter(tmp_path / "out")
    printer.print_receipt(receipt)
    printer.print_receipt(dataclasses.replace(receipt, application_id="second-id"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "receipt_1.bin",
        "receipt_1.png",
        "receipt_2.bin",
        "receipt_2.png",
    ]
    parsed = parse_escpos((tmp_path / "out" / "receipt_2.bin").read_bytes())
    assert "second-id" in parsed.text
    with Image.open(tmp_path / "out" / "receipt_1.png") as preview:
        assert preview.width == (80 - 8) * 8 and preview.height > 600
    assert (tmp_path / "out" / "receipt_1.png").stat().st_size < 200_000


def test_numbering_continues_after_a_restart(tmp_path: Path, receipt: Receipt) -> None:
    SimulatedPrinter(tmp_path).print_receipt(receipt)
    second = SimulatedPrinter(tmp_path, preview=False)
    second.print_receipt(receipt)
    assert second.last_paths == (tmp_path / "receipt_2.bin", None)


def test_paper_and_online_switches(tmp_path: Path, receipt: Receipt) -> None:
    printer = SimulatedPrinter(tmp_path)
    printer.set_paper("out")
    assert printer.paper_status() == "out"
    with pytest.raises(PaperOut):
        printer.print_receipt(receipt)
    printer.set_paper("ok")
    printer.set_online(False)
    with pytest.raises(PrinterOffline):
        printer.print_receipt(receipt)
    assert printer.status == DeviceStatus.OFFLINE
    printer.set_online(True)
    assert printer.reprint_unprinted() == 1
    assert list(tmp_path.glob("receipt_*.bin")) == [tmp_path / "receipt_1.bin"]
    with pytest.raises(ValueError):
        printer.set_paper("empty")  # type: ignore[arg-type]


def test_unwritable_folder_is_a_printer_error(tmp_path: Path, receipt: Receipt) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    printer = SimulatedPrinter(blocker / "sub")
    with pytest.raises(PrinterError, match="cannot write receipt"):
        printer.print_receipt(receipt)
    assert printer.unprinted() == [receipt]


def test_test_page(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path)
    printer.print_test_page()
    assert "一网通办" in parse_escpos((tmp_path / "receipt_1.bin").read_bytes()).text


def test_reprint_stops_at_the_first_failure_and_keeps_the_rest(tmp_path: Path, receipt: Receipt) -> None:
    printer = SimulatedPrinter(tmp_path, preview=False)
    printer.set_online(False)
    ids = ["a", "b", "c"]
    for application_id in ids:
        with pytest.raises(PrinterOffline):
            printer.print_receipt(dataclasses.replace(receipt, application_id=application_id))
    assert [r.application_id for r in printer.unprinted()] == ids
    with pytest.raises(PrinterOffline):
        printer.reprint_unprinted()
    assert [r.application_id for r in printer.unprinted()] == ids
    assert printer.discard_unprinted("b") is True
    assert printer.discard_unprinted("b") is False
    printer.set_online(True)
    assert printer.reprint_unprinted() == 2
    assert printer.unprinted() == [] and printer.receipts_printed == 2


def test_preview_without_a_cjk_font_says_so(tmp_path: Path, receipt: Receipt, monkeypatch) -> None:
    from devices.camera import licence_image
    from devices.printer import preview
    from devices.printer.profile import PROFILES
    from devices.printer.receipt import layout_receipt

    lines = layout_receipt(receipt, 48)
    with_font = preview.render_preview(lines, PROFILES["cn-80mm"])
    licence_image.cjk_font.cache_clear()
    monkeypatch.setattr(licence_image, "CJK_FONT_PATHS", (tmp_path / "missing.ttc",))
    monkeypatch.setattr(preview, "has_cjk_font", licence_image.has_cjk_font)
    try:
        without_font = preview.render_preview(lines, PROFILES["cn-80mm"])
    finally:
        licence_image.cjk_font.cache_clear()
    assert without_font.height == with_font.height + preview.LINE_PX  # one extra line: the notice


def test_paper_threshold_events_follow_the_roll(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path)
    events: list[dict] = []
    printer.subscribe(lambda e: events.append(e.payload) if e.kind == "PaperThreshold" else None)
    for state in ("ok", "low", "low", "out", "ok"):
        printer.set_paper(state)  # type: ignore[arg-type]
    assert events == [{"paper": "low"}, {"paper": "out"}, {"paper": "ok"}]
