"""Chinese working days: how a matter's committed limit (承诺时限, in 工作日) turns into a due date.

The official holidays and the make-up working days (调休, e.g. the Saturday before the Spring
Festival) change every year by State Council notice, so they come from a maintained library,
chinese-calendar (https://pypi.org/project/chinese-calendar/), not from a table of our own.
For a year the library does not cover yet, only weekends are days off: every answer says
whether it is exact, and the pages say so beside an estimated date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

MAX_LIMIT_DAYS = 400  # no committed limit is longer; bounds every loop below


def covered_years() -> tuple[int, int]:
    """The first and last year whose holidays and 调休 days the library knows."""
    years = {day.year for day in chinese_calendar.constants.holidays}
    years |= {day.year for day in chinese_calendar.constants.workdays}
    return min(years), max(years)


def is_covered(day: date) -> bool:
    first, last = covered_years()
    return first <= day.year <= last


def is_working_day(day: date) -> bool:
    """A 工作日: by the official calendar where known, else Monday to Friday."""
    if is_covered(day):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


@dataclass(frozen=True)
class DueDate:
    due_on: date
    exact: bool  # False: a year past the library's calendar was counted by weekends only


def add_working_days(start: date, days: int) -> DueDate:
    """The day the limit ends: the `days`-th working day after `start` (the day of 受理 is not counted).

    A limit of 0 ends on `start` itself.
    """
    if not 0 <= days <= MAX_LIMIT_DAYS:
        raise ValueError(f"a committed limit is 0..{MAX_LIMIT_DAYS} working days, got {days}")
    day, counted, exact = start, 0, is_covered(start)
    while counted < days:
        day += timedelta(days=1)
        exact = exact and is_covered(day)
        if is_working_day(day):
            counted += 1
    return DueDate(day, exact)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    span = min((end - start).days, 3 * MAX_LIMIT_DAYS)
    return sum(1 for n in range(1, span + 1) if is_working_day(start + timedelta(days=n)))
