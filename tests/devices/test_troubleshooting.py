"""The troubleshooting codes: documented, mapped from every typed error, stable in shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from devices import errors
from devices.idcard import errors as idcard_errors
from devices.pcsc import errors as pcsc_errors
from devices.troubleshooting import TROUBLES, code_for_camera, code_for_error, markdown_table

ROOT = Path(__file__).resolve().parents[2]


def test_operations_guide_carries_the_table_as_generated() -> None:
    text = (ROOT / "docs" / "OPERATIONS.md").read_text(encoding="utf-8")
    marked = r"<!-- troubleshooting-table:[^>]*-->\n(.*?)\n<!-- /troubleshooting-table -->"
    between = re.search(marked, text, re.S)
    assert between is not None, "docs/OPERATIONS.md lost its troubleshooting table markers"
    assert between.group(1) == markdown_table(), "paste devices.troubleshooting.markdown_table() there"


def test_codes_are_stable_identifiers_with_both_languages() -> None:
    for trouble in TROUBLES.values():
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)?", trouble.code)
        assert re.search(r"[\u4e00-\u9fff]", trouble.message_zh) and trouble.message_en.isascii()


@pytest.mark.parametrize(
    ("test", "error", "code"),
    [
        ("idcard", idcard_errors.PortAbsent("x"), "idcard.port_absent"),
        ("idcard", idcard_errors.PortBusy("x"), "idcard.port_busy"),
        ("idcard", idcard_errors.SamNotAnswering("x"), "idcard.sam_silent"),
        ("idcard", idcard_errors.DamagedReplies("x"), "idcard.line_damaged"),
        ("idcard", idcard_errors.SamFault(0x60, "self_test", "x"), "idcard.sam_fault"),
        ("idcard", idcard_errors.SamCardError(0x41, "read_failed", "x"), "idcard.card_unreadable"),
        ("idcard", idcard_errors.CardRemoved("x"), "idcard.card_moved"),
        ("pcsc", pcsc_errors.PcscdUnavailable("x"), "pcsc.pcscd_down"),
        ("pcsc", idcard_errors.ReaderUnavailable("x"), "pcsc.no_reader"),
        ("pcsc", pcsc_errors.UnsupportedCard("x"), "pcsc.unsupported_card"),
        ("pcsc", pcsc_errors.CardUnresponsive("x"), "pcsc.card_mute"),
        ("pcsc", idcard_errors.CardRemoved("x"), "pcsc.card_moved"),
        ("pcsc", pcsc_errors.ProfileError("x"), "pcsc.card_unreadable"),
        ("printer", errors.PrinterUnreachable("x"), "printer.unreachable"),
        ("printer", errors.PrinterSilent("x"), "printer.silent"),
        ("printer", errors.PrinterGarbled("x"), "printer.garbled"),
        ("printer", errors.PaperOut("x"), "printer.paper_out"),
        ("printer", errors.PrinterOffline("x"), "printer.offline"),
        ("camera", errors.CameraFault("x"), "camera.fault"),
        ("camera", ValueError("x"), "driver_bug"),
    ],
)
def test_each_typed_error_has_its_code(test: str, error: Exception, code: str) -> None:
    assert code_for_error(test, error) == code


@pytest.mark.parametrize(
    ("kinds", "verdict", "code"),
    [
        (["licence"], "blurred", "camera.ok"),
        (["unknown"], "ok", "camera.other_code"),
        ([], "too dark", "camera.too_dark"),
        ([], "blurred", "camera.blurred"),
        ([], "ok", "camera.no_code"),
        ([], None, "camera.no_frames"),
    ],
)
def test_camera_codes_follow_what_was_seen(kinds: list, verdict: str | None, code: str) -> None:
    assert code_for_camera(kinds, verdict) == code
