"""The workspace's appeal settings: how many working days HR has, whose holidays count, the HR lead.

Stored as one JSON column on the workspace (`Workspace.appeal_settings`); read with defaults, so a
workspace that never opened the settings has ten working days, no public holidays, no HR lead
(every HR admin is told of an overdue appeal) and a clock that runs while HR waits for answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from models import audit
from models.appeals.clock import DEFAULT_DECISION_DAYS
from models.calendar import WorkingCalendar, working_calendar
from models.errors import DomainError, Problem
from models.i18n import N_
from models.people import Person, Role, require_settings_access
from models.workspace import Workspace

MIN_DECISION_DAYS, MAX_DECISION_DAYS = 1, 60
MAX_DAYS_OFF = 100


@dataclass(frozen=True)
class AppealSettings:
    decision_days: int = DEFAULT_DECISION_DAYS
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    company_days_off: list[date] = field(default_factory=list)
    hr_lead_id: int | None = None
    pause_while_waiting: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "decision_days": self.decision_days,
            "holiday_country": self.holiday_country,
            "holiday_subdivision": self.holiday_subdivision,
            "company_days_off": [day.isoformat() for day in sorted(self.company_days_off)],
            "hr_lead_id": self.hr_lead_id,
            "pause_while_waiting": self.pause_while_waiting,
        }


AppealSettingsInput = AppealSettings  # what the settings modal submits: the same fields


def appeal_settings(workspace: Workspace) -> AppealSettings:
    """The stored settings, with defaults for anything missing or unreadable."""
    raw = workspace.appeal_settings or {}
    days_off = []
    for text in raw.get("company_days_off") or []:
        try:
            days_off.append(date.fromisoformat(str(text)))
        except ValueError:
            continue
    decision_days = raw.get("decision_days")
    lead = raw.get("hr_lead_id")
    return AppealSettings(
        decision_days=decision_days if isinstance(decision_days, int) else DEFAULT_DECISION_DAYS,
        holiday_country=raw.get("holiday_country") or None,
        holiday_subdivision=raw.get("holiday_subdivision") or None,
        company_days_off=days_off,
        hr_lead_id=lead if isinstance(lead, int) else None,
        pause_while_waiting=bool(raw.get("pause_while_waiting", False)),
    )


def calendar_of(workspace: Workspace, settings: AppealSettings | None = None) -> WorkingCalendar:
    """The workspace's working week with the appeal settings' holidays and days off."""
    settings = settings or appeal_settings(workspace)
    try:
        return working_calendar(
            working_week=workspace.work_days or (0, 1, 2, 3, 4),
            country=settings.holiday_country,
            subdivision=settings.holiday_subdivision,
            days_off=settings.company_days_off,
        )
    except DomainError:  # a region the library dropped since: count without its holidays
        return working_calendar(working_week=workspace.work_days or (0, 1, 2, 3, 4))


def update_appeal_settings(
    session: Session, workspace: Workspace, actor: Person, data: AppealSettings, now: datetime
) -> AppealSettings:
    """HR changes the settings; every problem is reported on its field; audited."""
    require_settings_access(actor, workspace)
    problems: list[Problem] = []
    days = data.decision_days
    if (
        isinstance(days, bool)
        or not isinstance(days, int)
        or not MIN_DECISION_DAYS <= days <= MAX_DECISION_DAYS
    ):
        problems.append(
            Problem(
                N_("HR decides within {low} to {high} working days."),
                "decision_days",
                {"low": MIN_DECISION_DAYS, "high": MAX_DECISION_DAYS},
            )
        )
    country, subdivision = data.holiday_country, data.holiday_subdivision
    try:
        checked = working_calendar(
            working_week=workspace.work_days or (0, 1, 2, 3, 4), country=country, subdivision=subdivision
        )
        country, subdivision = checked.country, checked.subdivision
    except DomainError as error:
        for problem in error.problems:
            name = {"country": "holiday_country", "subdivision": "holiday_subdivision"}.get(
                problem.field or "", problem.field
            )
            problems.append(Problem(problem.message, name, problem.params))
    if len(data.company_days_off) > MAX_DAYS_OFF:
        problems.append(
            Problem(N_("At most {limit} company days off."), "company_days_off", {"limit": MAX_DAYS_OFF})
        )
    if data.hr_lead_id is not None:
        lead = session.get(Person, data.hr_lead_id)
        if (
            lead is None
            or lead.workspace_id != workspace.id
            or lead.role is not Role.HR_ADMIN
            or not lead.active
        ):
            problems.append(Problem(N_("The HR lead must be an HR admin of this workspace."), "hr_lead"))
    if problems:
        raise DomainError.of(problems)
    before = dict(workspace.appeal_settings or {})
    stored = AppealSettings(
        decision_days=days,
        holiday_country=country,
        holiday_subdivision=subdivision,
        company_days_off=sorted(set(data.company_days_off)),
        hr_lead_id=data.hr_lead_id,
        pause_while_waiting=bool(data.pause_while_waiting),
    )
    workspace.appeal_settings = stored.to_json()
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id,
        action="appeal.settings",
        entity_type="workspace",
        entity_id=workspace.id,
        before=before,
        after=stored.to_json(),
    )
    session.flush()
    return stored
