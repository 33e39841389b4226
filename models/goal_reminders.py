"""Which goals the scheduler should remind people about; one statement each, for a whole workspace.

Dates compare against `now`'s UTC date; the scheduler's outbox decides when, in the recipient's
own time zone and working hours, a reminder actually goes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from models.goal_settings import goal_settings
from models.goals import Goal, GoalStatus
from models.people import Person

PROPOSAL_WAIT_DAYS = 3


@dataclass(frozen=True)
class GoalReminder:
    goal: Goal
    recipient: Person


def goals_due_in(session: Session, workspace_id: int, *, now: datetime, days: int) -> list[GoalReminder]:
    """Active goals due exactly `days` days after today (7 and 1 for the usual reminders), to their owners."""
    due = now.date() + timedelta(days=days)
    rows = session.execute(
        select(Goal, Person)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == workspace_id,
            Goal.status == GoalStatus.ACTIVE,
            Goal.due_date == due,
            Person.active.is_(True),
        )
        .order_by(Goal.id)
    )
    return [GoalReminder(goal, owner) for goal, owner in rows]


def goals_without_checkin(
    session: Session, workspace_id: int, *, now: datetime, days: int | None = None
) -> list[GoalReminder]:
    """Active goals not checked in on (nor activated) in the last `days` days, by default the
    workspace's check-in cadence, to their owners."""
    if days is None:
        days = goal_settings(session, workspace_id).checkin_cadence_days
    cutoff = now - timedelta(days=days)
    rows = session.execute(
        select(Goal, Person)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == workspace_id,
            Goal.status == GoalStatus.ACTIVE,
            Person.active.is_(True),
            or_(
                Goal.last_checkin_at < cutoff,
                and_(Goal.last_checkin_at.is_(None), Goal.activated_at < cutoff),
            ),
        )
        .order_by(Goal.id)
    )
    return [GoalReminder(goal, owner) for goal, owner in rows]


@dataclass(frozen=True)
class ProposalReminder:
    goal: Goal
    owner: Person
    approver: Person | None  # the owner's manager; None when HR admins decide instead


def proposals_waiting(
    session: Session, workspace_id: int, *, now: datetime, days: int = PROPOSAL_WAIT_DAYS
) -> list[ProposalReminder]:
    """Proposals that have waited more than `days` days for their approver."""
    manager = aliased(Person)
    rows = session.execute(
        select(Goal, Person, manager)
        .join(Person, Person.id == Goal.owner_id)
        .outerjoin(manager, and_(manager.id == Person.manager_id, manager.active.is_(True)))
        .where(
            Goal.workspace_id == workspace_id,
            Goal.status == GoalStatus.PROPOSED,
            Goal.proposed_at < now - timedelta(days=days),
            # Someone who left has nobody waiting on their proposal.
            Person.active.is_(True),
        )
        .order_by(Goal.proposed_at, Goal.id)
    )
    return [ProposalReminder(goal, owner, approver) for goal, owner, approver in rows]
