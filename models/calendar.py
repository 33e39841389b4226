"""Working days: a workspace's working week, its country's public holidays and its own days off.

Public holidays come from the maintained `holidays` library (a country, optionally a subdivision:
`DE`/`BY`, `US`/`NY`, `CN`), never from a hand-made list. Where a country moves working days onto
a weekend (China's 调休: the Sunday before National Day is worked), those days count as working days
too. Everything is a pure function of its arguments, dates in, dates or aware instants out, so a
deadline can be asked about with any `now`.

Counting: `add_working_days(calendar, start, n)` is the n-th working day *after* `start` (the start
day itself never counts), and `working_days_between(calendar, a, b)` counts the working days in
(a, b], so `working_days_between(c, a, add_working_days(c, a, n)) == n`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

import holidays

from models.errors import DomainError, Problem
from models.i18n import N_

MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)  # as in `date.weekday()`
# No sensible deadline is further away; a longer walk means a calendar without working days.
_HORIZON = timedelta(days=3 * 366)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are worked. Build it with `working_calendar`, which validates."""

    working_week: tuple[int, ...] = MONDAY_TO_FRIDAY
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. "DE"
    subdivision: str | None = None  # as the `holidays` library names it, e.g. "BY"
    days_off: frozenset[date] = frozenset()  # the company's own, on top of public holidays


@dataclass(frozen=True)
class _Year:
    holidays: frozenset[date]
    weekend_workdays: frozenset[date]


def supported_regions() -> dict[str, tuple[str, ...]]:
    """Countries with public holidays, each with its subdivisions (for a settings picker)."""
    return {
        country: tuple(subdivisions) for country, subdivisions in holidays.list_supported_countries().items()
    }


def working_calendar(
    *,
    working_week: Iterable[int] = MONDAY_TO_FRIDAY,
    country: str | None = None,
    subdivision: str | None = None,
    days_off: Iterable[date] = (),
) -> WorkingCalendar:
    """A validated calendar; every problem is reported at once, on its field."""
    problems: list[Problem] = []
    week = tuple(sorted(set(working_week)))
    if not week or any(
        isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6 for day in week
    ):
        problems.append(Problem(N_("Choose at least one working day of the week."), "working_week"))
    country = (country or "").strip().upper() or None
    subdivision = (subdivision or "").strip() or None
    regions = supported_regions()
    if country is not None and country not in regions:
        problems.append(
            Problem(
                N_("Public holidays are not available for the country {country}."),
                "country",
                {"country": country},
            )
        )
    elif subdivision is not None:
        if country is None:
            problems.append(Problem(N_("Choose a country before a region."), "subdivision"))
        else:
            known = {s.upper(): s for s in regions[country]}
            if subdivision.upper() not in known:
                problems.append(
                    Problem(
                        N_("{country} has no region {subdivision}."),
                        "subdivision",
                        {"country": country, "subdivision": subdivision},
                    )
                )
            else:
                subdivision = known[subdivision.upper()]
    if problems:
        raise DomainError.of(problems)
    return WorkingCalendar(week, country, subdivision, frozenset(days_off))


@lru_cache(maxsize=512)
def _public_year(country: str, subdivision: str | None, year: int) -> _Year:
    # A weekend worked in `year` may be announced with the next year's holidays (China's New Year).
    entity = holidays.country_holidays(country, subdiv=subdivision, years=(year, year + 1))
    return _Year(
        holidays=frozenset(day for day in entity if day.year == year),
        weekend_workdays=frozenset(day for day in entity.weekend_workdays if day.year == year),
    )


def public_holiday_names(calendar: WorkingCalendar, year: int) -> dict[date, str]:
    """The country's public holidays in `year` with their names (in the library's English)."""
    if calendar.country is None:
        return {}
    entity = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=year)
    return {day: name for day, name in sorted(entity.items())}


def is_public_holiday(calendar: WorkingCalendar, day: date) -> bool:
    return (
        calendar.country is not None
        and day in _public_year(calendar.country, calendar.subdivision, day.year).holidays
    )


def is_working_day(calendar: WorkingCalendar, day: date) -> bool:
    if day in calendar.days_off or is_public_holiday(calendar, day):
        return False
    if day.weekday() in calendar.working_week:
        return True
    return (
        calendar.country is not None
        and day in _public_year(calendar.country, calendar.subdivision, day.year).weekend_workdays
    )


def add_working_days(calendar: WorkingCalendar, start: date, n: int) -> date:
    """The n-th working day after `start` (before it when n < 0); n = 0 is `start` or the next working day."""
    step = timedelta(days=1 if n >= 0 else -1)
    day, remaining = start, abs(n)
    if n == 0:
        remaining = 0 if is_working_day(calendar, start) else 1
    while remaining:
        day += step
        if abs(day - start) > _HORIZON:
            raise DomainError(N_("The working calendar has no working days in sight."), field="working_week")
        if is_working_day(calendar, day):
            remaining -= 1
    return day


def working_days_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    """Working days in (start, end]; negative when `end` is earlier (then the days in (end, start])."""
    if end < start:
        return -working_days_between(calendar, end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(calendar, start + timedelta(offset))
    )


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The instant `day` ends in `tz` (the first instant of the next day there), in UTC.

    Where a DST change skips local midnight (America/Santiago, America/Havana), the next day starts
    at the end of the gap; where midnight happens twice, it starts at the first one.
    """
    next_day = datetime.combine(day + timedelta(days=1), time(0))
    candidates = [next_day.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1)]
    starts = [c for c in candidates if c.astimezone(tz).date() == next_day.date()]
    return min(starts or candidates)


def moment_on(day: date, at: time, tz: tzinfo) -> datetime:
    """The instant the wall clock in `tz` shows `at` on `day`, in UTC.

    A time skipped by a DST change is read as the end of the gap (02:30 on a spring-forward night
    is 03:00); a time that happens twice is read as its later occurrence, the generous one for a
    deadline.
    """
    wall = datetime.combine(day, at.replace(tzinfo=None))
    early, late = (wall.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1))
    if early.astimezone(tz).replace(tzinfo=None) != wall:  # in a gap: neither reading shows `at`
        return _end_of_gap(early, late, tz)
    return max(early, late)


def _end_of_gap(early: datetime, late: datetime, tz: tzinfo) -> datetime:
    """The transition that makes the gap: the first whole second with the new offset between the readings."""
    low, high = math.floor(min(early, late).timestamp()), math.ceil(max(early, late).timestamp())
    before = datetime.fromtimestamp(low, UTC).astimezone(tz).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, UTC).astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def deadline_after(
    calendar: WorkingCalendar, start: date, n: int, tz: tzinfo, at: time | None = None
) -> datetime:
    """The deadline moment n working days after `start`: the end of that day in `tz`, or `at` on it."""
    day = add_working_days(calendar, start, n)
    return end_of_day(day, tz) if at is None else moment_on(day, at, tz)


def local_day(now: datetime, tz: tzinfo) -> date:
    if now.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return now.astimezone(tz).date()


def working_days_left(calendar: WorkingCalendar, now: datetime, deadline_day: date, tz: tzinfo) -> int:
    """Working days from today (in `tz`) to the deadline day: 0 on the day, negative once overdue."""
    return working_days_between(calendar, local_day(now, tz), deadline_day)
