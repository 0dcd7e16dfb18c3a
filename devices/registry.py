"""Build the terminal's devices from the [devices] configuration.

One place decides which driver runs each device. A device that cannot be
built — a missing package (pyscard), an absent serial port, a driver not yet
installed — never stops the kiosk: it is replaced by an `UnavailableDevice`
whose status (noDevice) and detail say why, and whose operations raise the
same typed errors a broken device would. Drivers are imported only when
configured, so a kiosk without pyscard or a camera still starts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct

from devices.base import Device, DeviceStatus
from devices.config import DevicesConfig
from devices.errors import CameraFault, DeviceError, PrinterError, ReaderFault

log = logging.getLogger(__name__)

_ERROR_BY_KIND: dict[str, type[DeviceError]] = {
    "idcard": ReaderFault,
    "pcsc": ReaderFault,
    "camera": CameraFault,
    "printer": PrinterError,
}
_HARMLESS_OPERATIONS = {"start_polling", "stop_polling", "stop", "poll_once"}
PAPER_CHECK_S = 60.0  # how often the paper is asked for between receipts (each receipt asks too)


class UnavailableDevice(Device):
    """Stands in for a configured device that could not be built; says why, fails politely."""

    def __init__(self, name: str, kind: str, driver: str, reason: str) -> None:
        super().__init__(name)
        self.kind = kind
        self.driver = driver
        self.reason = reason
        self._set_status(DeviceStatus.NO_DEVICE, reason)

    def paper_status(self) -> str:
        return "unknown"

    def latest_frame(self) -> None:
        return None

    def card_present(self) -> bool:
        return False

    def __getattr__(self, operation: str) -> Callable[..., Any]:
        if operation.startswith("_"):
            raise AttributeError(operation)
        if operation in _HARMLESS_OPERATIONS:
            return lambda *args, **kwargs: None
        error = _ERROR_BY_KIND.get(self.kind, DeviceError)

        def unavailable(*args: Any, **kwargs: Any) -> Any:
            raise error(f"{self.kind} unavailable: {self.reason}")

        return unavailable


class PaperWatch:
    """Asks the printer for its paper every `interval_s` on one thread, so a roll running low
    between receipts is reported (the printer emits PaperThreshold on a change) before the next
    citizen is refused a receipt. The question is DLE EOT, answered in milliseconds."""

    def __init__(self, printer: Any, interval_s: float) -> None:
        self._printer = printer
        self._interval_s = max(0.5, interval_s)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"{printer.name}-paper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self._printer.paper_status()
            except Exception:  # the watch outlives any driver bug; the bug is logged
                log.exception("paper check of %s failed", self._printer.name)


class DeviceSet(Struct, eq=False):
    """The devices of one terminal; `None` where the configuration says driver "none". Compared by
    identity: it holds live drivers, not values."""

    idcard: Device | None
    camera: Device | None
    printer: Device | None
    pcsc: Device | None = None
    _paper_watch: PaperWatch | None = None

    def all(self) -> list[Device]:
        return [d for d in (self.idcard, self.pcsc, self.camera, self.printer) if d is not None]

    def start_events(self, paper_check_s: float = PAPER_CHECK_S) -> None:
        """From now on the devices report by themselves: card readers watch for cards placed and
        lifted (MediaInserted / MediaRemoved) and the printer's paper is checked every
        `paper_check_s` (PaperThreshold when it turns low or out). Stopped by `close()`."""
        for reader in (self.idcard, self.pcsc):
            if reader is not None and hasattr(reader, "start_polling"):
                reader.start_polling()
        printer = self.printer
        if printer is not None and not isinstance(printer, UnavailableDevice) and self._paper_watch is None:
            self._paper_watch = PaperWatch(printer, paper_check_s)
            self._paper_watch.start()

    def close(self) -> None:
        """Close every device; one that fails to close is logged and the rest still close."""
        if self._paper_watch is not None:
            self._paper_watch.stop()
            self._paper_watch = None
        for device in self.all():
            try:
                device.close()
            except Exception:  # closing must reach every device
                log.exception("closing device %s failed", device.name)


def build_devices(cfg: DevicesConfig, data_dir: Path) -> DeviceSet:
    """Construct every configured device. Never raises for a device problem (see UnavailableDevice)."""
    return DeviceSet(
        idcard=_build("idcard", "idcard", cfg.idcard_driver, lambda: _idcard(cfg)),
        pcsc=_build("pcsc", "pcsc", "pcsc", lambda: _pcsc(cfg)) if cfg.pcsc_enabled else None,
        camera=_build("camera", "camera", cfg.camera_driver, lambda: _camera(cfg)),
        printer=_build("printer", "printer", cfg.printer_driver, lambda: _printer(cfg, Path(data_dir))),
    )


def _build(name: str, kind: str, driver: str, factory: Callable[[], Device]) -> Device | None:
    if driver == "none":
        return None
    try:
        return factory()
    except ImportError as exc:
        reason = f"driver {driver} not installed ({exc.name or exc})"
    except DeviceError as exc:
        reason = exc.detail or str(exc)
    except (OSError, ValueError, RuntimeError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
    log.warning("device %s unavailable: %s", name, reason)
    return UnavailableDevice(name, kind, driver, reason)


def _idcard(cfg: DevicesConfig) -> Device:
    if cfg.idcard_driver == "ga467":
        from devices.idcard.ga467_reader import Ga467Reader

        return Ga467Reader(cfg.idcard_port, baudrate=cfg.idcard_baudrate, name="idcard")
    from devices.idcard.simulator import SimulatedIdCardReader

    return SimulatedIdCardReader(name="idcard")


def _pcsc(cfg: DevicesConfig) -> Device:
    from devices.pcsc.reader import PcscIdReader  # needs pyscard; without it the slot is unavailable

    return PcscIdReader(reader_name_filter=cfg.pcsc_reader_filter, name="pcsc")


def _camera(cfg: DevicesConfig) -> Device:
    if cfg.camera_driver == "opencv":
        from devices.camera.opencv_camera import OpenCvCamera

        return OpenCvCamera(
            cfg.camera_source, name="camera", fps=cfg.camera_fps, resolution=cfg.camera_size()
        )
    from devices.camera.simulated import SimulatedCamera

    return SimulatedCamera(name="camera", fps=cfg.camera_fps)


def _printer(cfg: DevicesConfig, data_dir: Path) -> Device:
    from devices.printer.escpos_loader import use_cache
    from devices.printer.profile import get_profile

    use_cache()  # python-escpos itself loads with the first receipt or status query
    profile = get_profile(cfg.printer_profile)
    timeout = cfg.printer_timeout_s
    if cfg.printer_driver == "simulator":
        from devices.printer.simulated import SimulatedPrinter

        return SimulatedPrinter(cfg.printer_out_dir or data_dir / "receipts", profile)
    from devices.printer.escpos_printer import EscposPrinter

    if cfg.printer_driver == "network":
        printer = EscposPrinter.network(cfg.printer_host, cfg.printer_port, profile, timeout)
    elif cfg.printer_driver == "serial":
        printer = EscposPrinter.serial(cfg.printer_device, cfg.printer_baudrate, profile, timeout)
    elif cfg.printer_driver == "usb":
        vendor, product = cfg.usb_ids()
        printer = EscposPrinter.usb(vendor, product, profile, timeout)
    else:
        printer = EscposPrinter.file(cfg.printer_device, profile, timeout)
    return printer if cfg.printer_status_query else printer.without_status_query()
