"""`python -m hub add-supervisor`: a real process creates the login the fleet page accepts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from fleet_login import logged_in_session

from hub.db import SqliteDatabase
from hub.supervisors import SupervisorAccounts

REPO = Path(__file__).resolve().parents[2]


def run_hub(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hub", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ONESTOP_HUB_KEY_FILE": ""},
    )


def test_add_list_and_remove_a_supervisor_from_a_password_file(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    password_file = tmp_path / "pw.txt"
    password_file.write_text("office-password-2026\n", encoding="utf-8")
    added = run_hub("add-supervisor", "Zhao", "--db", db, "--password-file", str(password_file))
    assert added.returncode == 0, added.stderr
    assert "office-password-2026" not in added.stdout + added.stderr  # never echoed
    assert run_hub("list-supervisors", "--db", db).stdout.startswith("zhao\t")
    database = SqliteDatabase(tmp_path / "hub.db", pool_size=1)
    try:
        assert SupervisorAccounts(database).check_password("zhao", "office-password-2026") == "zhao"
    finally:
        database.close()
    assert run_hub("remove-supervisor", "zhao", "--db", db).returncode == 0
    assert run_hub("remove-supervisor", "zhao", "--db", db).returncode == 1
    assert run_hub("list-supervisors", "--db", db).stdout == ""


@pytest.mark.parametrize("content", ["short\n", ""])
def test_a_too_short_password_is_refused_with_a_clear_message(tmp_path: Path, content: str) -> None:
    password_file = tmp_path / "pw.txt"
    password_file.write_text(content, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    refused = run_hub("add-supervisor", "zhao", "--db", db, "--password-file", str(password_file))
    assert refused.returncode == 2
    assert "10 to 1024 characters" in refused.stderr


def test_a_missing_password_file_is_a_clear_error(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    refused = run_hub("add-supervisor", "zhao", "--db", db, "--password-file", str(tmp_path / "nope"))
    assert refused.returncode == 2 and "cannot read the password file" in refused.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.hub
def test_a_served_hub_lets_the_added_supervisor_open_the_fleet_page(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    (tmp_path / "pw.txt").write_text("office-password-2026\n", encoding="utf-8")
    added = run_hub("add-supervisor", "zhao", "--db", db, "--password-file", str(tmp_path / "pw.txt"))
    assert added.returncode == 0, added.stderr
    port = _free_port()
    serve = ["serve", "--db", db, "--port", str(port), "--catalog-dir", str(tmp_path)]
    command = [sys.executable, "-m", "hub", *serve]
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log)
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
        session = logged_in_session(url, "zhao", "office-password-2026")
        page = session.get(url + "/fleet", timeout=10)
        assert page.status_code == 200 and "终端总览" in page.text
        assert session.get(url + "/v1/fleet", timeout=10).json()["terminals"] == []
    finally:
        proc.terminate()
        proc.wait(timeout=15)
