"""kill -9 of the kiosk at random moments during 500 submissions with sync running.

The kiosk runs as a child process against the reference hub (itself a separate
process); it is killed with SIGKILL at random times and restarted each time,
carrying on from its ledger of printed receipts. Pass: 0 lost, 0 duplicated at
the hub, 0 acknowledged rows still holding a body, no PII in clear on disk.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from reliability_harness import HubProcess, KioskFiles, kill_child, run_to_completion, verdict

pytestmark = [pytest.mark.reliability, pytest.mark.hub]

TOTAL = 500
MAX_KILLS = 25
PHASE_DEADLINE_S = 120.0


def kill_repeatedly(files: KioskFiles, hub_url: str, rng: random.Random) -> int:
    """Start the kiosk, SIGKILL it after a random while, again and again; return how many kills landed."""
    kills = 0
    deadline = time.monotonic() + PHASE_DEADLINE_S
    while kills < MAX_KILLS and time.monotonic() < deadline:
        process = files.start_child(hub_url, TOTAL, pace_ms=20.0)
        time.sleep(rng.uniform(0.4, 1.2))
        if process.poll() is not None:
            break  # it finished everything before the kill: the rest is the clean run below
        kill_child(process)
        kills += 1
        if len(files.ledger_entries()) >= TOTAL and rng.random() < 0.5:
            break
    return kills


def run_kill9(tmp_path: Path, db_url: str, seed: int) -> None:
    hub = HubProcess(db_url, tmp_path / "hub")
    hub.start()
    try:
        files = KioskFiles(tmp_path)
        kills = kill_repeatedly(files, hub.url, random.Random(seed))
        code, out = run_to_completion(files, hub.url, TOTAL)
        assert code == 0, f"kiosk did not drain cleanly (exit {code}): {out[-500:]}"
        result = verdict(files, hub.stored_ids())
    finally:
        hub.kill()
    print(f"kill -9 run: kills={kills} {result.summary()}")
    assert kills >= 5, "the test did not manage to kill the kiosk mid-run"
    assert result.receipts == TOTAL
    assert result.ok, result.summary()
    assert result.orphans <= kills  # at most one committed-but-unprinted application per kill


def test_kill9_kiosk_during_500_submissions_sqlite_hub(tmp_path: Path) -> None:
    run_kill9(tmp_path, f"sqlite:///{tmp_path / 'hub' / 'hub.db'}", seed=5)


@pytest.mark.postgres
def test_kill9_kiosk_during_500_submissions_postgres_hub(tmp_path: Path, pg_url: str) -> None:
    run_kill9(tmp_path, pg_url, seed=6)


def test_kill9_kiosk_while_the_network_misbehaves(tmp_path: Path) -> None:
    """Both at once: SIGKILLs of the kiosk and a proxy that resets, drops replies after commit and stalls."""
    from rigs.fault_proxy import FaultPlan, FaultProxy

    hub = HubProcess(f"sqlite:///{tmp_path / 'hub' / 'hub.db'}", tmp_path / "hub")
    hub.start()
    plan = FaultPlan(
        weights={"pass": 0.6, "reset": 0.1, "drop_reply": 0.2, "delay": 0.05, "unavailable": 0.05},
        delay_s=1.5,
        retry_after_s=1,
        seed=21,
    )
    proxy = FaultProxy(hub.port, plan).start()
    try:
        files = KioskFiles(tmp_path)
        kills = kill_repeatedly(files, proxy.url, random.Random(9))
        code, out = run_to_completion(files, proxy.url, TOTAL)
        result = verdict(files, hub.stored_ids())
    finally:
        proxy.stop()
        hub.kill()
    print(f"kill -9 + faults: kills={kills} faults={dict(proxy.counts)} {result.summary()}")
    assert code == 0, out
    assert kills >= 5 and proxy.counts["drop_reply"] >= 1
    assert result.receipts == TOTAL and result.ok, result.summary()
    assert result.orphans <= kills
