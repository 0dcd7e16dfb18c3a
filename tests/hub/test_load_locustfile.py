"""Smoke run of the load test's locustfile (bench/bench_load_locustfile.py) against an embedded hub:
a few terminals for a few seconds, so the bench cannot rot. The figures come from bench/bench_load.py."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fleet_login import PASSWORD, SUPERVISOR
from rigs.hub_process import ROOT, child_env

from hub.server import start_embedded

pytestmark = pytest.mark.hub

TERMINALS = {f"SMOKE-{n}": f"smoke-terminal-secret-{n:04d}-abcdef" for n in range(5)}


def test_the_locustfile_drives_terminals_and_the_fleet_page_without_errors(
    tmp_path: Path, catalog_dir: Path
) -> None:
    hub = start_embedded(
        f"sqlite:///{tmp_path / 'hub.db'}", terminals=TERMINALS, key_path=tmp_path / "hub.key",
        catalog_dir=catalog_dir, supervisors={SUPERVISOR: PASSWORD},
    )
    try:
        (tmp_path / "terminals.json").write_text(json.dumps([list(t) for t in TERMINALS.items()]), "utf-8")
        env = child_env()
        env.update({
            "ONESTOP_LOAD_TERMINALS": str(tmp_path / "terminals.json"),
            "ONESTOP_LOAD_HEARTBEAT_S": "0.5", "ONESTOP_LOAD_APPLICATION_S": "0.5",
            "ONESTOP_LOAD_CATALOG_S": "0.5",
            "ONESTOP_LOAD_FLEET_S": "1", "ONESTOP_LOAD_SUPERVISOR": SUPERVISOR,
            "ONESTOP_LOAD_SUPERVISOR_PASSWORD": PASSWORD, "ONESTOP_LOAD_FLOOR_S": "1",
        })
        done = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "bench_load_locustfile.py"),
             "--headless", "--only-summary", "-u", str(len(TERMINALS) + 2), "-r", "20", "-t", "15s",
             "--stop-timeout", "5", "--host", hub.url, "--csv", str(tmp_path / "smoke"),
             "--loglevel", "WARNING"],
            cwd=ROOT, env=env, capture_output=True, timeout=120,
        )
        assert done.returncode == 0, done.stdout.decode(errors="replace")[-2000:]
        text = (tmp_path / "smoke_stats.csv").read_text("utf-8").splitlines()
        rows = {r["Name"]: r for r in csv.DictReader(text)}
        for name in ("heartbeat", "applications/batch", "catalog/latest", "fleet (1,000 terminals)",
                     "floor (health)"):
            assert int(rows.get(name, {}).get("Request Count", 0)) > 0, (name, sorted(rows))
        assert rows["Aggregated"]["Failure Count"] == "0"
        assert len(hub.service.applications.count_by_terminal()) == len(TERMINALS)
    finally:
        hub.stop()
