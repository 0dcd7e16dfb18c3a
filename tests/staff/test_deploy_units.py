"""deploy/: the systemd units parse and carry what the kiosk relies on; the example config is valid.

The units are read by a small INI reader (systemd allows repeated keys, which
configparser does not) and, where systemd-analyze exists, verified by systemd
itself on a copy whose /opt/onestop paths point at this checkout (verify insists
that ExecStart's program exists).
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from kiosk.settings import load_settings, settings_reference

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = ["onestop-kiosk.service", "onestop-kiosk-cage.service"]
# options that would take the screen, the touch panel or the serial/USB devices away
GUI_BREAKERS = ("PrivateDevices", "MemoryDenyWriteExecute", "ProtectClock", "DeviceAllow", "DevicePolicy")
needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze not installed (no systemd on this machine)",
)
RUN_COMMAND = "/opt/onestop/.venv/bin/python /opt/onestop/main.py run --config /etc/onestop/kiosk.toml"


class UnitSyntaxError(ValueError):
    pass


def read_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Sections of a unit file as ordered (key, value) pairs; repeated keys kept."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1], [])
        elif "=" in stripped and current is not None:
            key, value = stripped.split("=", 1)
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", key.strip()):
                raise UnitSyntaxError(f"{path.name}:{number}: bad key {key!r}")
            current.append((key.strip(), value.strip()))
        else:
            raise UnitSyntaxError(f"{path.name}:{number}: not a section or key=value: {line!r}")
    return sections


def values(unit: dict[str, list[tuple[str, str]]], section: str, key: str) -> list[str]:
    return [v for k, v in unit.get(section, []) if k == key]


def one(unit: dict[str, list[tuple[str, str]]], section: str, key: str) -> str:
    found = values(unit, section, key)
    assert len(found) == 1, f"[{section}] {key}: expected once, found {found}"
    return found[0]


@pytest.mark.parametrize("name", UNITS)
def test_unit_has_the_watchdog_restart_and_hardening(name: str) -> None:
    unit = read_unit(DEPLOY / name)
    assert set(unit) == {"Unit", "Service", "Install"}
    assert one(unit, "Service", "Type") == "notify"
    assert one(unit, "Service", "WatchdogSec") == "30"
    assert one(unit, "Service", "Restart") == "always"
    assert one(unit, "Service", "RestartSec") == "2"
    assert one(unit, "Service", "User") == "onestop"
    assert one(unit, "Service", "ProtectSystem") == "strict"
    assert "/var/lib/onestop" in one(unit, "Service", "ReadWritePaths").split()
    assert one(unit, "Service", "NoNewPrivileges") == "true"
    assert one(unit, "Service", "PrivateTmp") == "true"
    assert one(unit, "Unit", "StartLimitIntervalSec") == "0"
    assert one(unit, "Install", "WantedBy") == "graphical.target"
    assert one(unit, "Service", "ExecStart").endswith(RUN_COMMAND)
    environment = dict(v.split("=", 1) for v in values(unit, "Service", "Environment"))
    assert environment["LANG"] == "zh_CN.UTF-8"
    for breaks_gui in GUI_BREAKERS:
        assert not values(unit, "Service", breaks_gui), f"{name}: {breaks_gui} breaks the GUI or devices"


def test_cage_unit_runs_the_kiosk_inside_cage_on_tty1() -> None:
    unit = read_unit(DEPLOY / "onestop-kiosk-cage.service")
    exec_start = one(unit, "Service", "ExecStart")
    assert exec_start.startswith("/usr/bin/cage -- ")
    assert "env -u WATCHDOG_PID" in exec_start  # the kiosk is cage's child, not the main pid
    assert one(unit, "Service", "NotifyAccess") == "all"
    assert one(unit, "Service", "TTYPath") == "/dev/tty1"
    environment = dict(v.split("=", 1) for v in values(unit, "Service", "Environment"))
    assert environment["QT_QPA_PLATFORM"] == "wayland"
    assert "getty@tty1.service" in " ".join(values(unit, "Unit", "Conflicts"))
    pam = one(unit, "Service", "PAMName")
    assert (DEPLOY / "pam.d" / pam).is_file()


def test_plain_unit_notifies_from_the_main_process() -> None:
    unit = read_unit(DEPLOY / "onestop-kiosk.service")
    assert one(unit, "Service", "NotifyAccess") == "main"
    assert one(unit, "Service", "ExecStart") == RUN_COMMAND


def test_unit_reader_catches_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.service"
    bad.write_text("[Service]\nType notify\n", encoding="utf-8")
    with pytest.raises(UnitSyntaxError, match="not a section"):
        read_unit(bad)


@needs_systemd_analyze
@pytest.mark.parametrize("name", UNITS)
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path, name: str) -> None:
    text = (DEPLOY / name).read_text(encoding="utf-8").replace("/opt/onestop", str(ROOT))
    if shutil.which("cage") is None:  # verify checks the program exists; cage is not on a build machine
        stand_in = tmp_path / "cage"
        stand_in.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        stand_in.chmod(stat.S_IRWXU)
        text = text.replace("/usr/bin/cage", str(stand_in))
    unit = tmp_path / name
    unit.write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    complaints = [
        line for line in result.stderr.splitlines() if re.search(r"unknown|invalid|failed|error", line, re.I)
    ]
    assert result.returncode == 0 and not complaints, result.stderr


@needs_systemd_analyze
def test_systemd_analyze_verify_really_complains(tmp_path: Path) -> None:
    unit = tmp_path / "broken.service"
    unit.write_text("[Service]\nType=notyfy\nExecStart=/bin/true\nWatchdogSec=soon\n", encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Failed to parse" in result.stderr


@pytest.mark.skipif(shutil.which("systemd-sysusers") is None, reason="systemd-sysusers not installed")
def test_sysusers_creates_the_dedicated_user(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    subprocess.run(
        ["systemd-sysusers", f"--root={tmp_path}", str(DEPLOY / "sysusers.d" / "onestop.conf")],
        capture_output=True,
        timeout=60,
        check=True,
    )
    passwd = (tmp_path / "etc" / "passwd").read_text(encoding="utf-8")
    user = next(line for line in passwd.splitlines() if line.startswith("onestop:")).split(":")
    assert user[5] == "/var/lib/onestop" and user[6] == "/usr/sbin/nologin"
    groups = (tmp_path / "etc" / "group").read_text(encoding="utf-8")
    for group in ("video", "render", "input", "dialout", "lp"):
        assert re.search(rf"^{group}:x:\d+:.*\bonestop\b", groups, re.M), group


def test_example_config_is_valid_and_mentions_every_setting() -> None:
    path = DEPLOY / "kiosk.example.toml"
    settings = load_settings(path)
    assert settings.terminal.data_dir == Path("/var/lib/onestop")
    assert not settings.hub.embedded
    assert settings.devices.idcard_driver == "ga467"
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for row in settings_reference():
        section, key = row["key"].split(".", 1)
        present = key in data.get(section, {})
        commented = re.search(rf"^#\s*{re.escape(key)}\s*=", text, re.M) is not None
        assert present or commented, f"deploy/kiosk.example.toml does not mention {row['key']}"


def test_example_config_holds_no_secret() -> None:
    text = (DEPLOY / "kiosk.example.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    keys = {key for section in data.values() for key in section}
    assert not keys & {"secret", "hub_secret", "password", "pin", "key", "token"}
