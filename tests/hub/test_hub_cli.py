"""`python -m hub`: registering terminals and serving, as real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from hub_signing import SignedClient

REPO = Path(__file__).resolve().parents[2]


def run_hub(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hub", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "ONESTOP_HUB_KEY_FILE": ""},
    )


def test_add_list_and_revoke_terminal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    added = run_hub("add-terminal", "XH-007", "--db", db)
    assert added.returncode == 0, added.stderr
    secret = added.stdout.strip()
    assert len(secret) >= 32
    listed = run_hub("list-terminals", "--db", db)
    assert "XH-007\tenabled" in listed.stdout
    assert run_hub("revoke-terminal", "XH-007", "--db", db).returncode == 0
    assert "XH-007\trevoked" in run_hub("list-terminals", "--db", db).stdout
    assert run_hub("revoke-terminal", "nobody", "--db", db).returncode == 1


def test_secret_is_not_stored_in_clear_and_key_file_is_private(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    secret = run_hub("add-terminal", "XH-008", "--db", db).stdout.strip()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("hub.db*"))
    assert secret.encode() not in raw
    assert (tmp_path / "hub.key").stat().st_mode & 0o777 == 0o600


def test_a_readable_key_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    assert run_hub("add-terminal", "XH-009", "--db", db).returncode == 0
    (tmp_path / "hub.key").chmod(0o644)
    refused = run_hub("add-terminal", "XH-010", "--db", db)
    assert refused.returncode == 2
    assert "chmod 600" in refused.stderr


def test_bad_terminal_id_and_bad_db_url_are_clear_errors(tmp_path: Path) -> None:
    bad_id = run_hub("add-terminal", "no spaces please", "--db", f"sqlite:///{tmp_path / 'hub.db'}")
    bad_url = run_hub("list-terminals", "--db", "mysql://x/y", "--key-file", str(tmp_path / "k"))
    assert bad_id.returncode == 2
    assert "terminal id" in bad_id.stderr
    assert bad_url.returncode == 2
    assert "unsupported database URL" in bad_url.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.hub
def test_serve_runs_a_standalone_hub_that_accepts_a_registered_terminal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    secret = run_hub("add-terminal", "XH-011", "--db", db).stdout.strip()
    port = _free_port()
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hub",
                "serve",
                "--db",
                db,
                "--port",
                str(port),
                "--catalog-dir",
                str(tmp_path),
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(url + "/v1/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None, (tmp_path / "serve.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "hub did not start in 30 s"
            time.sleep(0.1)
        reply = SignedClient(url, "XH-011", secret).post("/v1/cityapp/verify", {"token": "demo-li_na"})
        assert reply.status_code == 200
        assert reply.json()["name"] == "李娜"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
