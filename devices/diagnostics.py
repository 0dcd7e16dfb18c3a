"""What a technician needs to see: every device's state, live tests, and a support bundle.

`run_diagnostics` gathers a JSON-safe report (devices, pcscd, serial ports,
disk, clock; the caller adds hub and queue figures through `extra`, since
devices must not import offline_cache). `run_live_test` exercises one device
for a bounded time. `write_support_bundle` zips the report, the configuration
with its secrets removed, and logs passed through `redact_text`, which takes
out ID numbers, phone numbers, e-mail addresses, city-app tokens and names.
The CLI (`python main.py diag ...`) and the diagnostics screen call these.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import re
import shutil
import socket
import time
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from devices.base import Device
from devices.errors import DeviceError
from devices.registry import DeviceSet
from flows.identifiers import mask_id_number

LiveTest = Literal["idcard", "pcsc", "printer", "camera"]
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
TIMESYNC_FLAG = Path("/run/systemd/timesync/synchronized")
MAX_LOG_BYTES = 5 * 1024 * 1024
PACKAGES = ("pyscard", "python-escpos", "opencv-python-headless", "zxing-cpp", "pyserial", "numpy")


# -- report -------------------------------------------------------------------------------
def run_diagnostics(
    devices: DeviceSet, extra: dict[str, Any] | None = None, data_dir: Path | None = None
) -> dict:
    """The diagnostics report as a JSON-safe dict; `extra` (hub, queue, ...) is merged in."""
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "devices": [device_row(device) for device in devices.all()],
        "pcscd": pcscd_status(),
        "serial_ports": serial_ports(),
        "disk_free_bytes": disk_free_bytes(data_dir),
        "clock": clock(),
        "software": software_versions(),
    }
    report.update(extra or {})
    return json.loads(json.dumps(report, default=str))


def device_row(device: Device) -> dict[str, Any]:
    """A device's describe() plus capabilities(); a device that fails to describe itself says so."""
    try:
        row = dict(device.describe())
    except Exception as exc:  # diagnostics must report a broken driver, not die with it
        row = {
            "name": device.name,
            "kind": device.kind,
            "driver": device.driver,
            "status": "hardwareError",
            "detail": f"describe failed: {type(exc).__name__}",
        }
    try:
        row["capabilities"] = device.capabilities()
    except Exception as exc:  # same: report, do not die
        row["capabilities"] = {"error": type(exc).__name__}
    return row


def pcscd_status(socket_path: Path | None = None) -> dict[str, Any]:
    """Whether pcscd answers on its socket (PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm)."""
    path = Path(socket_path or os.environ.get("PCSCLITE_CSOCK_NAME") or PCSCD_SOCKET)
    if not path.exists():
        return {"reachable": False, "socket": str(path), "detail": "pcscd socket missing (pcscd not running)"}
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            sock.connect(str(path))
    except OSError as exc:
        return {
            "reachable": False,
            "socket": str(path),
            "detail": f"pcscd not answering: {exc.strerror or exc}",
        }
    return {"reachable": True, "socket": str(path), "detail": ""}


def serial_ports() -> list[dict[str, str]]:
    """Serial ports the system sees (USB adapters of card readers and printers)."""
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return [
        {"device": port.device, "description": port.description or "", "hwid": port.hwid or ""}
        for port in sorted(list_ports.comports(), key=lambda p: p.device)
    ]


def disk_free_bytes(path: Path | None = None) -> int:
    target = Path(path) if path else Path.home()
    while not target.exists() and target != target.parent:
        target = target.parent
    return shutil.disk_usage(target).free


def clock(timesync_flag: Path = TIMESYNC_FLAG) -> dict[str, Any]:
    """The terminal's time, and whether systemd-timesyncd says it is synchronised (None: no
    timesyncd). A clock off by more than 5 minutes makes the hub refuse every request."""
    now = datetime.now().astimezone()
    synchronised = timesync_flag.exists() if timesync_flag.parent.exists() else None
    return {
        "utc": now.astimezone(UTC).isoformat(timespec="seconds"),
        "local": now.isoformat(timespec="seconds"),
        "timezone": now.tzname(),
        "unix": round(time.time(), 3),
        "ntp_synchronized": synchronised,
    }


def software_versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), "platform": platform.platform()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


# -- live tests ---------------------------------------------------------------------------
def run_live_test(devices: DeviceSet, which: LiveTest, timeout_s: float) -> dict[str, Any]:
    """Exercise one device for at most about `timeout_s`; JSON-safe, ID numbers masked, never raises."""
    device = {
        "idcard": devices.idcard,
        "pcsc": devices.pcsc,
        "camera": devices.camera,
        "printer": devices.printer,
    }.get(which)
    result: dict[str, Any] = {"test": which, "ok": False}
    if device is None:
        result["error"] = f"no {which} device is configured"
        return result
    started = time.monotonic()
    try:
        runner = {"idcard": _card_test, "pcsc": _card_test, "printer": _printer_test, "camera": _camera_test}
        result.update(runner[which](device, timeout_s))
    except DeviceError as exc:
        result["error"] = exc.detail or str(exc)
        result["message_zh"], result["message_en"] = exc.message_zh, exc.message_en
    except Exception as exc:  # a live test reports a driver bug instead of crashing the technician's tool
        result["error"] = f"unexpected {type(exc).__name__}: {exc}"
    result["duration_s"] = round(time.monotonic() - started, 3)
    result["device"] = device_row(device)
    return json.loads(json.dumps(result, default=str))


def _card_test(device: Any, timeout_s: float) -> dict[str, Any]:
    if hasattr(device, "live_test"):
        outcome = dict(device.live_test(timeout_s))
        return {"ok": bool(outcome.get("ok", "card" in outcome)), **_mask_record_fields(outcome)}
    record = device.read_card(timeout_s)
    if record is None:
        return {"ok": False, "error": f"no card presented within {timeout_s:g} s"}
    return {"ok": True, "card": _mask_record_fields(record.as_dict())}


def _mask_record_fields(data: dict[str, Any]) -> dict[str, Any]:
    masked: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            masked[key] = _mask_record_fields(value)
        elif key == "id_number" and isinstance(value, str):
            masked[key] = mask_id_number(value)
        elif key == "photo_wlt":
            masked[key] = f"<{len(value)} bytes>"
        else:
            masked[key] = value
    return masked


def _printer_test(device: Any, timeout_s: float) -> dict[str, Any]:
    paper = device.paper_status()
    identity = device.identify() if hasattr(device, "identify") else {}
    device.print_test_page()
    return {"ok": True, "paper": paper, "printed": "test page", "printer": identity}


def _camera_test(device: Any, timeout_s: float) -> dict[str, Any]:
    from devices.camera.quality import frame_quality
    from devices.camera.scanner import decode_frame

    device.start()
    deadline = time.monotonic() + max(0.1, timeout_s)
    frames, decoded, quality, seq = 0, [], None, -1
    while time.monotonic() < deadline and frames < 1000:
        frame = device.wait_frame(seq, min(0.5, max(0.0, deadline - time.monotonic())))
        if frame is None:
            continue
        seq, frames = frame.seq, frames + 1
        quality = frame_quality(frame.image).as_dict()
        for scan in decode_frame(frame.image):
            decoded.append(
                {
                    "kind": scan.kind,
                    "uscc": scan.uscc,
                    "token": _mask_token(scan.token),
                    "reason": scan.reason,
                }
            )
        if decoded:
            break
    return {
        "ok": frames > 0,
        "frames": frames,
        "fps": round(device.measured_fps(), 1),
        "quality": quality,
        "decoded": decoded,
        **({} if frames else {"error": f"no frame within {timeout_s:g} s"}),
    }


def _mask_token(token: str | None) -> str | None:
    return None if token is None else token[:4] + "…"


# -- redaction and support bundle --------------------------------------------------------
_REDACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"CITYAPP:[A-Za-z0-9._~-]+|([?&]token=)[A-Za-z0-9._~%-]+", re.IGNORECASE), "<token>"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "<id-number>"),
    (re.compile(r"(?<!\d)\d{15}(?!\d)"), "<id-number>"),  # first-generation 15-digit numbers
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"), "<phone>"),
    (re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"), "<phone>"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    (
        re.compile(
            r"""(?P<key>["']?(?:name|full_?name|legal_rep|holder|citizen_name|name_en|姓名|名字|法定代表人"""
            r"""|address|postal_address|registered_address|住址|地址)["']?"""
            r"""\s*[:=：]\s*)(?P<q>["']?)(?P<value>[^"',;}\n]{1,60})(?P=q)""",
            re.IGNORECASE,
        ),
        r"\g<key>\g<q><redacted>\g<q>",
    ),
]


def redact_text(text: str) -> str:
    """Remove ID numbers, phone numbers, e-mails, city-app tokens and named fields from log text."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(lambda m, r=replacement: _replace(m, r), text)
    return text


class RedactingLogFilter(logging.Filter):
    """A logging filter that passes every record through `redact_text`, message and arguments
    merged, so no handler it is attached to ever writes an ID number, phone, name or token."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string is logged as-is, redacted
            message = str(record.msg)
        record.msg, record.args = redact_text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True


def _replace(match: re.Match[str], replacement: str) -> str:
    if replacement == "<token>" and match.group(1):
        return match.group(1) + "<token>"
    return match.expand(replacement)


_SECRET_KEY = re.compile(r"(secret|password|passwd|token|api_?key|private|pin|credential|signature)", re.I)
_TOML_ASSIGNMENT = re.compile(r"^(\s*)([A-Za-z0-9_.\"'-]+)(\s*=\s*)(.*)$")


_URL_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s\"']+@", re.IGNORECASE)


def strip_secrets(config_text: str) -> str:
    """The configuration text with the value of every secret-looking key, and any user:password@
    in a URL, replaced by "<removed>"."""
    lines = []
    for line in config_text.splitlines():
        match = _TOML_ASSIGNMENT.match(line)
        if match and _SECRET_KEY.search(match.group(2)):
            line = f'{match.group(1)}{match.group(2)}{match.group(3)}"<removed>"'
        lines.append(_URL_USERINFO.sub(r"\g<scheme><removed>@", line))
    return "\n".join(lines) + ("\n" if config_text.endswith("\n") else "")


def write_support_bundle(
    path: Path, report: dict[str, Any], config_text: str, log_paths: Iterable[Path]
) -> Path:
    """A zip for support: report.json, config.toml (secrets removed), logs/* redacted (last 5 MiB each)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(
            "report.json", redact_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        )
        bundle.writestr("config.toml", redact_text(strip_secrets(config_text)))
        for index, log_path in enumerate(log_paths):
            log_path = Path(log_path)
            name = f"logs/{index:02d}_{log_path.name}"
            try:
                bundle.writestr(name, redact_text(_tail(log_path)))
            except OSError as exc:
                bundle.writestr(name + ".missing", f"could not read {log_path.name}: {exc.strerror}\n")
    return path


def _tail(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as handle:
        if size > MAX_LOG_BYTES:
            handle.seek(size - MAX_LOG_BYTES)
        data = handle.read(MAX_LOG_BYTES)
    return data.decode("utf-8", errors="replace")
