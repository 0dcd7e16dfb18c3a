"""Committed limits in Chinese working days: holidays, 调休 Saturdays, and years past the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from hub.workdays import add_working_days, covered_years, is_working_day, working_days_between


def test_spring_festival_2026_is_skipped_and_the_make_up_saturdays_count() -> None:
    # 2026: 春节 15-23 February off; Saturdays 14 and 28 February are make-up working days (调休).
    assert is_working_day(date(2026, 2, 14))  # Saturday, 调休
    assert not is_working_day(date(2026, 2, 16))  # Monday, holiday
    assert add_working_days(date(2026, 2, 13), 1).due_on == date(2026, 2, 14)
    due = add_working_days(date(2026, 2, 13), 3)  # 14 (Sat 调休), 24, 25
    assert due.due_on == date(2026, 2, 25)
    assert due.exact
    # food_business's 7 days accepted the Friday before: 14, 24, 25, 26, 27, 28 (Sat 调休), 2 March
    assert add_working_days(date(2026, 2, 13), 7).due_on == date(2026, 3, 2)


def test_national_day_golden_week_2025() -> None:
    # 2025: 1-8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert add_working_days(date(2025, 9, 30), 1).due_on == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 26), 1).due_on == date(2025, 9, 28)


def test_a_year_past_the_calendar_counts_weekends_only_and_says_so() -> None:
    first, last = covered_years()
    assert first <= 2026 <= last
    beyond = last + 1
    start = date(beyond, 3, 5)
    due = add_working_days(start, 5)
    assert not due.exact
    assert all(is_working_day(date(beyond, 3, d)) == (date(beyond, 3, d).weekday() < 5) for d in range(1, 29))
    assert working_days_between(start, due.due_on) == 5
    # a limit that runs from the last covered year into the next is not exact either
    assert not add_working_days(date(last, 12, 28), 10).exact


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3
    assert working_days_between(date(2026, 2, 25), date(2026, 2, 13)) == -3
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 13)) == 0


def test_limits_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)
    assert add_working_days(date(2026, 1, 5), 0).due_on == date(2026, 1, 5)
