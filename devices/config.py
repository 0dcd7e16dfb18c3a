"""The [devices] section of the kiosk's TOML file, declared once.

Which driver runs each device, and where the hardware is. Every field has a
default, a description (the staff settings screen and the README table are
generated from it) and validation, so a typo in a port or a driver name is a
clear ConfigError at start-up instead of a silent simulator on site. The
section is flat (`idcard_driver`, `printer_host`, ...) because kiosk/settings.py
generates its reference table one level deep.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PrinterProfileName = Literal["cn-80mm", "cn-58mm", "epson-tm-t88v"]
"""Names accepted by `printer_profile`; devices.printer.profile holds their details."""

_USB_ID = re.compile(r"^(0x)?[0-9a-fA-F]{1,4}:(0x)?[0-9a-fA-F]{1,4}$")


class DevicesConfig(BaseModel):
    """Drivers and ports of the ID-card reader, PC/SC reader, camera and receipt printer."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    idcard_driver: Literal["simulator", "ga467", "none"] = Field(
        "simulator",
        description="ID-card reader: simulator (demo), ga467 (serial SAM module) or none",
        title="ID-card reader driver",
        json_schema_extra={"label_zh": "身份证读卡器驱动"},
    )
    idcard_port: str = Field(
        "/dev/ttyUSB0",
        min_length=1,
        max_length=200,
        description="Serial port of the GA 467 reader",
        title="ID-card reader serial port",
        json_schema_extra={"label_zh": "读卡器串口"},
    )
    idcard_baudrate: Literal[9600, 19200, 38400, 57600, 115200] = Field(
        115200,
        description="Baud rate of the GA 467 reader (115200 on most modules)",
        title="ID-card reader baud rate",
        json_schema_extra={"label_zh": "读卡器波特率"},
    )
    pcsc_enabled: bool = Field(
        False,
        description="Also watch PC/SC readers (needs pcscd running)",
        title="PC/SC readers on",
        json_schema_extra={"label_zh": "启用 PC/SC 读卡器"},
    )
    pcsc_reader_filter: str = Field(
        "",
        max_length=200,
        description="Use only PC/SC readers whose name contains this text (empty = any)",
        title="PC/SC reader name contains",
        json_schema_extra={"label_zh": "PC/SC 读卡器名称包含"},
    )
    camera_driver: Literal["simulator", "opencv", "none"] = Field(
        "simulator",
        description="Camera for licence and city-app QR codes: simulator, opencv or none",
        title="Camera driver",
        json_schema_extra={"label_zh": "摄像头驱动"},
    )
    camera_source: int | str = Field(
        0,
        description="OpenCV source: device index (0), a video file, or an image sequence (frame_%03d.png)",
        title="Camera source",
        json_schema_extra={"label_zh": "摄像头来源"},
    )
    camera_resolution: str = Field(
        "1920x1080",
        pattern=r"^[1-9]\d{2,3}x[1-9]\d{2,3}$",
        description="Resolution asked of a camera device (WIDTHxHEIGHT); files keep their own",
        title="Camera resolution",
        json_schema_extra={"label_zh": "摄像头分辨率"},
    )
    camera_fps: int = Field(
        20,
        ge=5,
        le=60,
        description="Frames per second read from a file or simulator",
        title="Camera frame rate",
        json_schema_extra={"label_zh": "摄像头帧率"},
    )
    printer_driver: Literal["simulator", "network", "serial", "usb", "file", "none"] = Field(
        "simulator",
        description="Receipt printer: simulator, network, serial, usb, file or none",
        title="Printer driver",
        json_schema_extra={"label_zh": "打印机驱动"},
    )
    printer_host: str = Field(
        "127.0.0.1",
        min_length=1,
        max_length=253,
        description="Network printer host name or address",
        title="Network printer address",
        json_schema_extra={"label_zh": "网络打印机地址"},
    )
    printer_port: int = Field(
        9100,
        ge=1,
        le=65535,
        description="Network printer TCP port (9100 raw)",
        title="Network printer port",
        json_schema_extra={"label_zh": "网络打印机端口"},
    )
    printer_device: str = Field(
        "/dev/usb/lp0",
        min_length=1,
        max_length=200,
        description="Serial port or device file of the printer; for usb the id VENDOR:PRODUCT (0416:5011)",
        title="Printer device / serial port",
        json_schema_extra={"label_zh": "打印机设备/串口"},
    )
    printer_baudrate: Literal[9600, 19200, 38400, 57600, 115200] = Field(
        9600,
        description="Baud rate of a serial printer",
        title="Printer baud rate",
        json_schema_extra={"label_zh": "打印机波特率"},
    )
    printer_profile: PrinterProfileName = Field(
        "cn-80mm",
        description="Printer model profile: cn-80mm (common 80 mm Chinese thermal), cn-58mm, TM-T88V",
        title="Printer model",
        json_schema_extra={"label_zh": "打印机型号"},
    )
    printer_timeout_s: float = Field(
        5.0,
        ge=0.5,
        le=60.0,
        description="Seconds to wait for the printer to connect or answer a status query",
        title="Printer timeout (s)",
        json_schema_extra={"label_zh": "打印机超时（秒）"},
    )
    printer_status_query: bool = Field(
        True,
        description="Ask the printer for paper/online status (DLE EOT) before each receipt; "
        "turn off only for one-way printers that never answer",
        title="Ask paper status before printing",
        json_schema_extra={"label_zh": "打印前查询纸张状态"},
    )
    printer_out_dir: Path | None = Field(
        None,
        description="Where the simulator writes receipts (default: <data folder>/receipts)",
        title="Simulated printer output folder",
        json_schema_extra={"label_zh": "模拟打印输出目录"},
    )

    @field_validator("camera_source")
    @classmethod
    def _source_is_usable(cls, value: int | str) -> int | str:
        if isinstance(value, int):
            if not 0 <= value <= 63:
                raise ValueError("a camera device index is between 0 and 63")
            return value
        text = value.strip()
        if not text:
            raise ValueError("give a device index, a video file or an image sequence pattern")
        if text.isdigit():
            return int(text)
        return text

    @field_validator("printer_host", "idcard_port", "printer_device")
    @classmethod
    def _no_control_characters(cls, value: str) -> str:
        if any(ord(c) < 32 for c in value) or value != value.strip():
            raise ValueError("no spaces at the ends and no control characters")
        return value

    @model_validator(mode="after")
    def _usb_device_is_an_id(self) -> DevicesConfig:
        if self.printer_driver == "usb" and not _USB_ID.match(self.printer_device):
            raise ValueError(
                "printer_device must be VENDOR:PRODUCT in hex (e.g. 0416:5011) for a usb printer"
            )
        return self

    def camera_size(self) -> tuple[int, int]:
        """camera_resolution as (width, height)."""
        width, height = self.camera_resolution.split("x")
        return int(width), int(height)

    def usb_ids(self) -> tuple[int, int]:
        """The (vendor, product) pair of a usb printer_device."""
        vendor, product = self.printer_device.split(":")
        return int(vendor, 16), int(product, 16)
