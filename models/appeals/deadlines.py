"""An appeal's deadlines on the workspace's calendar: when HR must decide, how many working days remain.

The decision clock starts on the day of filing (or of the latest reopening) in the workspace's zone
and runs N working days (the workspace's setting); if the workspace pauses it while HR waits for the
manager's statement or the employee's answer, those working days are added (see clock.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from models.appeals.clock import decision_deadline, pauses
from models.appeals.entities import AppealEntry, AppealRow
from models.appeals.records import audit_records
from models.appeals.settings import AppealSettings, appeal_settings, calendar_of
from models.appeals.states import Action
from models.calendar import local_day, working_days_between
from models.workspace import Workspace
from models.zones import zone

DEFAULT_REQUEST_DAYS = 3  # working days a statement request or question gets unless HR says otherwise


def clock_start(appeal: AppealRow, entries: Sequence[AppealEntry]) -> datetime:
    reopened = [entry.at for entry in entries if entry.action is Action.REOPEN]
    return max(reopened) if reopened else appeal.filed_at


def decision_due(
    workspace: Workspace,
    appeal: AppealRow,
    entries: Sequence[AppealEntry],
    now: datetime,
    settings: AppealSettings | None = None,
) -> date:
    """The last day (in the workspace's zone) HR may decide on."""
    settings = settings or appeal_settings(workspace)
    calendar = calendar_of(workspace, settings)
    tz = zone(workspace.timezone)
    start = clock_start(appeal, entries)
    periods = (
        pauses(audit_records([entry for entry in entries if entry.at >= start]), tz)
        if settings.pause_while_waiting
        else []
    )
    return decision_deadline(
        calendar,
        local_day(start, tz),
        working_days=settings.decision_days,
        periods=periods,
        today=local_day(now, tz),
    )


def working_days_left(
    workspace: Workspace, due: date, now: datetime, settings: AppealSettings | None = None
) -> int:
    """0 on the day, negative once overdue."""
    calendar = calendar_of(workspace, settings)
    return working_days_between(calendar, local_day(now, zone(workspace.timezone)), due)


def working_days_taken(
    workspace: Workspace, start: datetime, end: datetime, settings: AppealSettings | None = None
) -> int:
    """Working days from `start` to `end` (in the workspace's zone), as the figures count them."""
    tz = zone(workspace.timezone)
    return max(
        0, working_days_between(calendar_of(workspace, settings), local_day(start, tz), local_day(end, tz))
    )
