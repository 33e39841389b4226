"""The scheduling settings HR keeps: working hours, nudge interval, send budget, digest time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from models import audit
from models.errors import DomainError, Problem
from models.i18n import N_
from models.people import Person, require_settings_access
from models.workspace import Workspace

MAX_NUDGE_DAYS = 365
# Slack allows about one message per second per channel and a few hundred a minute per
# workspace; a budget above that only earns 429s.
MAX_BUDGET_PER_MINUTE = 600


@dataclass(frozen=True)
class ScheduleSettingsInput:
    timezone: str
    work_day_start: time | None
    work_day_end: time | None
    work_days: list[int]
    nudge_after_days: int | None
    send_budget_per_minute: int | None
    digest_weekday: int
    digest_hour: int | None


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_schedule_settings(data: ScheduleSettingsInput) -> list[Problem]:
    problems: list[Problem] = []
    if not _valid_zone(data.timezone):
        problems.append(
            Problem(N_("Give a time zone name such as Europe/Berlin or Asia/Shanghai."), "timezone")
        )
    if data.work_day_start is None:
        problems.append(Problem(N_("Choose when the working day starts."), "work_day_start"))
    if data.work_day_end is None:
        problems.append(Problem(N_("Choose when the working day ends."), "work_day_end"))
    elif data.work_day_start is not None and data.work_day_end <= data.work_day_start:
        problems.append(Problem(N_("The working day must end after it starts."), "work_day_end"))
    if not data.work_days or any(not 0 <= day <= 6 for day in data.work_days):
        problems.append(Problem(N_("Choose at least one working day."), "work_days"))
    if data.nudge_after_days is None or not 1 <= data.nudge_after_days <= MAX_NUDGE_DAYS:
        problems.append(
            Problem(
                N_("Give a whole number of days from 1 to {limit}."),
                "nudge_after_days",
                {"limit": MAX_NUDGE_DAYS},
            )
        )
    if data.send_budget_per_minute is None or not 1 <= data.send_budget_per_minute <= MAX_BUDGET_PER_MINUTE:
        problems.append(
            Problem(
                N_("Give a whole number of messages from 1 to {limit}."),
                "send_budget_per_minute",
                {"limit": MAX_BUDGET_PER_MINUTE},
            )
        )
    if not 0 <= data.digest_weekday <= 6:
        problems.append(Problem(N_("Choose a day of the week."), "digest_weekday"))
    if data.digest_hour is None or not 0 <= data.digest_hour <= 23:
        problems.append(Problem(N_("Give an hour from 0 to 23."), "digest_hour"))
    return problems


def update_schedule_settings(
    session: Session, workspace: Workspace, actor: Person, data: ScheduleSettingsInput
) -> Workspace:
    require_settings_access(actor, workspace)
    problems = check_schedule_settings(data)
    if problems:
        raise DomainError.of(problems)
    assert data.work_day_start and data.work_day_end and data.nudge_after_days and data.send_budget_per_minute
    assert data.digest_hour is not None
    before = schedule_snapshot(workspace)
    workspace.timezone = data.timezone
    workspace.work_day_start = data.work_day_start
    workspace.work_day_end = data.work_day_end
    workspace.work_days = sorted(set(data.work_days))
    workspace.nudge_after_days = data.nudge_after_days
    workspace.send_budget_per_minute = data.send_budget_per_minute
    workspace.digest_weekday = data.digest_weekday
    workspace.digest_hour = data.digest_hour
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id,
        action="workspace.schedule",
        entity_type="workspace",
        entity_id=workspace.id,
        before=before,
        after=schedule_snapshot(workspace),
    )
    return workspace


def schedule_snapshot(workspace: Workspace) -> dict[str, object]:
    return {
        "timezone": workspace.timezone,
        "work_day_start": workspace.work_day_start.isoformat(timespec="minutes"),
        "work_day_end": workspace.work_day_end.isoformat(timespec="minutes"),
        "work_days": list(workspace.work_days),
        "nudge_after_days": workspace.nudge_after_days,
        "send_budget_per_minute": workspace.send_budget_per_minute,
        "digest_weekday": workspace.digest_weekday,
        "digest_hour": workspace.digest_hour,
    }
