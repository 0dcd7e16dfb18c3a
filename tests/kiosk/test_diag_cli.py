"""`main.py diag --test` as a technician runs it: a code on stdout, progress on stderr, honest exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rigs.frames import no_code_frames, write_sequence

ROOT = Path(__file__).resolve().parents[2]


def _diag(tmp_path: Path, *args: str, config: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[terminal]\ndata_dir = "{tmp_path / "data"}"\n\n[devices]\n{config}', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "diag", "--config", str(path), *args],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )


@pytest.mark.camera
def test_a_camera_that_sees_no_code_fails_with_its_verdict_and_plain_progress(tmp_path: Path) -> None:
    pattern = write_sequence(tmp_path / "frames", no_code_frames("dim", 3))
    config = 'idcard_driver = "none"\nprinter_driver = "none"\ncamera_driver = "opencv"\n'
    config += f'camera_source = "{pattern}"\n'
    result = _diag(tmp_path, "--test", "camera", "--timeout", "2.5", "--json", config=config)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)  # stdout is the JSON alone
    assert (report["code"], report["facts"]["verdict"]) == ("camera.too_dark", "too dark")
    assert "太暗" in report["message_zh"] and "light" in report["message_en"]
    progress = [line for line in result.stderr.splitlines() if line.startswith("diag camera: ")]
    assert progress and all("\r" not in line and "\033" not in line for line in progress)
    assert "imread" not in result.stderr and "WARN" not in result.stderr and "Traceback" not in result.stderr


def test_a_card_test_bundle_is_valid_json_with_masks_only(tmp_path: Path) -> None:
    config = 'idcard_driver = "simulator"\nprinter_driver = "none"\ncamera_driver = "none"\n'
    bundle = tmp_path / "support.zip"
    args = ("--test", "idcard", "--timeout", "0.5", "--json", "--bundle", str(bundle))
    result = _diag(tmp_path, *args, config=config)
    assert result.returncode == 1  # the simulator holds no card until a test presents one
    with zipfile.ZipFile(bundle) as archive:
        report = json.loads(archive.read("report.json"))  # the redaction used to break it
    assert report["code"] == "idcard.no_card"
    assert (report["device"]["name"], report["device"]["kind"]) == ("idcard", "idcard")  # not "<redacted>"
