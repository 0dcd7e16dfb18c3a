"""`python -m hub add-supervisor`: a real process creates the login the fleet page accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
