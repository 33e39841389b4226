"""The goal settings HR keeps per workspace: what counts as real progress, how often to check in."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.errors import DomainError, Problem
from models.goals.entities import DEFAULT_CHECKIN_CADENCE_DAYS, DEFAULT_PROGRESS_THRESHOLD, GoalSettings
from models.goals.validation import Number, parse_number
from models.i18n import N_
from models.people import Person, require_settings_access
from models.workspace import Workspace

MAX_CADENCE_DAYS = 90


def goal_settings(session: Session, workspace_id: int) -> GoalSettings:
    """The workspace's settings; an unsaved row with the defaults when HR never changed them."""
    settings = session.scalar(select(GoalSettings).where(GoalSettings.workspace_id == workspace_id))
    if settings is not None:
        return settings
    return GoalSettings(
        workspace_id=workspace_id,
        progress_threshold=DEFAULT_PROGRESS_THRESHOLD,
        checkin_cadence_days=DEFAULT_CHECKIN_CADENCE_DAYS,
    )


def update_goal_settings(
    session: Session,
    workspace: Workspace,
    actor: Person,
    *,
    progress_threshold: Number,
    checkin_cadence_days: Number,
) -> GoalSettings:
    require_settings_access(actor, workspace)
    problems: list[Problem] = []
    threshold = parse_number(progress_threshold, "progress_threshold", problems)
    if threshold is not None and not 0 < threshold <= 100:
        problems.append(
            Problem(N_("Give a number of percentage points above 0 and at most 100."), "progress_threshold")
        )
    cadence = parse_number(checkin_cadence_days, "checkin_cadence_days", problems)
    if cadence is not None and (cadence != int(cadence) or not 1 <= cadence <= MAX_CADENCE_DAYS):
        problems.append(
            Problem(
                N_("Give a whole number of days from 1 to {limit}."),
                "checkin_cadence_days",
                {"limit": MAX_CADENCE_DAYS},
            )
        )
    if problems:
        raise DomainError.of(problems)
    settings = goal_settings(session, workspace.id)
    before = {
        "progress_threshold": settings.progress_threshold,
        "checkin_cadence_days": settings.checkin_cadence_days,
    }
    if threshold is not None:
        settings.progress_threshold = threshold
    if cadence is not None:
        settings.checkin_cadence_days = int(cadence)
    session.add(settings)
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id,
        action="goal.settings",
        entity_type="goal_settings",
        entity_id=None,
        before=before,
        after={
            "progress_threshold": settings.progress_threshold,
            "checkin_cadence_days": settings.checkin_cadence_days,
        },
    )
    return settings
