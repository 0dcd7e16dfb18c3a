"""Back-off and Retry-After: waits stay within [0, cap] whatever the hub sends."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from hypothesis import given
from hypothesis import strategies as st

from offline_cache.backoff import Backoff
from offline_cache.retry_after import parse_retry_after

NOW = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)


def test_delta_seconds_and_http_date() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after(format_datetime(NOW + timedelta(seconds=30), usegmt=True), NOW) == 30
    assert parse_retry_after(format_datetime(NOW - timedelta(seconds=30), usegmt=True), NOW) == 0
    assert parse_retry_after(None) is None
    assert parse_retry_after("  ") is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-5") is None
    assert parse_retry_after("²") is None  # a Unicode digit, found by hypothesis


@given(st.text(max_size=40))
def test_any_header_text_parses_or_is_ignored(text: str) -> None:
    value = parse_retry_after(text, NOW)
    assert value is None or value >= 0


@given(
    base=st.floats(0.01, 10),
    cap=st.floats(0.1, 3600),
    failures=st.integers(0, 200),
    retry_after=st.none() | st.floats(-10, 10**7, allow_nan=False),
    seed=st.integers(0, 2**32),
)
def test_waits_stay_between_zero_and_the_cap(
    base: float, cap: float, failures: int, retry_after: float | None, seed: int
) -> None:
    backoff = Backoff(base, cap, random.Random(seed))
    for _ in range(failures):
        backoff.failed()
    wait = backoff.failed(retry_after)
    assert 0 <= wait <= cap
    if retry_after is not None:
        assert wait == min(cap, max(0.0, retry_after))


def test_full_jitter_spreads_waits_over_the_whole_range() -> None:
    waits = []
    for seed in range(400):
        backoff = Backoff(1.0, 600.0, random.Random(seed))
        for _ in range(5):
            backoff.failed()
        waits.append(backoff.failed())  # ceiling 32 s
    assert max(waits) <= 32
    assert min(waits) < 4 and max(waits) > 28  # not clustered at the ceiling like plain exponential
