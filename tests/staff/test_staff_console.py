"""The technician's console (`python -m kiosk.staff`): set the PIN on a real pty, status, audit checks."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.staff import StaffFiles
from kiosk.staff.__main__ import main
from kiosk.staff.audit import AuditLog
from kiosk.staff.pin import PinStore

ROOT = Path(__file__).resolve().parents[2]


def run_on_pty(args: list[str], answers: list[str], timeout_s: float = 60.0) -> tuple[int, str]:
    """Run the console with a pty as its terminal; type each answer after each prompt."""
    main_fd, child_fd = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.staff", *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(child_fd)
    seen = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(main_fd, 4096)
                except OSError:  # EIO: the child closed the pty
                    break
                if not chunk:
                    break
                seen += chunk
                # getpass flushes typed-ahead input before it prompts: answer each prompt once it shows
                prompts = seen.count(b"digits): ") + seen.count(b"again: ")
                while pending and len(answers) - len(pending) < prompts:
                    os.write(main_fd, pending.pop(0).encode() + b"\n")
            elif process.poll() is not None:
                break
        return process.wait(timeout=max(1.0, deadline - time.monotonic())), seen.decode(errors="replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(main_fd)


def test_set_pin_on_a_terminal_asks_twice_without_echo(tmp_path: Path) -> None:
    code, output = run_on_pty(["set-pin", "--data-dir", str(tmp_path)], ["4826", "4826"])
    assert code == 0, output
    assert "staff PIN set" in output
    assert "4826" not in output  # no echo
    files = StaffFiles(tmp_path)
    assert PinStore(files.pin).verify("4826").ok
    log = AuditLog(files.audit)
    assert [e.action for e in log.entries()] == ["pin.set"]
    assert log.verify().ok


def test_two_different_pins_change_nothing(tmp_path: Path) -> None:
    code, output = run_on_pty(["set-pin", "--data-dir", str(tmp_path)], ["4826", "4827"])
    assert code == 1 and "differ" in output
    assert not PinStore(StaffFiles(tmp_path).pin).is_set()


def test_trivial_pin_from_stdin_is_refused(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("1234\n"))
    assert main(["set-pin", "--data-dir", str(tmp_path), "--pin-stdin"]) == 1
    assert "too easy" in capsys.readouterr().err
    assert not PinStore(StaffFiles(tmp_path).pin).is_set()


def test_pin_status_and_replacing_a_locked_pin(tmp_path: Path, monkeypatch, capsys) -> None:
    files = StaffFiles(tmp_path)
    assert main(["pin-status", "--data-dir", str(tmp_path)]) == 0
    assert "not set" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("4826\n"))
    assert main(["set-pin", "--data-dir", str(tmp_path), "--pin-stdin"]) == 0
    store = PinStore(files.pin)
    for _ in range(5):
        store.verify("0001")
    capsys.readouterr()
    assert main(["pin-status", "--data-dir", str(tmp_path)]) == 0
    assert "LOCKED" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("5937\n"))
    assert main(["set-pin", "--data-dir", str(tmp_path), "--pin-stdin"]) == 0
    assert store.verify("5937").ok
    entries = AuditLog(files.audit).entries()
    assert [e.detail["replaced"] for e in entries] == [False, True]


def test_audit_verify_and_show(tmp_path: Path, capsys) -> None:
    log = AuditLog(StaffFiles(tmp_path).audit)
    log.append("settings.save", {"key": "hub.url"})
    log.append("app.restart", {})
    assert main(["audit-verify", "--data-dir", str(tmp_path)]) == 0
    assert "intact" in capsys.readouterr().out
    assert main(["audit-show", "--data-dir", str(tmp_path), "--last", "1"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert len(shown) == 1 and shown[0].split("\t")[:1] == ["2"] and "app.restart" in shown[0]
    lines = log.path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["detail"]["key"] = "hub.secret"
    lines[0] = json.dumps(record)
    log.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["audit-verify", "--data-dir", str(tmp_path)]) == 1
    assert "BROKEN" in capsys.readouterr().out


def test_loose_pin_file_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("4826\n"))
    assert main(["set-pin", "--data-dir", str(tmp_path), "--pin-stdin"]) == 0
    os.chmod(StaffFiles(tmp_path).pin, 0o644)
    assert main(["pin-status", "--data-dir", str(tmp_path)]) == 1
    assert "chmod 600" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["set-pin"], ["nonsense", "--data-dir", "x"]])
def test_usage_errors_exit_2(argv) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
