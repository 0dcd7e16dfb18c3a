"""One citizen's data planted in every device path and every log: none of it reaches the bundle.

The citizen's card sits in the GA 467 SAM (pty) and, as a 社保卡, in the PC/SC
reader (pcscd + vpcd); her city-app code loops in front of the OpenCV camera
(image sequence); the printer is a TCP 9100 listener. Her values are also
written at the kiosk log through the logging layer and into an older log file
directly. Every live test runs, then the support bundle is written; each value
is looked for in every member and in the raw zip, as UTF-8 and as UTF-16.
"""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

import pytest
from rigs.frames import write_sequence
from rigs.pcscd import PrivatePcscd
from rigs.printer_listener import PrinterListener
from rigs.sam_emulator import SamEmulator
from rigs.vpcd_card import VirtualSocialSecurityCard, social_security_files

from devices.camera import licence_image
from devices.camera.simulated import demo_city_app_token
from devices.config import DevicesConfig
from devices.diagnostics import run_diagnostics, run_live_test, write_support_bundle
from devices.idcard.textblock import decode_text_block
from devices.registry import build_devices
from kiosk.logs import setup_logging

pytestmark = [pytest.mark.pcsc, pytest.mark.sam, pytest.mark.printer, pytest.mark.camera]

PHONE = "13916620042"


def _encodings(value: str) -> list[bytes]:
    return [value.encode("utf-8"), value.encode("utf-16-le"), value.encode("utf-16-be")]


def _drop_kiosk_handler() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "onestop", False)]:
        root.removeHandler(handler)
        handler.close()


@pytest.mark.expect_log(r"^WARNING test\.plant: ")  # the planted records, refused in the file
def test_no_planted_value_reaches_the_bundle(
    tmp_path: Path, pcscd: PrivatePcscd, sample_blocks: dict[str, bytes], request: pytest.FixtureRequest
) -> None:
    citizen = decode_text_block(sample_blocks["li_na"])
    token = demo_city_app_token("li_na")
    planted = [*filter(None, citizen.personal_values()), PHONE, token]

    data = tmp_path / "data"
    log_path = setup_logging(data, retention_days=180)
    request.addfinalizer(_drop_kiosk_handler)
    older = log_path.with_name("kiosk.log.2026-11-30")
    older.write_text(f"19:00 lookup {citizen.id_number} phone {PHONE} for {citizen.name}\n19:01 ok\n")
    log = logging.getLogger("test.plant")
    log.warning("card read for %s living at %s", citizen.name, citizen.address)
    log.warning("born %s, city app %s", citizen.birth_date.isoformat(), f"CITYAPP:{token}")
    log.info("record %r", citizen)

    (tmp_path / "sam").mkdir()
    sam = SamEmulator(tmp_path / "sam").start()
    sam.place_card(sample_blocks["li_na"])
    card = VirtualSocialSecurityCard(
        pcscd.vpcd_port, files=social_security_files(citizen.id_number, citizen.name, "2", "01")
    ).insert()
    phone = licence_image.on_desk(licence_image.phone_screen(token))
    pattern = write_sequence(tmp_path / "frames", [phone, phone])
    printer = PrinterListener().start()
    config = DevicesConfig(
        idcard_driver="ga467", idcard_port=sam.port, pcsc_enabled=True,
        pcsc_reader_filter="Virtual PCD 00 00", camera_driver="opencv", camera_source=pattern,
        printer_driver="network", printer_port=printer.port,
    )
    devices = build_devices(config, data)
    try:
        tests = [run_live_test(devices, which, 5.0) for which in ("idcard", "pcsc", "camera", "printer")]
        report = {**run_diagnostics(devices, data_dir=data), "tests": tests}
    finally:
        devices.close()
        card.remove()
        sam.stop()
        printer.stop()
    assert [t["code"] for t in tests] == ["idcard.ok", "pcsc.ok", "camera.ok", "printer.ok"]

    logs = sorted(log_path.parent.glob("kiosk.log*"))
    config_text = '[hub]\nurl = "http://127.0.0.1:9"\n'
    bundle = write_support_bundle(tmp_path / "support.zip", report, config_text, logs)
    raw = bundle.read_bytes()
    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert json.loads(members["report.json"])["tests"][0]["card"]["id_number"] == "3101**********4224"
    assert any(b"19:01 ok" in body for body in members.values())  # the logs are there, only cleaner
    assert any(b"log record refused" in body for body in members.values())
    for value in planted:
        for encoded in _encodings(value):
            assert encoded not in raw, value
            for name, body in members.items():
                assert encoded not in body, f"{value!r} in {name}"
