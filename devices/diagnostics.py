"""What a technician needs to see: every device's state, live tests, and a support bundle.

`run_diagnostics` gathers a JSON-safe report (devices, pcscd, serial ports,
disk, clock; the caller adds hub and queue figures through `extra`, since
devices must not import offline_cache). `run_live_test` exercises one device
for a bounded time. `write_support_bundle` zips the report, the configuration
with its secrets removed, and the logs.

Privacy by construction: live-test results are dataclasses whose fields are
each declared public or personal (devices.personal), so a card's name,
address, birth date or full ID number cannot be written; every result has a
stable `code` from devices.troubleshooting with Chinese and English words.
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
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from devices.base import Device
from devices.errors import DeviceError, PaperOut, PrinterOffline
from devices.idcard.summary import CardSummary
from devices.personal import PUBLIC, find_live_value, personal, public, redact_text, report_of
from devices.registry import DeviceSet
from devices.troubleshooting import code_for_camera, code_for_error, trouble

log = logging.getLogger(__name__)

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
Progress = Callable[[str], None]
"""Called with a short step ("waiting for a card") as a live test moves on; the CLI shows it."""


@dataclass(frozen=True)
class DecodedCode:
    """One code a camera test decoded: the licence's credit code is public, the token is not."""

    kind: str = public()
    uscc: str | None = public()
    token: str | None = personal(lambda token: None if token is None else token[:4] + "…")


@dataclass(frozen=True)
class LiveResult:
    """A live test's outcome; `code` is from devices.troubleshooting, `detail` is the driver's words
    (drivers never put card data in error details)."""

    test: str = public()
    ok: bool = public()
    code: str = public()
    message_zh: str = public()
    message_en: str = public()
    detail: str = public()
    duration_s: float = public()
    card: CardSummary | None = field(metadata=PUBLIC)
    facts: dict[str, Any] = field(metadata=PUBLIC)
    device: dict[str, Any] = field(metadata=PUBLIC)


@dataclass
class _Outcome:
    code: str
    detail: str = ""
    card: CardSummary | None = None
    facts: dict[str, Any] = field(default_factory=dict)


def run_live_test(
    devices: DeviceSet, which: LiveTest, timeout_s: float, progress: Progress | None = None
) -> dict[str, Any]:
    """Exercise one device; JSON-safe, built from typed fields (no personal data), never raises.

    Bounded: a card or camera test waits at most `timeout_s` (plus one reply time), a printer test
    at most one status wait (devices.printer_timeout_s); a known fault (port absent, pcscd down,
    connection refused, silent module) ends it at once."""
    device = {"idcard": devices.idcard, "pcsc": devices.pcsc, "camera": devices.camera,
              "printer": devices.printer}.get(which)
    return run_device_test(device, which, timeout_s, progress)


def run_device_test(
    device: Any, which: LiveTest, timeout_s: float, progress: Progress | None = None
) -> dict[str, Any]:
    """`run_live_test` on one device object (None: not configured)."""
    step = progress or (lambda _text: None)
    started = time.monotonic()
    if device is None:
        outcome = _Outcome("not_configured", f"no {which} device is configured")
    else:
        runner = {"idcard": _card_test, "pcsc": _card_test, "printer": _printer_test, "camera": _camera_test}
        try:
            outcome = runner[which](device, which, timeout_s, step)
        except DeviceError as exc:
            outcome = _Outcome(code_for_error(which, exc), exc.detail or type(exc).__name__)
        except Exception as exc:  # a live test reports a driver bug instead of crashing the technician's tool
            log.exception("live test %s failed unexpectedly", which)
            outcome = _Outcome("driver_bug", f"unexpected {type(exc).__name__}")
    found = trouble(outcome.code)
    result = LiveResult(
        test=which,
        ok=found.ok,
        code=found.code,
        message_zh=found.message_zh,
        message_en=found.message_en,
        detail=outcome.detail,
        duration_s=round(time.monotonic() - started, 3),
        card=outcome.card,
        facts=outcome.facts,
        device=device_row(device) if device is not None else {},
    )
    return json.loads(json.dumps(report_of(result), default=str))


def _card_test(device: Any, test: str, timeout_s: float, step: Progress) -> _Outcome:
    step("checking the reader")
    device.probe()  # a reader fault is known now, not after the wait
    step(f"waiting up to {timeout_s:g} s for a card")
    record = device.read_card(timeout_s)
    if record is None:
        return _Outcome(f"{test}.no_card", f"no card within {timeout_s:g} s")
    return _Outcome(f"{test}.ok", card=CardSummary.of(record))


def _printer_test(device: Any, test: str, timeout_s: float, step: Progress) -> _Outcome:
    step("asking the printer for its status (DLE EOT)")
    online, paper = device.query_status()  # silent or unreachable: raised here, after one wait at most
    if not online:
        raise PrinterOffline("printer reports offline (cover open or error)")
    if paper == "out":
        raise PaperOut("paper end sensor")
    identity: dict[str, str] = {}
    if hasattr(device, "identify"):
        step("asking the printer for its model (GS I)")
        identity = device.identify()
    step("printing the test page")
    device.print_test_page()
    facts = {"paper": paper, "printed": "test page", "printer": identity}
    return _Outcome("printer.paper_low" if paper == "low" else "printer.ok", facts=facts)


def _camera_test(device: Any, test: str, timeout_s: float, step: Progress) -> _Outcome:
    from devices.camera.quality import frame_quality
    from devices.camera.scanner import decode_frame

    step("starting the camera")
    device.start()
    step(f"looking for a code for up to {timeout_s:g} s")
    deadline = time.monotonic() + max(0.1, timeout_s)
    frames, seq, decoded = 0, -1, []
    verdicts: Counter[str] = Counter()
    quality: dict[str, Any] | None = None
    while time.monotonic() < deadline and frames < 1000 and not decoded:
        frame = device.wait_frame(seq, min(0.5, max(0.0, deadline - time.monotonic())))
        if frame is None:
            continue
        seq, frames = frame.seq, frames + 1
        seen = frame_quality(frame.image)
        verdicts[seen.verdict] += 1
        if quality is None or seen.verdict == verdicts.most_common(1)[0][0]:
            quality = seen.as_dict()
        decoded = [DecodedCode(scan.kind, scan.uscc, scan.token) for scan in decode_frame(frame.image)]
    verdict = verdicts.most_common(1)[0][0] if verdicts else None
    code = code_for_camera([d.kind for d in decoded], verdict)  # type: ignore[misc]
    facts = {
        "frames": frames,
        "fps": round(device.measured_fps(), 1),
        "quality": quality,
        "verdict": verdict,
        "decoded": [report_of(d) for d in decoded],
    }
    detail = "" if decoded else f"nothing decoded in {frames} frames over {timeout_s:g} s"
    return _Outcome(code, detail, facts=facts)


# -- redaction and support bundle --------------------------------------------------------
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
    """A zip for support: report.json (valid JSON, written as built: it holds no personal fields),
    config.toml (secrets removed), logs/* (last 5 MiB each). Log lines are passed through
    `redact_text`, and any line holding a live citizen's value is withheld."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        report_text = json.dumps(report, ensure_ascii=False, indent=2)
        bundle.writestr("report.json", _withheld_if_personal(report_text))
        bundle.writestr("config.toml", _withheld_if_personal(strip_secrets(config_text)))
        for index, log_path in enumerate(log_paths):
            log_path = Path(log_path)
            name = f"logs/{index:02d}_{log_path.name}"
            try:
                bundle.writestr(name, _log_for_bundle(_tail(log_path)))
            except OSError as exc:
                bundle.writestr(name + ".missing", f"could not read {log_path.name}: {exc.strerror}\n")
    return path


WITHHELD = "<withheld: it carried a citizen's personal data>"


def _withheld_if_personal(text: str) -> str:
    return json.dumps({"error": WITHHELD}) if find_live_value(text) else text


def _log_for_bundle(text: str) -> str:
    lines = [WITHHELD if find_live_value(line) else redact_text(line) for line in text.splitlines()]
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def _tail(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as handle:
        if size > MAX_LOG_BYTES:
            handle.seek(size - MAX_LOG_BYTES)
        data = handle.read(MAX_LOG_BYTES)
    return data.decode("utf-8", errors="replace")
