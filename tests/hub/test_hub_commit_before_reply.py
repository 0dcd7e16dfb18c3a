"""An acknowledgement means "stored": SIGKILL the hub right after its replies, every acked row is there."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from hub_signing import SignedClient, make_item

from hub.applications import stored_application_ids

pytestmark = pytest.mark.hub

REPO = Path(__file__).resolve().parents[2]
SECRET = "kill-test-secret-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_every_acknowledged_application_survives_kill_9(db_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "ONESTOP_HUB_KEY_FILE": str(tmp_path / "hub.key")}
    hub_cmd = [sys.executable, "-m", "hub"]
    subprocess.run(
        [*hub_cmd, "add-terminal", "XH-001", "--secret", SECRET, "--db", db_url],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = _free_port()
    with (tmp_path / "hub.log").open("wb") as log:
        proc = subprocess.Popen(
            [*hub_cmd, "serve", "--db", db_url, "--port", str(port), "--catalog-dir", str(tmp_path)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    acked: list[str] = []
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(url + "/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline and proc.poll() is None, "hub did not start"
                time.sleep(0.1)
        client = SignedClient(url, "XH-001", SECRET)
        for n in range(40):
            if n % 2:
                items = [make_item() for _ in range(5)]
                reply = client.post("/v1/applications/batch", {"items": items})
                acked += [r["application_id"] for r in reply.json()["results"] if r["status"] == "created"]
            else:
                item = make_item()
                if client.post_application(item).status_code == 201:
                    acked.append(item["application_id"])
        proc.send_signal(signal.SIGKILL)  # no shutdown, no flush: only what was committed remains
        proc.wait(timeout=15)
        client.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=15)
    assert len(acked) == 20 + 20 * 5
    stored = stored_application_ids(db_url, "XH-001")
    assert sorted(stored) == sorted(acked)
