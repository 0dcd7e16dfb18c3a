"""The technician's troubleshooting table: a stable code per live-test outcome, in Chinese and English.

`python main.py diag --test X --json` gives every result a `code` from this
table beside its `message_zh` / `message_en`, so a script, the hub or a support
desk can act on the code while a person reads the words. Codes never change
meaning; new outcomes get new codes. docs/OPERATIONS.md carries the same table
(`markdown_table()`, kept in step by a test).

The words name the cause a technician can act on: a silent SAM module (power,
baud rate) is not a damaged line (cable, module), and neither is a card problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices import errors
from devices.camera.payload import ScanKind
from devices.idcard import errors as idcard_errors


@dataclass(frozen=True)
class Trouble:
    code: str
    ok: bool
    message_zh: str
    message_en: str


_ROWS: list[tuple[str, bool, str, str]] = [
    ("not_configured", False, "该设备未配置（驱动为 none 或未启用）",
     "This device is not configured (driver none, or not enabled)"),
    ("driver_bug", False, "驱动内部错误，请把支持包发给技术支持",
     "Internal driver error: send the support bundle to support"),
    # ID card, GA 467 SAM module on a serial port
    ("idcard.ok", True, "读卡器正常，已读到证件", "The reader works and read the card"),
    ("idcard.no_card", False, "读卡器正常，但在限定时间内没有放卡",
     "The reader works, but no card was placed in time"),
    ("idcard.port_absent", False, "串口不存在：检查读卡器 USB 线，或配置 devices.idcard_port",
     "The serial port does not exist: check the reader's USB cable or devices.idcard_port"),
    ("idcard.port_busy", False, "串口被其他程序占用：先停止自助机程序（systemctl stop onestop-kiosk）",
     "Another program holds the serial port: stop the kiosk first (systemctl stop onestop-kiosk)"),
    ("idcard.sam_silent", False, "SAM 模块无应答：检查模块电源和波特率（devices.idcard_baudrate）",
     "The SAM module does not answer: check its power and the baud rate (devices.idcard_baudrate)"),
    ("idcard.line_damaged", False, "SAM 模块有应答但数据帧损坏：检查串口线和接头，或更换模块",
     "The SAM module answers but its frames arrive damaged: check the serial cable and connectors, "
     "or replace the module"),
    ("idcard.sam_fault", False, "SAM 模块报告自身故障：断电重启模块，仍不行则更换",
     "The SAM module reports a fault of its own: power-cycle it, replace it if that does not help"),
    ("idcard.card_moved", False, "读卡时证件被移开：把证件平放在感应区并保持不动",
     "The card moved during reading: lay it flat on the reader and hold it still"),
    ("idcard.card_unreadable", False, "证件无法读取：换一张证件试；若每张都不行，检查读卡器",
     "The card could not be read: try another card; if every card fails, check the reader"),
    # PC/SC reader (pcscd)
    ("pcsc.ok", True, "PC/SC 读卡器正常，已读到卡片", "The PC/SC reader works and read the card"),
    ("pcsc.no_card", False, "读卡器正常，但在限定时间内没有插卡",
     "The reader works, but no card was inserted in time"),
    ("pcsc.pcscd_down", False, "pcscd 服务未运行：systemctl start pcscd",
     "The pcscd service is not running: systemctl start pcscd"),
    ("pcsc.no_reader", False, "没有找到 PC/SC 读卡器：检查 USB 连接和 devices.pcsc_reader_filter",
     "No PC/SC reader found: check its USB connection and devices.pcsc_reader_filter"),
    ("pcsc.unsupported_card", False, "卡片不受支持（详情中有 ATR）：不是社保卡或演示卡",
     "Unsupported card (its ATR is in the detail): not a social security or demo card"),
    ("pcsc.card_mute", False, "卡片无响应：检查插卡方向，换一张卡试",
     "The card does not answer: check which way it is inserted, try another card"),
    ("pcsc.card_moved", False, "读卡时卡片被拔出：插好并保持不动",
     "The card was pulled during reading: insert it and leave it in"),
    ("pcsc.card_unreadable", False, "卡片数据无法识别：换一张卡试",
     "The card's data could not be understood: try another card"),
    # receipt printer
    ("printer.ok", True, "打印机正常，测试页已打印", "The printer works and printed the test page"),
    ("printer.paper_low", True, "测试页已打印，但纸将用完：准备换纸",
     "The test page printed, but the paper is running low: have a roll ready"),
    ("printer.unreachable", False,
     "连不上打印机：检查电源、网线/USB 线和 devices.printer_host / printer_device",
     "Cannot connect to the printer: check its power, cable and devices.printer_host / printer_device"),
    ("printer.silent", False,
     "打印机接受连接但不回答状态查询：检查端口是否为打印机；单向打印机请关闭 devices.printer_status_query",
     "The printer accepts the connection but never answers the status query: check the port is the "
     "printer's; for a one-way printer turn devices.printer_status_query off"),
    ("printer.garbled", False, "打印机状态回答无法识别：检查型号配置（devices.printer_profile）和波特率",
     "The printer's status answer makes no sense: check devices.printer_profile and the baud rate"),
    ("printer.offline", False, "打印机报告离线：合上纸仓盖，清除卡纸或错误指示",
     "The printer reports offline: close the cover, clear a jam or error light"),
    ("printer.paper_out", False, "打印纸已用完：换纸", "The printer is out of paper: load a new roll"),
    ("printer.fault", False, "打印机故障：查看详情", "Printer fault: see the detail"),
    # camera
    ("camera.ok", True, "摄像头正常，已识别执照或随申办二维码",
     "The camera works and decoded a licence or city-app code"),
    ("camera.other_code", True, "摄像头正常，识别到的二维码不是执照或随申办码",
     "The camera works; the code it read is neither a licence nor a city-app code"),
    ("camera.no_frames", False, "摄像头没有画面：检查 USB 连接和 devices.camera_source",
     "The camera delivers no picture: check its USB connection and devices.camera_source"),
    ("camera.fault", False, "摄像头无法打开：检查 devices.camera_source 和权限（video 组）",
     "The camera cannot be opened: check devices.camera_source and permissions (group video)"),
    ("camera.too_dark", False, "未识别到二维码，画面太暗：增加照明或调整曝光",
     "No code decoded, the picture is too dark: add light or adjust the exposure"),
    ("camera.too_bright", False, "未识别到二维码，画面过亮：避开直射光或反光",
     "No code decoded, the picture is too bright: avoid direct light and glare"),
    ("camera.blurred", False, "未识别到二维码，画面模糊：调焦距、擦镜头、让二维码离近一些",
     "No code decoded, the picture is blurred: refocus, clean the lens, hold the code closer"),
    ("camera.blank", False, "画面一片空白：镜头被遮挡或没有对准",
     "The picture is blank: the lens is covered or points at nothing"),
    ("camera.no_code", False, "画面清楚，但视野内没有二维码：把执照二维码放到摄像头前",
     "The picture is clear but no code is in view: hold a licence code in front of the camera"),
]

TROUBLES: dict[str, Trouble] = {code: Trouble(code, ok, zh, en) for code, ok, zh, en in _ROWS}

# exception → outcome suffix; looked up along the class's MRO, most specific first
_ERROR_SUFFIX: dict[type[Exception], str] = {
    idcard_errors.PortAbsent: "port_absent",
    idcard_errors.PortBusy: "port_busy",
    idcard_errors.SamNotAnswering: "sam_silent",
    idcard_errors.DamagedReplies: "line_damaged",
    idcard_errors.SamFault: "sam_fault",
    idcard_errors.ReaderUnavailable: "port_absent",
    idcard_errors.CardRemoved: "card_moved",
    errors.CardReadError: "card_unreadable",
    errors.PrinterUnreachable: "unreachable",
    errors.PrinterSilent: "silent",
    errors.PrinterGarbled: "garbled",
    errors.PaperOut: "paper_out",
    errors.PrinterOffline: "offline",
    errors.PrinterError: "fault",
    errors.CameraFault: "fault",
}
_PCSC_SUFFIX = {"PcscdUnavailable": "pcscd_down", "ReaderUnavailable": "no_reader",
                "UnsupportedCard": "unsupported_card", "CardUnresponsive": "card_mute"}
_VERDICT_CODE = {"too dark": "camera.too_dark", "too bright": "camera.too_bright",
                 "blurred": "camera.blurred", "blank or covered": "camera.blank", "ok": "camera.no_code"}


def trouble(code: str) -> Trouble:
    return TROUBLES[code]


def code_for_error(test: str, exc: Exception) -> str:
    """The code for a live test that ended with `exc` (devices.errors classes); driver_bug otherwise."""
    for cls in type(exc).__mro__:
        if test == "pcsc" and cls.__name__ in _PCSC_SUFFIX:  # by name: pyscard is optional
            return f"pcsc.{_PCSC_SUFFIX[cls.__name__]}"
        suffix = _ERROR_SUFFIX.get(cls)
        if suffix is not None and f"{test}.{suffix}" in TROUBLES:
            return f"{test}.{suffix}"
    return "driver_bug"


def code_for_camera(decoded_kinds: list[ScanKind], verdict: str | None) -> str:
    """A camera test's code from what it decoded and the picture verdict it saw most."""
    if any(kind in ("licence", "city_app") for kind in decoded_kinds):
        return "camera.ok"
    if decoded_kinds:
        return "camera.other_code"
    if verdict is None:
        return "camera.no_frames"
    return _VERDICT_CODE.get(verdict, "camera.no_code")


def markdown_table() -> str:
    """The troubleshooting table as docs/OPERATIONS.md shows it."""
    lines = ["| code | passes | 说明 | what to do |", "|---|---|---|---|"]
    for t in TROUBLES.values():
        lines.append(f"| `{t.code}` | {'yes' if t.ok else 'no'} | {t.message_zh} | {t.message_en} |")
    return "\n".join(lines)
