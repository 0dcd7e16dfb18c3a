"""build_devices turns the [devices] section into devices; a broken one is reported, never fatal."""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec
import pytest
from rigs.printer_listener import PrinterListener

from devices.base import DeviceStatus
from devices.camera.scanner import QrScanner
from devices.config import DevicesConfig
from devices.errors import CameraFault, PrinterError, ReaderFault
from devices.printer.escpos_printer import EscposPrinter
from devices.printer.simulated import SimulatedPrinter
from devices.registry import DeviceSet, UnavailableDevice, build_devices
from kiosk.settings import declared_fields, problem_of, validated


def test_defaults_build_the_demo_simulators(tmp_path: Path) -> None:
    devices = build_devices(DevicesConfig(), tmp_path)
    try:
        assert [d.driver for d in devices.all()] == ["simulator", "simulator", "simulator"]
        assert devices.pcsc is None
        assert isinstance(devices.printer, SimulatedPrinter)
        assert devices.printer.out_dir == tmp_path / "receipts"
        devices.camera.show_licence("li_na")
        assert QrScanner(devices.camera).scan(5).uscc == "92310104MA1HX1234F"
    finally:
        devices.close()


def test_driver_none_leaves_the_slot_empty(tmp_path: Path) -> None:
    cfg = DevicesConfig(idcard_driver="none", camera_driver="none", printer_driver="none")
    devices = build_devices(cfg, tmp_path)
    assert devices.all() == [] and devices.idcard is None and devices.printer is None


def test_a_camera_that_cannot_open_reports_itself(tmp_path: Path) -> None:
    devices = build_devices(
        DevicesConfig(camera_driver="opencv", camera_source=str(tmp_path / "x.avi")), tmp_path
    )
    try:
        with pytest.raises(CameraFault):
            QrScanner(devices.camera).scan(1)
        assert devices.camera.status == DeviceStatus.NO_DEVICE
    finally:
        devices.close()


@pytest.mark.printer
def test_network_printer_from_config(tmp_path: Path) -> None:
    listener = PrinterListener().start()
    try:
        cfg = DevicesConfig(printer_driver="network", printer_port=listener.port, printer_timeout_s=1)
        devices = build_devices(cfg, tmp_path)
        assert isinstance(devices.printer, EscposPrinter)
        assert devices.printer.paper_status() == "ok"
        assert devices.printer.describe()["ports"] == [f"127.0.0.1:{listener.port}"]
    finally:
        listener.stop()


@pytest.mark.expect_log(r"device pcsc unavailable: driver pcsc not installed")
def test_missing_pcsc_driver_becomes_unavailable_with_a_reason(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "smartcard", None)  # as if pyscard were not installed
    for name in [m for m in sys.modules if m.startswith("devices.pcsc")]:
        monkeypatch.delitem(sys.modules, name)
    devices = build_devices(DevicesConfig(pcsc_enabled=True), tmp_path)
    try:
        assert isinstance(devices.pcsc, UnavailableDevice)
        assert devices.pcsc.status == DeviceStatus.NO_DEVICE
        assert "not installed" in devices.pcsc.status_detail
        with pytest.raises(ReaderFault, match="unavailable"):
            devices.pcsc.read_card(1)
        devices.pcsc.stop_polling()  # harmless operations do nothing
    finally:
        devices.close()


def test_unavailable_device_fails_with_the_kinds_error() -> None:
    printer = UnavailableDevice("printer", "printer", "usb", "pyusb missing")
    assert printer.paper_status() == "unknown"
    with pytest.raises(PrinterError, match="pyusb missing"):
        printer.print_receipt(None)
    camera = UnavailableDevice("camera", "camera", "opencv", "no camera")
    assert camera.latest_frame() is None
    with pytest.raises(CameraFault):
        camera.start()
    with pytest.raises(AttributeError):
        camera._private  # noqa: B018


@pytest.mark.expect_log(r"closing device idcard failed")
def test_close_reaches_every_device_even_if_one_fails(tmp_path: Path) -> None:
    closed: list[str] = []

    class Exploding(UnavailableDevice):
        def close(self) -> None:
            raise RuntimeError("boom")

    class Recording(UnavailableDevice):
        def close(self) -> None:
            closed.append(self.name)

    DeviceSet(
        idcard=Exploding("idcard", "idcard", "x", "r"),
        camera=Recording("camera", "camera", "x", "r"),
        printer=Recording("printer", "printer", "x", "r"),
    ).close()
    assert closed == ["camera", "printer"]


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"idcard_driver": "magic"}, "idcard_driver"),
        ({"printer_port": 70000}, "printer_port"),
        ({"printer_driver": "usb", "printer_device": "/dev/usb/lp0"}, "VENDOR:PRODUCT"),
        ({"camera_source": -1}, "between 0 and 63"),
        ({"camera_source": "  "}, "device index"),
        ({"printer_host": "bad\nhost"}, "control characters"),
        ({"idcard_baudrate": 12345}, "idcard_baudrate"),
        ({"unknown_key": 1}, "unknown_key"),
    ],
)
def test_config_rejects_bad_values_clearly(fields: dict, message: str) -> None:
    with pytest.raises(msgspec.ValidationError) as caught:
        validated(DevicesConfig, fields)
    where, text = problem_of(caught.value)
    assert message in f"{where}: {text}"


def test_config_reads_a_digit_string_as_a_device_index() -> None:
    assert validated(DevicesConfig, {"camera_source": "2"}).camera_source == 2
    assert validated(DevicesConfig, {"camera_source": "/srv/demo.mp4"}).camera_source == "/srv/demo.mp4"
    usb = validated(DevicesConfig, {"printer_driver": "usb", "printer_device": "0x0416:0x5011"})
    assert usb.usb_ids() == (0x0416, 0x5011)


def test_every_config_field_is_documented() -> None:
    for spec in declared_fields(DevicesConfig):
        assert spec.meta.description, spec.name


def test_camera_resolution_is_checked() -> None:
    assert validated(DevicesConfig, {"camera_resolution": "1280x720"}).camera_size() == (1280, 720)
    with pytest.raises(msgspec.ValidationError, match="camera_resolution"):
        validated(DevicesConfig, {"camera_resolution": "huge"})
