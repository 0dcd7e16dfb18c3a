"""The entry point as a technician meets it: clear one-line errors, JSON that parses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_unknown_subcommand_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run_main("fly", data_dir=tmp_path), "fly")


def test_unknown_option_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run_main("queue", "--colour", data_dir=tmp_path), "--colour")


def test_missing_config_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    assert_one_line_error(run_main("queue", "--config", str(missing), data_dir=tmp_path), str(missing))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[terminal\nhall = 1", ["not valid TOML"]),
        ("[terminal]\nidle_timeout_s = 3\n", ["terminal.idle_timeout_s"]),
        ("[terminal]\ncolour = 'red'\n", ["terminal.colour"]),
        ("[devices]\nprinter_driver = 'laser'\n", ["devices.printer_driver"]),
        ("[hub]\nurl = 'ftp://x'\n", ["hub.url"]),
    ],
)
def test_broken_config_names_the_key(tmp_path: Path, text: str, words: list[str]) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(text, encoding="utf-8")
    assert_one_line_error(run_main("queue", "--config", str(config), data_dir=tmp_path), str(config), *words)


def test_queue_json_counts_by_state(tmp_path: Path) -> None:
    result = run_main("queue", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= {"pending", "sending", "acked", "dead", "catalog_version", "unsent"}
    assert all(isinstance(report[state], int) for state in ("pending", "sending", "acked", "dead"))
    from flows.catalog import load_catalog

    assert (report["catalog_version"], report["catalog_source"]) == (load_catalog().version, "built-in")


def test_diag_json_lists_every_device(tmp_path: Path) -> None:
    result = run_main("diag", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    kinds = {d["kind"] for d in report["devices"]}
    assert {"idcard", "camera", "printer"} <= kinds
    for device in report["devices"]:
        assert {"name", "kind", "driver", "status"} <= set(device)


def test_flows_stats_json_has_the_restaurant_figures(tmp_path: Path) -> None:
    result = run_main("flows", "stats", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {row["theme"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"supermarket", "restaurant", "drinks", "grocery", "coffee"}
    restaurant = rows["restaurant"]
    assert (restaurant["fields_before"], restaurant["fields_after"]) == (186, 81)
    assert (restaurant["materials_before"], restaurant["materials_after"]) == (34, 8)
    assert (restaurant["visits_before"], restaurant["visits_after"]) == (8, 1)
    assert (restaurant["days_before"], restaurant["days_after"]) == (38, 7)
    assert restaurant["fields_autofilled"] * 2 >= restaurant["fields_after"]


def test_flows_check_reports_a_broken_catalog(tmp_path: Path) -> None:
    broken = tmp_path / "catalog"
    shutil.copytree(ROOT / "flows" / "catalog", broken)
    (broken / "themes" / "coffee.yaml").write_text("id: coffee\ntitle_zh: [ {", encoding="utf-8")
    result = run_main("flows", "check", str(broken), data_dir=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "coffee.yaml" in result.stderr
    ok = run_main("flows", "check", data_dir=tmp_path)
    assert ok.returncode == 0, ok.stderr
