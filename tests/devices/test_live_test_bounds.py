"""Every live test ends in bounded time on the real rigs, with the code that names the cause.

The rigs: a GA 467 SAM emulated on a pty (silent; answering some commands and
garbling others; gone), a TCP 9100 printer (healthy; ignoring GS I; silent;
refusing), and an OpenCV image sequence that loops without a usable code.
The bounds are the contract of `diag --test` (OPERATIONS.md): a wait ends
within 1.5x its own timeout, a fault known at once does not wait at all
(asserted as "well under the timeout", so a loaded machine cannot fail it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rigs.frames import no_code_frames, write_sequence
from rigs.printer_listener import PrinterListener
from rigs.sam_emulator import Fault, SamEmulator

from devices import diagnostics
from devices.config import DevicesConfig
from devices.idcard import ga467
from devices.idcard.simulator import DEFAULT_CITIZENS_FILE, load_sample_blocks
from devices.registry import build_devices

NONE = {"idcard_driver": "none", "camera_driver": "none", "printer_driver": "none"}


Outcome = tuple[dict[str, Any], float, list[str]]


def _run(tmp_path: Path, which: str, timeout_s: float, **config: Any) -> Outcome:
    """(result, seconds, progress steps) of one live test on devices built as the CLI builds them."""
    devices = build_devices(DevicesConfig(**{**NONE, **config}), tmp_path)
    steps: list[str] = []
    try:
        result = diagnostics.run_live_test(devices, which, timeout_s, steps.append)  # type: ignore[arg-type]
    finally:
        devices.close()
    return result, result["duration_s"], steps  # the test's own time, not the devices' set-up and close


@pytest.fixture
def sam(tmp_path: Path) -> Iterator[SamEmulator]:
    (tmp_path / "sam").mkdir()
    emulator = SamEmulator(tmp_path / "sam").start()
    yield emulator
    emulator.stop()


@pytest.fixture
def printer() -> Iterator[PrinterListener]:
    rig = PrinterListener().start()
    yield rig
    rig.stop()


# -- ID card ------------------------------------------------------------------------------
@pytest.mark.sam
def test_a_silent_sam_is_named_as_such_without_waiting_for_a_card(tmp_path: Path, sam: SamEmulator) -> None:
    for _ in range(3):
        sam.inject(Fault(command=ga467.SAM_STATUS, silent=True))
    result, seconds, steps = _run(tmp_path, "idcard", 10.0, idcard_driver="ga467", idcard_port=sam.port)
    assert (result["ok"], result["code"]) == (False, "idcard.sam_silent")
    assert "power" in result["message_en"] and "波特率" in result["message_zh"]
    assert seconds < 5.0  # three reply timeouts, not the 10 s card wait
    assert steps == ["checking the reader"]


@pytest.mark.sam
@pytest.mark.parametrize("how", ["truncate", "noise"])
def test_a_module_that_garbles_read_base_info_is_a_line_fault(
    tmp_path: Path, sam: SamEmulator, how: str
) -> None:
    blocks = load_sample_blocks(DEFAULT_CITIZENS_FILE)
    sam.place_card(blocks["zhang_wei"][1])
    sam.garble(ga467.READ_BASE_INFO, how)  # status, find and select answer normally
    result, seconds, _ = _run(tmp_path, "idcard", 4.0, idcard_driver="ga467", idcard_port=sam.port)
    assert (result["ok"], result["code"]) == (False, "idcard.line_damaged")
    assert "cable" in result["message_en"] and "power" not in result["message_en"]
    assert result["device"]["status"] == "hardwareError"
    assert seconds < 1.5 * 4.0


@pytest.mark.sam
def test_corrupt_replies_to_the_status_check_are_a_line_fault_not_a_card_one(
    tmp_path: Path, sam: SamEmulator
) -> None:
    sam.garble(ga467.SAM_STATUS, "truncate")
    result, seconds, _ = _run(tmp_path, "idcard", 10.0, idcard_driver="ga467", idcard_port=sam.port)
    assert (result["code"], result["device"]["status"]) == ("idcard.line_damaged", "hardwareError")
    assert seconds < 5.0


@pytest.mark.sam
def test_no_card_ends_with_its_timeout(tmp_path: Path, sam: SamEmulator) -> None:
    result, seconds, steps = _run(tmp_path, "idcard", 1.0, idcard_driver="ga467", idcard_port=sam.port)
    assert (result["ok"], result["code"]) == (False, "idcard.no_card")
    assert 1.0 <= seconds < 1.5 * 1.0 + 0.5  # + one reply time of the last attempt
    assert steps == ["checking the reader", "waiting up to 1 s for a card"]


@pytest.mark.sam
@pytest.mark.parametrize("gone", ["never there", "unplugged"])
def test_a_missing_port_is_known_at_once(tmp_path: Path, sam: SamEmulator, gone: str) -> None:
    port = str(tmp_path / "ttyNothing") if gone == "never there" else sam.port
    if gone == "unplugged":
        config = DevicesConfig(**{**NONE, "idcard_driver": "ga467", "idcard_port": port})
        devices = build_devices(config, tmp_path)
        sam.vanish()  # after the driver opened it
        started = time.monotonic()
        result = diagnostics.run_live_test(devices, "idcard", 10.0)
        seconds = time.monotonic() - started
        devices.close()
    else:
        result, seconds, _ = _run(tmp_path, "idcard", 10.0, idcard_driver="ga467", idcard_port=port)
    assert (result["ok"], result["code"]) == (False, "idcard.port_absent")
    assert seconds < 2.0


# -- printer ------------------------------------------------------------------------------
@pytest.mark.printer
@pytest.mark.parametrize("answers_info", [True, False])
def test_a_healthy_printer_passes_quickly_at_the_default_settings(
    tmp_path: Path, printer: PrinterListener, answers_info: bool
) -> None:
    printer.answers_info = answers_info  # many printers ignore GS I: that must not cost 3 x the timeout
    result, seconds, _ = _run(tmp_path, "printer", 10.0, printer_driver="network", printer_port=printer.port)
    assert (result["ok"], result["code"]) == (True, "printer.ok")
    assert result["facts"]["printer"]["model"] == ("XP-80C" if answers_info else "")
    assert seconds < 3.0  # defaults: printer_timeout_s 5
    assert printer.received  # the test page reached the printer


@pytest.mark.printer
def test_a_silent_printer_fails_after_one_status_wait(tmp_path: Path, printer: PrinterListener) -> None:
    printer.answer = "silent"
    result, seconds, steps = _run(
        tmp_path, "printer", 10.0, printer_driver="network", printer_port=printer.port, printer_timeout_s=2.0
    )
    assert (result["ok"], result["code"]) == (False, "printer.silent")
    assert seconds < 1.5 * 2.0
    assert steps == ["asking the printer for its status (DLE EOT)"]  # nothing printed into silence


@pytest.mark.printer
def test_a_printer_that_refuses_is_known_at_once(tmp_path: Path, printer: PrinterListener) -> None:
    port = printer.port
    printer.stop()
    result, seconds, _ = _run(tmp_path, "printer", 10.0, printer_driver="network", printer_port=port)
    assert (result["ok"], result["code"]) == (False, "printer.unreachable")
    assert seconds < 2.0


@pytest.mark.printer
def test_a_garbled_status_answer_is_named(tmp_path: Path, printer: PrinterListener) -> None:
    printer.answer = "garbage"
    result, _, _ = _run(tmp_path, "printer", 10.0, printer_driver="network", printer_port=printer.port)
    assert (result["ok"], result["code"]) == (False, "printer.garbled")


# -- camera -------------------------------------------------------------------------------
@pytest.mark.camera
@pytest.mark.parametrize(
    ("condition", "code"),
    [("clean", "camera.no_code"), ("dim", "camera.too_dark"), ("blurred", "camera.blurred")],
)
def test_a_looping_sequence_without_a_code_fails_with_what_it_saw(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], condition: str, code: str
) -> None:
    pattern = write_sequence(tmp_path / "frames", no_code_frames(condition, 3))
    camera = {"camera_driver": "opencv", "camera_source": pattern, "camera_fps": 20}
    result, seconds, _ = _run(tmp_path, "camera", 1.5, **camera)
    assert (result["ok"], result["code"]) == (False, code)
    assert result["facts"]["frames"] > 3  # it looped over the three files
    assert seconds < 1.5 * 1.5
    assert "imread" not in capfd.readouterr().err  # OpenCV's own warnings stay off the screen
