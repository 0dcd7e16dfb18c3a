"""Diagnostics report, live tests, log redaction and the support bundle."""

from __future__ import annotations

import json
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.config import DevicesConfig
from devices.diagnostics import (
    clock,
    pcscd_status,
    redact_text,
    run_diagnostics,
    run_live_test,
    strip_secrets,
    write_support_bundle,
)
from devices.registry import DeviceSet, build_devices
from flows.identifiers import id_check_digit


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[DeviceSet]:
    built = build_devices(DevicesConfig(), tmp_path)
    yield built
    built.close()


def test_report_is_json_and_covers_everything(devices: DeviceSet, tmp_path: Path) -> None:
    report = run_diagnostics(
        devices,
        extra={"hub": {"reachable": True, "latency_ms": 3}, "queue": {"pending": 2}},
        data_dir=tmp_path,
    )
    json.dumps(report)
    assert [row["kind"] for row in report["devices"]] == ["idcard", "camera", "printer"]
    assert all(
        {"name", "kind", "driver", "status", "detail", "capabilities"} <= set(row)
        for row in report["devices"]
    )
    assert report["hub"]["latency_ms"] == 3 and report["queue"] == {"pending": 2}
    assert report["disk_free_bytes"] > 0
    assert {"utc", "local", "timezone"} <= set(report["clock"])
    assert isinstance(report["serial_ports"], list)
    assert "reachable" in report["pcscd"]


def test_pcscd_missing_and_answering(tmp_path: Path) -> None:
    assert pcscd_status(tmp_path / "none.comm")["reachable"] is False
    path = tmp_path / "pcscd.comm"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)
        assert pcscd_status(path)["reachable"] is True
    assert pcscd_status(path)["reachable"] is False  # socket file left behind, nobody listening


def test_live_camera_test_reports_code_and_picture_quality(devices: DeviceSet) -> None:
    devices.camera.show_licence("zhang_wei")
    result = run_live_test(devices, "camera", timeout_s=5)
    assert (result["ok"], result["code"]) == (True, "camera.ok")
    assert result["facts"]["decoded"][0]["uscc"] == "91310104MA1FR0000C"
    assert result["facts"]["quality"]["verdict"] == "ok" and result["facts"]["frames"] >= 1


def test_live_camera_test_masks_tokens(devices: DeviceSet) -> None:
    devices.camera.show_city_app("SECRETtokenABCDEFGH")
    result = run_live_test(devices, "camera", timeout_s=5)
    assert result["facts"]["decoded"][0]["token"] == "SECR…"
    assert "SECRETtokenABCDEFGH" not in json.dumps(result)


def test_live_printer_test_prints_a_page(devices: DeviceSet, tmp_path: Path) -> None:
    result = run_live_test(devices, "printer", timeout_s=5)
    assert (result["ok"], result["code"], result["facts"]["paper"]) == (True, "printer.ok", "ok")
    assert (tmp_path / "receipts" / "receipt_1.bin").exists()


def test_live_printer_test_reports_paper_out_for_staff(devices: DeviceSet, tmp_path: Path) -> None:
    devices.printer.set_paper("out")
    result = run_live_test(devices, "printer", timeout_s=5)
    assert (result["ok"], result["code"]) == (False, "printer.paper_out")
    assert result["detail"] == "paper end sensor"
    assert "打印纸" in result["message_zh"] and "paper" in result["message_en"]
    assert not (tmp_path / "receipts" / "receipt_1.bin").exists()  # nothing printed into an empty printer


def test_live_idcard_test_shows_masks_that_do_not_combine(devices: DeviceSet) -> None:
    devices.idcard.present("zhang_wei")
    result = run_live_test(devices, "idcard", timeout_s=2)
    text = json.dumps(result, ensure_ascii=False)
    assert (result["ok"], result["code"]) == (True, "idcard.ok")
    assert "310104198503123011" not in text and result["card"]["id_number"] == "3101**********3011"
    assert "birth_date" not in result["card"] and "19850312" not in text and "1985-03-12" not in text
    assert "张伟" not in text and result["card"]["name"] == "**"


def test_live_idcard_test_without_a_card(devices: DeviceSet) -> None:
    result = run_live_test(devices, "idcard", timeout_s=0.3)
    assert (result["ok"], result["code"]) == (False, "idcard.no_card")


def test_live_test_of_an_unconfigured_device(devices: DeviceSet) -> None:
    result = run_live_test(devices, "pcsc", timeout_s=1)
    assert (result["ok"], result["code"]) == (False, "not_configured")
    assert result["detail"] == "no pcsc device is configured"
    assert result["message_zh"] and result["message_en"]


@pytest.mark.parametrize(
    "line, leaked",
    [
        ("read card 310104198503123011 ok", "310104198503123011"),
        ("old card 310104850312301 ok", "310104850312301"),
        ("id=11010519491231002X", "11010519491231002X"),
        ("call 13816620001 or +86 138-1662-0001", "1662"),
        ("tel 021-64870001", "64870001"),
        ("mail zhangwei@example.cn", "zhangwei@"),
        ("scanned CITYAPP:abcdefghijklmnop1234", "abcdefghijklmnop1234"),
        ("GET /cityapp/id?token=abcdefghijklmnop1234&x=1", "abcdefghijklmnop1234"),
    ],
)
def test_redaction_removes_personal_data(line: str, leaked: str) -> None:
    assert leaked not in redact_text(line)


def test_redaction_keeps_what_technicians_need() -> None:
    line = "2026-11-27 19:00:01 WARNING printer paper low; uscc 91310104MA1FR0000C; app 7f1c2a9e; port 9100"
    assert redact_text(line) == line
    device_row = '{"name": "idcard", "kind": "idcard", "name_en": ""}'
    assert redact_text(device_row) == device_row  # device names are not personal data


id_numbers = st.from_regex(r"\A[1-6]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}\Z").map(
    lambda first17: first17 + id_check_digit(first17)
)


@given(
    id_numbers,
    st.text(alphabet=" ,;:=()[]{}\"'abcxyz中文", max_size=20),
    st.text(alphabet=" ,;:中文", max_size=20),
)
def test_fuzz_any_id_number_in_any_text_is_removed(id_number: str, before: str, after: str) -> None:
    assert id_number not in redact_text(before + id_number + after)


def test_strip_secrets() -> None:
    config = (
        'hub_secret = "abc"\n[hub]\nurl = "http://x"\nterminal_password="p"\npin = 1234\n# secret comment\n'
    )
    stripped = strip_secrets(config)
    assert "abc" not in stripped and '"p"' not in stripped and "1234" not in stripped
    assert 'url = "http://x"' in stripped and "# secret comment" in stripped
    assert (
        strip_secrets('url = "https://kiosk:pa55@hub.example/v1"')
        == 'url = "https://<removed>@hub.example/v1"'
    )


def test_support_bundle(devices: DeviceSet, tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    log.write_text("19:00 card 310104198503123011 read, phone 13816620001\n19:01 printed\n", encoding="utf-8")
    report = run_diagnostics(devices)
    bundle = write_support_bundle(
        tmp_path / "out" / "support.zip", report, 'secret = "s3cr3t"\n', [log, tmp_path / "missing.log"]
    )
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert names == ["report.json", "config.toml", "logs/00_kiosk.log", "logs/01_missing.log.missing"]
        assert json.loads(archive.read("report.json"))["devices"][0]["kind"] == "idcard"
        assert b"s3cr3t" not in archive.read("config.toml")
        logged = archive.read("logs/00_kiosk.log").decode()
        assert (
            "310104198503123011" not in logged and "13816620001" not in logged and "19:01 printed" in logged
        )


@pytest.mark.printer
def test_live_test_of_a_network_printer_names_its_model(tmp_path: Path) -> None:
    from rigs.printer_listener import PrinterListener

    listener = PrinterListener().start()
    try:
        cfg = DevicesConfig(printer_driver="network", printer_port=listener.port, printer_timeout_s=1)
        result = run_live_test(build_devices(cfg, tmp_path), "printer", timeout_s=2)
    finally:
        listener.stop()
    assert result["ok"] is True
    assert result["facts"]["printer"]["model"] == "XP-80C"


def test_clock_reports_time_synchronisation(tmp_path: Path) -> None:
    flag = tmp_path / "timesync" / "synchronized"
    assert clock(flag)["ntp_synchronized"] is None  # no timesyncd at all
    flag.parent.mkdir()
    assert clock(flag)["ntp_synchronized"] is False
    flag.touch()
    assert clock(flag)["ntp_synchronized"] is True
