"""Working days and deadlines: working weeks, public holidays (with China's adjusted working days),
company days off and DST-safe deadline moments, all with `now` fixed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.calendar import (
    WorkingCalendar,
    add_working_days,
    deadline_after,
    end_of_day,
    is_public_holiday,
    is_working_day,
    moment_on,
    public_holiday_names,
    working_calendar,
    working_days_between,
    working_days_left,
)
from models.errors import DomainError

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
PLAIN = working_calendar()
BAVARIA = working_calendar(country="DE", subdivision="BY")
CHINA = working_calendar(country="CN")


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=offset) for offset in range(count)]


# --- which days are worked ------------------------------------------------------------------------


def test_the_default_week_is_monday_to_friday_without_holidays() -> None:
    week = days(date(2025, 10, 27), 7)  # Monday 27 Oct 2025
    assert [is_working_day(PLAIN, day) for day in week] == [True] * 5 + [False] * 2


def test_a_sunday_to_thursday_week() -> None:
    calendar = working_calendar(working_week=[6, 0, 1, 2, 3])
    week = days(date(2025, 10, 26), 7)  # Sunday 26 Oct 2025
    assert [is_working_day(calendar, day) for day in week] == [True] * 5 + [False] * 2


def test_german_unity_day_is_a_public_holiday_everywhere_in_germany() -> None:
    for calendar in (
        working_calendar(country="DE"),
        BAVARIA,
        working_calendar(country="DE", subdivision="BE"),
    ):
        assert not is_working_day(calendar, date(2025, 10, 3))  # a Friday
        assert is_working_day(calendar, date(2025, 10, 2))


def test_a_subdivision_brings_its_own_holidays() -> None:
    epiphany = date(2025, 1, 6)  # a Monday; a holiday in Bavaria, not in Berlin
    assert not is_working_day(BAVARIA, epiphany)
    assert is_working_day(working_calendar(country="DE", subdivision="BE"), epiphany)
    assert is_working_day(PLAIN, epiphany)


def test_china_national_day_week_with_its_adjusted_working_days() -> None:
    # 2025: 1–8 Oct off (National Day and Mid-Autumn); Sunday 28 Sep and Saturday 11 Oct are worked.
    worked = {day for day in days(date(2025, 9, 26), 18) if is_working_day(CHINA, day)}
    assert worked == {
        date(2025, 9, 26),
        date(2025, 9, 28),  # Sunday, worked
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
        date(2025, 10, 10),
        date(2025, 10, 11),  # Saturday, worked
        date(2025, 10, 13),
    }
    assert not is_working_day(PLAIN, date(2025, 9, 28))


def test_a_weekend_worked_for_next_years_holiday_counts_in_its_own_year() -> None:
    # The Spring Festival 2026 arrangement moves work onto Saturday 14 Feb and Saturday 28 Feb 2026;
    # the library announces them with 2026's holidays, and 4 Jan 2026 (Sunday) with New Year's.
    assert is_working_day(CHINA, date(2026, 2, 14))
    assert is_working_day(CHINA, date(2026, 1, 4))
    assert not is_working_day(CHINA, date(2026, 2, 21))


def test_company_days_off_come_on_top() -> None:
    calendar = working_calendar(country="DE", days_off=[date(2025, 12, 24), date(2025, 12, 31)])
    assert not is_working_day(calendar, date(2025, 12, 24))
    assert not is_public_holiday(calendar, date(2025, 12, 24))
    assert is_working_day(calendar, date(2025, 12, 23))


def test_holiday_names_for_a_settings_view() -> None:
    names = public_holiday_names(BAVARIA, 2025)
    assert names[date(2025, 10, 3)] == "German Unity Day"
    assert public_holiday_names(PLAIN, 2025) == {}


# --- counting ------------------------------------------------------------------------------------


def test_adding_working_days_skips_a_public_holiday() -> None:
    # From Monday 29 Sep 2025: Tue, Wed, Thu, (Fri 3 Oct off, weekend), Mon, Tue.
    assert add_working_days(BAVARIA, date(2025, 9, 29), 5) == date(2025, 10, 7)
    assert add_working_days(PLAIN, date(2025, 9, 29), 5) == date(2025, 10, 6)


def test_adding_working_days_through_china_national_day() -> None:
    start = date(2025, 9, 26)  # Friday
    assert [add_working_days(CHINA, start, n) for n in range(7)] == [
        date(2025, 9, 26),
        date(2025, 9, 28),
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
        date(2025, 10, 10),
        date(2025, 10, 11),
    ]


def test_zero_and_negative_working_days() -> None:
    saturday = date(2025, 10, 4)
    assert add_working_days(BAVARIA, saturday, 0) == date(2025, 10, 6)
    assert add_working_days(BAVARIA, date(2025, 10, 6), 0) == date(2025, 10, 6)
    assert add_working_days(BAVARIA, date(2025, 10, 6), -2) == date(2025, 10, 1)  # skips Fri 3 Oct


def test_working_days_between_counts_the_end_not_the_start() -> None:
    assert working_days_between(BAVARIA, date(2025, 10, 2), date(2025, 10, 6)) == 1
    assert working_days_between(BAVARIA, date(2025, 10, 6), date(2025, 10, 2)) == -1
    assert working_days_between(BAVARIA, date(2025, 10, 2), date(2025, 10, 2)) == 0


def test_a_calendar_without_working_days_in_sight_is_refused() -> None:
    start = date(2025, 1, 1)
    calendar = working_calendar(working_week=[0], days_off=days(start, 4 * 366))
    with pytest.raises(DomainError):
        add_working_days(calendar, start, 1)


CALENDARS = st.sampled_from(
    [PLAIN, BAVARIA, CHINA, working_calendar(working_week=[6, 0, 1, 2, 3], country="US")]
)
DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(CALENDARS, DATES, st.integers(1, 60))
def test_counting_back_the_days_added_gives_n(calendar: WorkingCalendar, start: date, n: int) -> None:
    deadline = add_working_days(calendar, start, n)
    assert deadline > start
    assert is_working_day(calendar, deadline)
    assert working_days_between(calendar, start, deadline) == n
    assert working_days_between(calendar, start, deadline - timedelta(days=1)) == n - 1


@given(CALENDARS, DATES, st.integers(0, 40), st.integers(0, 40))
def test_more_working_days_never_give_an_earlier_deadline(
    calendar: WorkingCalendar, start: date, n: int, m: int
) -> None:
    low, high = sorted((n, m))
    assert add_working_days(calendar, start, low) <= add_working_days(calendar, start, high)


@given(CALENDARS, DATES, DATES)
def test_working_days_between_is_antisymmetric(calendar: WorkingCalendar, a: date, b: date) -> None:
    assert working_days_between(calendar, a, b) == -working_days_between(calendar, b, a)


# --- deadline moments across DST ------------------------------------------------------------------


def test_a_deadline_across_german_unity_day_and_the_autumn_clock_change() -> None:
    # Filed Thursday 2 Oct 2025 in Berlin; 16 working days skip 3 Oct and cross 26 Oct (CEST → CET).
    deadline = deadline_after(BAVARIA, date(2025, 10, 2), 16, BERLIN)
    assert deadline == datetime(2025, 10, 27, 23, 0, tzinfo=UTC)  # midnight CET, not CEST
    assert deadline.astimezone(BERLIN).replace(tzinfo=None) == datetime(2025, 10, 28, 0, 0)


def test_a_deadline_across_the_spring_clock_change_in_new_york() -> None:
    # Filed Thursday 5 Mar 2026; 2 working days later is Monday 9 Mar, after the 8 Mar change (EST → EDT).
    calendar = working_calendar(country="US", subdivision="NY")
    deadline = deadline_after(calendar, date(2026, 3, 5), 2, NEW_YORK)
    assert deadline == datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
    assert deadline_after(calendar, date(2026, 3, 5), 2, NEW_YORK, at=time(18, 0)) == datetime(
        2026, 3, 9, 22, 0, tzinfo=UTC
    )


def test_a_deadline_across_a_us_holiday_and_the_autumn_clock_change() -> None:
    # Friday 30 Oct 2026 + 3 working days in New York: Mon 2 Nov, (Tue 3 Nov Election Day), Wed, Thu.
    calendar = working_calendar(country="US", subdivision="NY")
    deadline = deadline_after(calendar, date(2026, 10, 30), 3, NEW_YORK)
    assert deadline == datetime(2026, 11, 6, 5, 0, tzinfo=UTC)  # midnight EST after the 1 Nov change


def test_a_wall_time_skipped_or_repeated_by_dst() -> None:
    assert moment_on(date(2026, 3, 8), time(2, 30), NEW_YORK) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert moment_on(date(2026, 11, 1), time(1, 30), NEW_YORK) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert moment_on(date(2025, 3, 30), time(2, 30), BERLIN) == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)


def test_a_day_whose_midnight_is_skipped_ends_when_the_next_day_starts() -> None:
    santiago = ZoneInfo("America/Santiago")  # clocks go from 24:00 Saturday 5 Sep 2026 to 01:00
    end = end_of_day(date(2026, 9, 5), santiago)
    assert end == datetime(2026, 9, 6, 4, 0, tzinfo=UTC)
    assert end.astimezone(santiago).replace(tzinfo=None) == datetime(2026, 9, 6, 1, 0)
    assert (end - timedelta(seconds=1)).astimezone(santiago).date() == date(2026, 9, 5)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Asia/Shanghai", "America/Santiago"])
@pytest.mark.parametrize("day", days(date(2025, 3, 25), 10) + days(date(2025, 10, 22), 14))
def test_end_of_day_is_the_first_instant_of_the_next_local_day(zone: str, day: date) -> None:
    tz = ZoneInfo(zone)
    end = end_of_day(day, tz)
    assert end.astimezone(tz).date() == day + timedelta(days=1)
    assert (end - timedelta(seconds=1)).astimezone(tz).date() == day


def test_working_days_left_with_now_fixed() -> None:
    deadline_day = date(2025, 10, 27)
    before_midnight = datetime(2025, 10, 27, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    after_midnight = datetime(2025, 10, 27, 23, 30, tzinfo=UTC)  # 00:30 on Tuesday in Berlin
    assert working_days_left(BAVARIA, datetime(2025, 10, 2, 9, tzinfo=UTC), deadline_day, BERLIN) == 16
    assert working_days_left(BAVARIA, before_midnight, deadline_day, BERLIN) == 0
    assert working_days_left(BAVARIA, after_midnight, deadline_day, BERLIN) == -1
    assert working_days_left(BAVARIA, after_midnight, deadline_day, NEW_YORK) == 0
    with pytest.raises(ValueError, match="naive"):
        working_days_left(BAVARIA, datetime(2025, 10, 27, 12), deadline_day, BERLIN)


# --- settings -------------------------------------------------------------------------------------


def test_codes_are_read_regardless_of_case() -> None:
    assert working_calendar(country=" de ", subdivision="by") == BAVARIA


@pytest.mark.parametrize(
    ("settings", "fields"),
    [
        ({"country": "XX"}, ["country"]),
        ({"country": "DE", "subdivision": "ZZ"}, ["subdivision"]),
        ({"subdivision": "BY"}, ["subdivision"]),
        ({"working_week": []}, ["working_week"]),
        ({"working_week": [0, 7], "country": "XX"}, ["working_week", "country"]),
    ],
)
def test_bad_settings_are_refused_on_their_fields(settings: dict[str, object], fields: list[str]) -> None:
    with pytest.raises(DomainError) as refused:
        working_calendar(**settings)  # type: ignore[arg-type]
    assert [problem.field for problem in refused.value.problems] == fields
