"""The appeal's clock in working days: when HR must decide, what a pause adds, which nudge is due today.

HR must decide within N working days of filing. If the workspace says so, the days spent waiting
for the manager's statement or the employee's answer do not count: each pause adds the working days
it lasted. Pure functions of dates in the workspace's zone (see models.calendar).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, tzinfo
from enum import StrEnum

from models.appeals.machine import AuditRecord
from models.appeals.states import AppealState
from models.calendar import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    local_day,
    working_days_between,
)

DEFAULT_DECISION_DAYS = 10
REMIND_BEFORE = 2  # working days before the deadline
_WAITING = frozenset({AppealState.WAITING_FOR_STATEMENT, AppealState.WAITING_FOR_EMPLOYEE})


class Nudge(StrEnum):
    SOON = "soon"  # REMIND_BEFORE working days before the deadline, to the assignee
    TODAY = "today"  # on the deadline day, to the assignee
    OVERDUE = "overdue"  # each working day after it, to the assignee
    # from the first working day after it, the HR lead (or every HR admin) is told: once, so the caller
    # keeps a mark (an outbox key); a sweep that missed a day still escalates on the next
    ESCALATE = "escalate"


def pauses(trail: Iterable[AuditRecord], tz: tzinfo) -> list[tuple[date, date | None]]:
    """The waiting periods in an appeal's audit trail, as local days (start, end); end None while waiting."""
    found: list[tuple[date, date | None]] = []
    started: date | None = None
    for record in sorted(trail, key=lambda r: r.at):
        day = local_day(record.at, tz)
        if record.to_state in _WAITING and started is None:
            started = day
        elif record.to_state not in _WAITING and started is not None:
            found.append((started, day))
            started = None
    if started is not None:
        found.append((started, None))
    return found


def paused_working_days(
    calendar: WorkingCalendar, periods: Iterable[tuple[date, date | None]], today: date | None = None
) -> int:
    """Working days spent waiting: those in (start, end] of each pause; a running one counts up to `today`."""
    total = 0
    for start, end in periods:
        stop = end if end is not None else today
        if stop is not None:
            total += max(0, working_days_between(calendar, start, stop))
    return total


def decision_deadline(
    calendar: WorkingCalendar,
    filed_on: date,
    *,
    working_days: int = DEFAULT_DECISION_DAYS,
    periods: Iterable[tuple[date, date | None]] = (),
    today: date | None = None,
) -> date:
    """The last day HR may decide on: N working days after filing, plus the paused ones if given.

    Pass `periods` only when the workspace pauses the clock while waiting for an answer; a pause still
    running counts up to `today` (and not at all without it).
    """
    return add_working_days(calendar, filed_on, working_days + paused_working_days(calendar, periods, today))


def nudges_due(calendar: WorkingCalendar, deadline: date, today: date) -> frozenset[Nudge]:
    """The reminders today calls for; none on a day that is not a working day."""
    if not is_working_day(calendar, today):
        return frozenset()
    if today > deadline:
        return frozenset({Nudge.OVERDUE, Nudge.ESCALATE})
    if today == deadline:
        return frozenset({Nudge.TODAY})
    if working_days_between(calendar, today, deadline) == REMIND_BEFORE:
        return frozenset({Nudge.SOON})
    return frozenset()
