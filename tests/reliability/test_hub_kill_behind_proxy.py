"""Two hub processes on one PostgreSQL behind HAProxy (deploy/haproxy/): one is killed with SIGKILL
while a kiosk drains its outbox through the proxy. Nothing may be lost or stored twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_harness import HubProcess, KioskFiles, kill_child, verdict, wait_until
from rigs.haproxy import haproxy_available, start_haproxy

pytestmark = [pytest.mark.hub, pytest.mark.postgres]

TOTAL = 300


def test_kill9_one_of_two_hubs_behind_the_proxy_during_a_drain(tmp_path: Path, pg_url: str) -> None:
    if not haproxy_available():
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    hubs = [HubProcess(pg_url, tmp_path / "hub", name=f"hub{n}") for n in (1, 2)]
    for hub in hubs:
        hub.start()
    proxy = start_haproxy([h.port for h in hubs], tmp_path / "proxy")
    files = KioskFiles(tmp_path)
    child = None
    try:
        child = files.start_child(proxy.url, TOTAL, pace_ms=5.0, read_timeout=2.0, drain_timeout=120.0)
        assert wait_until(lambda: len(hubs[0].stored_ids()) >= TOTAL // 4, 90), files.child_output()[-800:]
        stored_at_kill = len(hubs[0].stored_ids())
        hubs[0].kill()  # mid-drain: requests in flight to it are cut off
        code = child.wait(timeout=180)
        child = None
        result = verdict(files, hubs[1].stored_ids())
        assert stored_at_kill < TOTAL, "the kill came after the drain: the test proved nothing"
        assert code == 0, files.child_output()[-800:]
        assert result.receipts == TOTAL, result.summary()
        assert result.ok, result.summary()
        assert result.hub_rows == TOTAL, result.summary()
    finally:
        if child is not None:
            kill_child(child)
        proxy.stop()
        for hub in hubs:
            hub.kill()
