"""The short application number: readable, checkable, unique per terminal and day."""

from __future__ import annotations

from datetime import date

import pytest

from flows.application_number import ApplicationNumberError, make_number, normalize, terminal_code


def test_number_shape_and_round_trip_as_typed_or_read_out() -> None:
    number = make_number("XH-0001", date(2026, 12, 1), 7)
    assert number.startswith("XH0001-261201-0007-")
    assert len(number) == 20
    assert normalize(number) == number
    assert normalize(number.lower().replace("-", " ")) == number
    assert normalize(number.replace("-", "")) == number


def test_one_wrong_or_two_swapped_characters_are_caught() -> None:
    number = make_number("XH-0001", date(2026, 12, 1), 7)
    compact = number.replace("-", "")
    wrong_digit = compact[:10] + ("8" if compact[10] != "8" else "9") + compact[11:]
    swapped = compact[:8] + compact[9] + compact[8] + compact[10:]
    assert compact[8] != compact[9]
    for typed in (wrong_digit, swapped):
        with pytest.raises(ApplicationNumberError) as caught:
            normalize(typed)
        assert "校验位" in caught.value.message_zh


def test_two_terminals_never_share_a_number() -> None:
    day = date(2026, 12, 1)
    assert make_number("XH-0001", day, 1) != make_number("XH-0002", day, 1)
    assert terminal_code("xh.0001") == "XH0001"


def test_garbage_and_overflow_are_refused_clearly() -> None:
    with pytest.raises(ApplicationNumberError):
        normalize("3101-abc")
    with pytest.raises(ApplicationNumberError):
        make_number("XH-0001", date(2026, 12, 1), 10_000)
    with pytest.raises(ApplicationNumberError):
        terminal_code("---")
