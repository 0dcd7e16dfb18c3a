"""The [devices] section of the kiosk's TOML file, declared once.

Which driver runs each device, and where the hardware is. Every field has a
default, a description (the staff settings screen and the README table are
generated from it) and validation, so a typo in a port or a driver name is a
clear ConfigError at start-up instead of a silent simulator on site. The
section is flat (`idcard_driver`, `printer_host`, ...) because kiosk/settings.py
generates its reference table one level deep.
"""

# No postponed annotations: msgspec would compile each string at the first validation
# (≈6 ms of a start; docs/CONTRACTS.md, "Record types").
import re
from pathlib import Path
from typing import Annotated, Literal

from msgspec import Meta, Struct
from msgspec.structs import force_setattr

PrinterProfileName = Literal["cn-80mm", "cn-58mm", "epson-tm-t88v"]
"""Names accepted by `printer_profile`; devices.printer.profile holds their details."""

_USB_ID = re.compile(r"^(0x)?[0-9a-fA-F]{1,4}:(0x)?[0-9a-fA-F]{1,4}$")


class FieldProblem(ValueError):
    """A value its declared type allows that a device cannot use, naming the field it is in.

    msgspec places an error raised in ``__post_init__`` at the struct (``devices``), so the field
    travels with the error: kiosk.settings reads it back from the ValidationError's cause and the
    clerk's message lands on the right row of the staff form.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class DevicesConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """Drivers and ports of the ID-card reader, PC/SC reader, camera and receipt printer.

    A msgspec Struct (read before the kiosk's first frame): kiosk.settings validates it with the
    whole file; ``__post_init__`` adds the checks a type cannot say. Constructed directly (tests,
    benches) only those run, not the declared limits: ``kiosk.settings.validated`` checks both.
    """

    idcard_driver: Annotated[
        Literal["simulator", "ga467", "none"],
        Meta(
            title="ID-card reader driver",
            description="ID-card reader: simulator (demo), ga467 (serial SAM module) or none",
            extra={"label_zh": "身份证读卡器驱动"},
        ),
    ] = "simulator"
    idcard_port: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=200,
            title="ID-card reader serial port",
            description="Serial port of the GA 467 reader",
            extra={"label_zh": "读卡器串口"},
        ),
    ] = "/dev/ttyUSB0"
    idcard_baudrate: Annotated[
        Literal[9600, 19200, 38400, 57600, 115200],
        Meta(
            title="ID-card reader baud rate",
            description="Baud rate of the GA 467 reader (115200 on most modules)",
            extra={"label_zh": "读卡器波特率"},
        ),
    ] = 115200
    pcsc_enabled: Annotated[
        bool,
        Meta(
            title="PC/SC readers on",
            description="Also watch PC/SC readers (needs pcscd running)",
            extra={"label_zh": "启用 PC/SC 读卡器"},
        ),
    ] = False
    pcsc_reader_filter: Annotated[
        str,
        Meta(
            max_length=200,
            title="PC/SC reader name contains",
            description="Use only PC/SC readers whose name contains this text (empty = any)",
            extra={"label_zh": "PC/SC 读卡器名称包含"},
        ),
    ] = ""
    camera_driver: Annotated[
        Literal["simulator", "opencv", "none"],
        Meta(
            title="Camera driver",
            description="Camera for licence and city-app QR codes: simulator, opencv or none",
            extra={"label_zh": "摄像头驱动"},
        ),
    ] = "simulator"
    camera_source: Annotated[
        int | str,
        Meta(
            title="Camera source",
            description="OpenCV source: device index (0), a video file, or an image sequence "
            "(frame_%03d.png)",
            extra={"label_zh": "摄像头来源"},
        ),
    ] = 0
    camera_resolution: Annotated[
        str,
        Meta(
            pattern=r"^[1-9]\d{2,3}x[1-9]\d{2,3}$",
            title="Camera resolution",
            description="Resolution asked of a camera device (WIDTHxHEIGHT); files keep their own",
            extra={"label_zh": "摄像头分辨率"},
        ),
    ] = "1920x1080"
    camera_fps: Annotated[
        int,
        Meta(
            ge=5,
            le=60,
            title="Camera frame rate",
            description="Frames per second read from a file or simulator",
            extra={"label_zh": "摄像头帧率"},
        ),
    ] = 20
    printer_driver: Annotated[
        Literal["simulator", "network", "serial", "usb", "file", "none"],
        Meta(
            title="Printer driver",
            description="Receipt printer: simulator, network, serial, usb, file or none",
            extra={"label_zh": "打印机驱动"},
        ),
    ] = "simulator"
    printer_host: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=253,
            title="Network printer address",
            description="Network printer host name or address",
            extra={"label_zh": "网络打印机地址"},
        ),
    ] = "127.0.0.1"
    printer_port: Annotated[
        int,
        Meta(
            ge=1,
            le=65535,
            title="Network printer port",
            description="Network printer TCP port (9100 raw)",
            extra={"label_zh": "网络打印机端口"},
        ),
    ] = 9100
    printer_device: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=200,
            title="Printer device / serial port",
            description="Serial port or device file of the printer; for usb the id "
            "VENDOR:PRODUCT (0416:5011)",
            extra={"label_zh": "打印机设备/串口"},
        ),
    ] = "/dev/usb/lp0"
    printer_baudrate: Annotated[
        Literal[9600, 19200, 38400, 57600, 115200],
        Meta(
            title="Printer baud rate",
            description="Baud rate of a serial printer",
            extra={"label_zh": "打印机波特率"},
        ),
    ] = 9600
    printer_profile: Annotated[
        PrinterProfileName,
        Meta(
            title="Printer model",
            description="Printer model profile: cn-80mm (common 80 mm Chinese thermal), cn-58mm, TM-T88V",
            extra={"label_zh": "打印机型号"},
        ),
    ] = "cn-80mm"
    printer_timeout_s: Annotated[
        float,
        Meta(
            ge=0.5,
            le=60.0,
            title="Printer timeout (s)",
            description="Seconds to wait for the printer to connect or answer a status query",
            extra={"label_zh": "打印机超时（秒）"},
        ),
    ] = 5.0
    printer_status_query: Annotated[
        bool,
        Meta(
            title="Ask paper status before printing",
            description="Ask the printer for paper/online status (DLE EOT) before each receipt; "
            "turn off only for one-way printers that never answer",
            extra={"label_zh": "打印前查询纸张状态"},
        ),
    ] = True
    printer_out_dir: Annotated[
        Path | None,
        Meta(
            title="Simulated printer output folder",
            description="Where the simulator writes receipts (default: <data folder>/receipts)",
            extra={"label_zh": "模拟打印输出目录"},
        ),
    ] = None

    def __post_init__(self) -> None:
        force_setattr(self, "camera_source", _usable_source(self.camera_source))
        for name in ("printer_host", "idcard_port", "printer_device"):
            value = getattr(self, name)
            if any(ord(c) < 32 for c in value) or value != value.strip():
                raise FieldProblem(name, "no spaces at the ends and no control characters")
        if self.printer_driver == "usb" and not _USB_ID.match(self.printer_device):
            raise ValueError(
                "printer_device must be VENDOR:PRODUCT in hex (e.g. 0416:5011) for a usb printer"
            )

    def camera_size(self) -> tuple[int, int]:
        """camera_resolution as (width, height)."""
        width, height = self.camera_resolution.split("x")
        return int(width), int(height)

    def usb_ids(self) -> tuple[int, int]:
        """The (vendor, product) pair of a usb printer_device."""
        vendor, product = self.printer_device.split(":")
        return int(vendor, 16), int(product, 16)


def _usable_source(value: int | str) -> int | str:
    """A camera index (0–63), or a file or pattern; digits given as text are an index."""
    if isinstance(value, int):
        if not 0 <= value <= 63:
            raise FieldProblem("camera_source", "a camera device index is between 0 and 63")
        return value
    text = value.strip()
    if not text:
        raise FieldProblem("camera_source", "give a device index, a video file or an image sequence pattern")
    return _usable_source(int(text)) if text.isdigit() else text
