"""Supervisor accounts and sessions on a real SQLite database, with an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.db import SqliteDatabase
from hub.errors import HubConfigError
from hub.schema import create_schema
from hub.sessions import SupervisorSessions
from hub.supervisors import (
    LOCK_BASE_S,
    LOCK_MAX_S,
    MAX_FAILURES,
    LoginLocked,
    LoginRefused,
    SupervisorAccounts,
    lock_seconds,
)

PASSWORD = "a long enough password"


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Iterator[SqliteDatabase]:
    database = SqliteDatabase(tmp_path / "hub.db", pool_size=2)
    create_schema(database)
    yield database
    database.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(db: SqliteDatabase, clock: FakeClock) -> SupervisorAccounts:
    found = SupervisorAccounts(db, clock=clock)
    found.add("Wang", PASSWORD)
    return found


def fail(accounts: SupervisorAccounts, name: str = "wang", times: int = 1) -> list[type[Exception]]:
    raised = []
    for i in range(times):
        with pytest.raises((LoginRefused, LoginLocked)) as caught:
            accounts.check_password(name, f"wrong guess {i}")
        raised.append(caught.type)
    return raised


def test_the_password_is_stored_only_as_an_argon2id_hash(accounts: SupervisorAccounts, db) -> None:
    with db.transaction() as tx:
        stored = tx.fetchone("SELECT password_hash FROM supervisors WHERE name = 'wang'")[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_names_compare_without_case_and_blanks(accounts: SupervisorAccounts) -> None:
    assert accounts.check_password("  WANG ", PASSWORD) == "wang"


def test_a_wrong_password_is_refused(accounts: SupervisorAccounts) -> None:
    with pytest.raises(LoginRefused, match="用户名或密码错误"):
        accounts.check_password("wang", "not the password")


def test_bad_names_and_short_passwords_are_refused_when_adding(accounts: SupervisorAccounts) -> None:
    with pytest.raises(HubConfigError, match="10 to 1024"):
        accounts.add("li", "short")
    with pytest.raises(HubConfigError, match="supervisor name"):
        accounts.add("li wei; drop", PASSWORD)


def test_the_lock_starts_at_the_limit_and_grows(accounts: SupervisorAccounts, clock: FakeClock) -> None:
    assert fail(accounts, times=MAX_FAILURES) == [LoginRefused] * (MAX_FAILURES - 1) + [LoginLocked]
    with pytest.raises(LoginLocked) as locked:
        accounts.check_password("wang", PASSWORD)  # right password, still locked
    assert locked.value.retry_after_s == pytest.approx(LOCK_BASE_S)
    clock.now += LOCK_BASE_S + 1
    assert fail(accounts) == [LoginLocked]  # one more failure after the lock: twice as long
    with pytest.raises(LoginLocked) as longer:
        accounts.check_password("wang", PASSWORD)
    assert longer.value.retry_after_s == pytest.approx(2 * LOCK_BASE_S)
    clock.now += 2 * LOCK_BASE_S + 1
    assert accounts.check_password("wang", PASSWORD) == "wang"
    assert fail(accounts) == [LoginRefused]  # success cleared the count


def test_unknown_names_lock_too_so_replies_do_not_reveal_accounts(accounts: SupervisorAccounts) -> None:
    assert fail(accounts, "nobody", MAX_FAILURES) == [LoginRefused] * (MAX_FAILURES - 1) + [LoginLocked]


def test_lock_time_is_capped() -> None:
    assert lock_seconds(MAX_FAILURES - 1) == 0
    assert lock_seconds(MAX_FAILURES) == LOCK_BASE_S
    assert lock_seconds(10_000) == LOCK_MAX_S


def test_resetting_the_password_clears_the_lock(accounts: SupervisorAccounts) -> None:
    fail(accounts, times=MAX_FAILURES)
    accounts.add("wang", "a brand new password")
    assert accounts.check_password("wang", "a brand new password") == "wang"


def test_a_session_lives_until_its_expiry_and_no_longer(
    db: SqliteDatabase, accounts: SupervisorAccounts, clock: FakeClock
) -> None:
    sessions = SupervisorSessions(db, lifetime_s=600, clock=clock)
    token, opened = sessions.open("wang")
    assert sessions.find(token) == opened
    clock.now += 599
    assert sessions.find(token) is not None
    clock.now += 2
    assert sessions.find(token) is None


def test_unknown_oversized_and_closed_tokens_find_nothing(db: SqliteDatabase, accounts) -> None:
    sessions = SupervisorSessions(db)
    token, _ = sessions.open("wang")
    assert sessions.find(None) is None
    assert sessions.find("") is None
    assert sessions.find("x" * 10_000) is None
    assert sessions.find(token + "x") is None
    sessions.close(token)
    assert sessions.find(token) is None


def test_each_session_has_its_own_tokens(db: SqliteDatabase, accounts) -> None:
    sessions = SupervisorSessions(db)
    (first, a), (second, b) = sessions.open("wang"), sessions.open("wang")
    assert first != second and a.csrf_token != b.csrf_token
