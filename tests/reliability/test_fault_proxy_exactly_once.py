"""A bad network and a crashing hub between the kiosk and the hub: nothing lost, nothing twice.

The kiosk child sends through the fault proxy (connections reset, replies dropped
after the hub committed, replies held past the read timeout, 503 with
Retry-After) while the hub process is killed with SIGKILL and restarted twice.
The negative control turns the hub's dedup off and shows the same verdict then
finds duplicates, so the verdict can fail.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from reliability_harness import SECRET, TERMINAL_ID, HubProcess, KioskFiles, run_to_completion, verdict
from rigs.fault_proxy import FaultPlan, FaultProxy

pytestmark = [pytest.mark.reliability, pytest.mark.hub]

TOTAL = 500
READ_TIMEOUT_S = 1.0
FAULTY = FaultPlan(
    weights={"pass": 0.6, "reset": 0.1, "drop_reply": 0.17, "delay": 0.05, "unavailable": 0.08},
    delay_s=READ_TIMEOUT_S + 0.5,
    retry_after_s=1,
    seed=11,
)


def crash_hub_twice(hub: HubProcess, stop: threading.Event, crashes: list[float]) -> None:
    for pause in (1.5, 2.5):
        if stop.wait(pause):
            return
        hub.kill()
        crashes.append(time.monotonic())
        stop.wait(1.5)
        hub.start()


def run_through_faults(tmp_path: Path, db_url: str) -> None:
    hub = HubProcess(db_url, tmp_path / "hub")
    hub.start()
    proxy = FaultProxy(hub.port, FAULTY).start()
    stop = threading.Event()
    crashes: list[float] = []
    crasher = threading.Thread(target=crash_hub_twice, args=(hub, stop, crashes), daemon=True)
    files = KioskFiles(tmp_path)
    try:
        crasher.start()
        code, out = run_to_completion(
            files, proxy.url, TOTAL, timeout_s=240, pace_ms=20.0, read_timeout=READ_TIMEOUT_S
        )
        stop.set()
        crasher.join(30)
        if hub.process is None:
            hub.start()
        result = verdict(files, hub.stored_ids())
    finally:
        stop.set()
        proxy.stop()
        hub.kill()
    print(f"fault proxy run: faults={dict(proxy.counts)} hub_crashes={len(crashes)} {result.summary()}")
    assert code == 0, f"kiosk did not drain cleanly (exit {code}): {out}"
    assert len(crashes) == 2
    for fault in ("pass", "reset", "drop_reply", "delay", "unavailable"):
        assert proxy.counts[fault] >= 1, f"fault {fault} never happened"
    assert result.receipts == TOTAL
    assert result.ok, result.summary()


def test_faulty_network_and_hub_crashes_sqlite_hub(tmp_path: Path) -> None:
    run_through_faults(tmp_path, f"sqlite:///{tmp_path / 'hub' / 'hub.db'}")


@pytest.mark.postgres
def test_faulty_network_and_hub_crashes_postgres_hub(tmp_path: Path, pg_url: str) -> None:
    run_through_faults(tmp_path, pg_url)


@pytest.mark.expect_log(r"hub dedup is OFF: duplicates will be stored")
def test_negative_control_without_hub_dedup_duplicates_are_caught(tmp_path: Path) -> None:
    from hub.server import start_embedded

    (tmp_path / "hub" / "catalog").mkdir(parents=True)  # empty: no catalog to seed
    hub = start_embedded(
        f"sqlite:///{tmp_path / 'hub' / 'hub.db'}",
        terminals={TERMINAL_ID: SECRET},
        demo_data=False,
        key_path=tmp_path / "hub" / "hub.key",
        catalog_dir=tmp_path / "hub" / "catalog",
        dedup=False,
    )
    dropping = FaultPlan(
        weights={"pass": 0.5, "drop_reply": 0.5}, seed=5
    )  # seed 5 drops the very first reply
    proxy = FaultProxy(hub.port, dropping).start()
    files = KioskFiles(tmp_path)
    try:
        code, out = run_to_completion(files, proxy.url, 100, timeout_s=120, pace_ms=2.0)
        result = verdict(files, hub.application_ids(TERMINAL_ID))
    finally:
        proxy.stop()
        hub.stop()
    print(f"negative control: faults={dict(proxy.counts)} {result.summary()}")
    assert code == 0, out
    assert proxy.counts["drop_reply"] >= 1
    assert result.duplicated, "with dedup off and replies dropped, the verdict must find duplicates"
    assert not result.ok
