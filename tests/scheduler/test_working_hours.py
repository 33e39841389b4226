"""Working hours on the recipient's wall clock, including weekends, bad zones and DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given, settings
from hypothesis import strategies as st

from models.workspace import WorkingHours, is_working_time, next_working_time
from models.zones import zone

DEFAULT = WorkingHours()
TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


def test_a_message_due_at_two_in_the_morning_waits_until_nine_local() -> None:
    two_am_tokyo = datetime(2026, 11, 24, 2, 0, tzinfo=TOKYO)  # a Tuesday
    opens = next_working_time(two_am_tokyo.astimezone(UTC), TOKYO, DEFAULT)
    assert opens == datetime(2026, 11, 24, 9, 0, tzinfo=TOKYO)


def test_inside_working_hours_is_now() -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=TOKYO).astimezone(UTC)
    assert is_working_time(now, TOKYO, DEFAULT)
    assert next_working_time(now, TOKYO, DEFAULT) == now


def test_friday_evening_waits_for_monday_morning() -> None:
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=NEW_YORK)  # the end is exclusive
    assert not is_working_time(friday_evening, NEW_YORK, DEFAULT)
    assert next_working_time(friday_evening, NEW_YORK, DEFAULT) == datetime(
        2026, 11, 30, 9, 0, tzinfo=NEW_YORK
    )


def test_monday_after_the_clocks_go_forward_opens_at_nine_local() -> None:
    saturday = datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK)  # EST; the clocks go forward on Sunday
    opens = next_working_time(saturday, NEW_YORK, DEFAULT)
    assert opens == datetime(2026, 3, 9, 9, 0, tzinfo=NEW_YORK)
    assert opens.astimezone(UTC).hour == 13  # EDT, no longer 14:00 UTC


def test_a_start_inside_the_dst_gap_opens_when_the_clocks_jump() -> None:
    hours = WorkingHours(
        time(2, 30), time(5, 0), (6,)
    )  # Sundays 02:30-05:00; 02:30 does not exist on 8 March
    opens = next_working_time(datetime(2026, 3, 8, 5, 0, tzinfo=UTC), NEW_YORK, hours)
    assert opens == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT, the first moment past 02:30


def test_unknown_or_malformed_zones_fall_back_and_never_raise() -> None:
    assert str(zone("Mars/Olympus_Mons")) == "UTC"
    assert zone("Mars/Olympus_Mons", "Asia/Tokyo") == TOKYO
    assert str(zone("../../etc/passwd")) == "UTC"
    assert str(zone("", None)) == "UTC"
    assert str(zone(None, "Not/Real")) == "UTC"


def test_invalid_settings_fall_back_to_the_defaults() -> None:
    assert WorkingHours.of(time(18), time(9), [0]) == WorkingHours(days=(0,))
    assert WorkingHours.of(None, None, []) == DEFAULT
    assert WorkingHours.of(time(8), time(16), [9, 5, 5, 6]) == WorkingHours(time(8), time(16), (5, 6))


def test_naive_datetimes_are_refused() -> None:
    try:
        next_working_time(datetime(2026, 1, 1, 12), UTC, DEFAULT)
    except ValueError:
        return
    raise AssertionError("a naive datetime was accepted")


ZONES = sorted(
    name
    for name in available_timezones()
    if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/"))
)
instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)


@st.composite
def working_hours(draw: st.DrawFn) -> WorkingHours:
    start = draw(st.integers(min_value=0, max_value=23 * 60))
    length = draw(st.integers(min_value=30, max_value=24 * 60 - 1 - start)) if start < 24 * 60 - 31 else 30
    end = min(start + length, 24 * 60 - 1)
    days = draw(st.sets(st.integers(min_value=0, max_value=6), min_size=1))
    return WorkingHours(time(start // 60, start % 60), time(end // 60, end % 60), tuple(sorted(days)))


@settings(max_examples=300, deadline=None)
@given(now=instants, zone_name=st.sampled_from(ZONES), hours=working_hours())
def test_the_next_working_time_is_the_first_working_instant_not_before_now(
    now: datetime, zone_name: str, hours: WorkingHours
) -> None:
    tz = ZoneInfo(zone_name)
    opens = next_working_time(now, tz, hours)
    assert opens >= now
    assert opens - now <= timedelta(days=8)
    assert is_working_time(opens, tz, hours)
    if opens > now:
        # It opens at that very second: a second earlier was outside the window.
        assert not is_working_time(opens - timedelta(seconds=1), tz, hours)
        # And no earlier window was skipped (windows last at least 30 min; sample every 10).
        probe = now
        while probe < opens - timedelta(seconds=1):
            assert not is_working_time(probe, tz, hours), probe
            probe += timedelta(minutes=10)


@settings(max_examples=200, deadline=None)
@given(now=instants, zone_name=st.sampled_from(ZONES))
def test_working_time_is_read_on_the_local_wall_clock(now: datetime, zone_name: str) -> None:
    tz = ZoneInfo(zone_name)
    local = now.astimezone(tz)
    expected = local.weekday() < 5 and time(9) <= local.time() < time(18)
    assert is_working_time(now, tz, DEFAULT) == expected
