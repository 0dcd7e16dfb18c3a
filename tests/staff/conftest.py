"""Shared pieces for the staff core tests: a clock the test moves, a cheap argon2id hasher."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher


class FakeClock:
    """Wall time the test sets and moves (forwards or backwards)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def cheap_hasher() -> PasswordHasher:
    """argon2id with tiny cost so lockout tests stay quick; production cost is tested once."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
