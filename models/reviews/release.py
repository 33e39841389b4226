"""When a result is out, and how long it can be appealed.

A result is released per participant (HR releases the whole cycle or one department); from that
moment the employee sees it everywhere, and the appeal window runs. The window's last day is the
release day in the employee's own time zone plus the cycle's `appeal_window_days`, and it ends at
midnight there: an employee in Shanghai and one in New York each get whole days of their own.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from models.reviews.entities import ReviewCycle, ReviewParticipant
from models.reviews.permissions import released
from models.zones import zone


def is_released(cycle: ReviewCycle, participant: ReviewParticipant) -> bool:
    return released(cycle, participant)


def appeal_window_last_day(cycle: ReviewCycle, participant: ReviewParticipant, tz: str | None) -> date | None:
    """The last day (in the zone named `tz`) on which this result can be appealed; None before release."""
    if participant.released_at is None:
        return None
    released_on = participant.released_at.astimezone(zone(tz)).date()
    return released_on + timedelta(days=int(cycle.settings.get("appeal_window_days", 14)))


def appeal_window_open(
    cycle: ReviewCycle, participant: ReviewParticipant, tz: str | None, now: datetime
) -> bool:
    """Whether an appeal may be filed at `now`: released, and not past the last day in the employee's zone."""
    last_day = appeal_window_last_day(cycle, participant, tz)
    return last_day is not None and now.astimezone(zone(tz)).date() <= last_day
