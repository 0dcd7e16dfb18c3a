"""The supervisor lockout holds under parallel guesses at two hub processes on one PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from fleet_login import SUPERVISOR, form_token
from rigs.hub_process import HubProcess
from rigs.postgres import PostgresServer

from hub.db import open_database
from hub.supervisors import MAX_FAILURES

pytestmark = [pytest.mark.hub, pytest.mark.postgres]

GUESSES = 50


def test_fifty_parallel_guesses_at_two_hub_processes_check_at_most_the_limit(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    url = pg_server.fresh_database("lockout_two_processes")
    password_file = tmp_path / "password"
    password_file.write_text("the right password 42\n", "utf-8")
    hubs = [HubProcess(url, tmp_path / "hub", name=f"hub{n}") for n in (1, 2)]
    hubs[0].run_cli("add-supervisor", SUPERVISOR, "--password-file", str(password_file))
    for hub in hubs:
        hub.start()
    try:
        sessions, tokens = [], []
        for n in range(GUESSES):  # each guesser fetches its login form first, as a browser does
            session = requests.Session()
            session.trust_env = False
            tokens.append(form_token(session.get(hubs[n % 2].url + "/fleet/login", timeout=30).text))
            sessions.append(session)
        start = threading.Barrier(GUESSES, timeout=60)

        def guess(n: int) -> int:
            start.wait()
            reply = sessions[n].post(
                hubs[n % 2].url + "/fleet/login",
                data={"csrf_token": tokens[n], "name": SUPERVISOR, "password": f"wrong guess {n:04d}"},
                allow_redirects=False,
                timeout=120,
            )
            return reply.status_code

        with ThreadPoolExecutor(max_workers=GUESSES) as pool:
            statuses = Counter(pool.map(guess, range(GUESSES)))
        db = open_database(url)
        try:
            with db.transaction() as tx:
                row = tx.fetchone("SELECT failures FROM supervisor_login_failures WHERE name = :n",
                                  {"n": SUPERVISOR})
        finally:
            db.close()
        # Every checked password was claimed first: the claims are the checks.
        assert row is not None and row[0] == MAX_FAILURES, (row, statuses)
        assert statuses[401] == MAX_FAILURES - 1, statuses  # the checks below the limit
        assert statuses[429] == GUESSES - (MAX_FAILURES - 1), statuses  # the fifth check, and all refused
        assert set(statuses) == {401, 429}, statuses
    finally:
        for session in sessions:
            session.close()
        for hub in hubs:
            hub.stop()
