"""Working hours: is it a good moment to message someone, and if not, when is the next one?

Pure functions of an aware `now`, an IANA zone name and the workspace's hours, so the
scheduler and its tests can ask about any moment without a clock. Windows are read on
the recipient's wall clock: 09:00–18:00 means 09:00–18:00 where they are, summer or winter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DEFAULT_START = time(9, 0)
DEFAULT_END = time(18, 0)
DEFAULT_DAYS = (0, 1, 2, 3, 4)  # Monday to Friday, as in `date.weekday()`
# Far enough to cross a week of non-working days plus a DST change, whatever the settings.
_HORIZON_DAYS = 9


@dataclass(frozen=True)
class WorkingHours:
    """The daily window [start, end) on the listed weekdays; invalid settings fall back to the defaults."""

    start: time = DEFAULT_START
    end: time = DEFAULT_END
    days: tuple[int, ...] = DEFAULT_DAYS

    @classmethod
    def of(
        cls, start: time | None, end: time | None, days: list[int] | tuple[int, ...] | None
    ) -> WorkingHours:
        """Settings as stored; a window that could never open would silently hold every message forever."""
        start = (start or DEFAULT_START).replace(tzinfo=None)
        end = (end or DEFAULT_END).replace(tzinfo=None)
        valid_days = tuple(sorted({day for day in days or () if 0 <= day <= 6}))
        if start >= end:
            start, end = DEFAULT_START, DEFAULT_END
        return cls(start=start, end=end, days=valid_days or DEFAULT_DAYS)


def is_working_time(now: datetime, tz: tzinfo, hours: WorkingHours) -> bool:
    local = _require_aware(now).astimezone(tz)
    return local.weekday() in hours.days and hours.start <= local.time().replace(tzinfo=None) < hours.end


def next_working_time(now: datetime, tz: tzinfo, hours: WorkingHours) -> datetime:
    """`now` if inside working hours, else the first later instant that is (UTC).

    A window opens either when the wall clock reaches `start` (which, on a day the clocks go
    back, happens twice) or when a DST change jumps the wall clock into the window, so both
    kinds of instant are candidates and the earliest one inside the window wins.
    """
    now = _require_aware(now).astimezone(UTC)
    if is_working_time(now, tz, hours):
        return now
    first_day = now.astimezone(tz).date() - timedelta(days=1)
    candidates: list[datetime] = []
    for offset in range(_HORIZON_DAYS + 1):
        day = first_day + timedelta(days=offset)
        if day.weekday() in hours.days:
            candidates.extend(_wall_time_instants(day, hours.start, tz))
    candidates.extend(_offset_changes(tz, now, now + timedelta(days=_HORIZON_DAYS)))
    inside = [c for c in candidates if c >= now and is_working_time(c, tz, hours)]
    if inside:
        return min(inside)
    # Unreachable with valid hours; kept so a corrupt setting delays a message instead of crashing delivery.
    return now + timedelta(days=1)


def _wall_time_instants(day: date, at: time, tz: tzinfo) -> list[datetime]:
    """The instants the wall clock shows `at` on `day`: one, two (clocks go back) or a near miss (gap)."""
    return [datetime.combine(day, at, tzinfo=tz).replace(fold=fold).astimezone(UTC) for fold in (0, 1)]


def _offset_changes(tz: tzinfo, start: datetime, end: datetime) -> list[datetime]:
    """DST transitions in [start, end], to the second: samples, then bisection where the offset moved."""
    changes: list[datetime] = []
    step = timedelta(hours=12)
    low = start
    while low < end:
        high = min(low + step, end)
        if low.astimezone(tz).utcoffset() != high.astimezone(tz).utcoffset():
            changes.append(_bisect_change(tz, low, high))
        low = high
    return changes


def _bisect_change(tz: tzinfo, low: datetime, high: datetime) -> datetime:
    """The first whole second with the new offset (transitions fall on whole seconds)."""
    before = low.astimezone(tz).utcoffset()
    lo, hi = math.floor(low.timestamp()), math.ceil(high.timestamp())
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if datetime.fromtimestamp(middle, UTC).astimezone(tz).utcoffset() == before:
            lo = middle
        else:
            hi = middle
    return datetime.fromtimestamp(hi, UTC)


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return moment
