"""What views of the feedback conversation read: a log with its actions and comments, the released
participant a manager names in `/review feedback @person`, and the open actions App Home lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.errors import NotFound
from models.feedback.entities import ActionKind, DevelopmentAction, FeedbackComment, FeedbackLog
from models.feedback.log import actions_of, log_of
from models.feedback.permissions import FeedbackAction, can
from models.i18n import N_
from models.people import Person
from models.reviews import CycleStatus, ReviewCycle, ReviewParticipant

HOME_ACTIONS = 10  # open actions shown on App Home, soonest due first


@dataclass(frozen=True)
class LogView:
    log: FeedbackLog
    cycle: ReviewCycle
    participant: ReviewParticipant
    actions: list[DevelopmentAction]
    comments: list[FeedbackComment]


def log_view(session: Session, log: FeedbackLog) -> LogView | None:
    cycle = session.get(ReviewCycle, log.cycle_id)
    participant = session.get(ReviewParticipant, log.participant_id)
    if cycle is None or participant is None:
        return None
    comments = list(
        session.scalars(
            select(FeedbackComment).where(FeedbackComment.log_id == log.id).order_by(FeedbackComment.id)
        )
    )
    return LogView(log, cycle, participant, actions_of(session, log), comments)


def released_participant(
    session: Session, actor: Person, person: Person
) -> tuple[ReviewCycle, ReviewParticipant, FeedbackLog | None]:
    """The newest released result of `person` whose conversation `actor` may log, with its log so far."""
    rows = session.execute(
        select(ReviewCycle, ReviewParticipant)
        .join(ReviewParticipant, ReviewParticipant.cycle_id == ReviewCycle.id)
        .where(
            ReviewCycle.workspace_id == actor.workspace_id,
            ReviewParticipant.person_id == person.id,
            or_(
                ReviewParticipant.released_at.is_not(None),
                ReviewCycle.status.in_([CycleStatus.RELEASED, CycleStatus.CLOSED]),
            ),
        )
        .order_by(ReviewCycle.id.desc())
    ).all()
    if not rows:
        raise NotFound(
            N_("{person} has no released review result yet: the conversation is logged after release."),
            person=person.mention,
        )
    for cycle, participant in rows:
        if can(actor, FeedbackAction.WRITE_LOG, cycle, participant):
            return cycle, participant, log_of(session, participant)
    raise NotFound(
        N_("Only the reviewing manager logs the feedback conversation, once the result is released.")
    )


@dataclass(frozen=True)
class OpenAction:
    id: int
    description: str
    kind: ActionKind
    due_on: date
    owner_id: int | None
    employee_id: int  # whose conversation it came from
    mine: bool  # the reader owns it (else they see it as the reviewing manager)


def open_actions(session: Session, person: Person, limit: int = HOME_ACTIONS) -> list[OpenAction]:
    """Actions not done that `person` owns or agreed as the reviewing manager, soonest due first."""
    rows = session.execute(
        select(DevelopmentAction, ReviewParticipant.person_id)
        .join(ReviewParticipant, ReviewParticipant.id == DevelopmentAction.participant_id)
        .where(
            DevelopmentAction.workspace_id == person.workspace_id,
            DevelopmentAction.done_at.is_(None),
            or_(DevelopmentAction.owner_id == person.id, ReviewParticipant.manager_id == person.id),
        )
        .order_by(DevelopmentAction.due_on, DevelopmentAction.id)
        .limit(limit)
    ).all()
    return [
        OpenAction(
            action.id,
            action.description,
            action.kind,
            action.due_on,
            action.owner_id,
            employee_id,
            mine=action.owner_id == person.id,
        )
        for action, employee_id in rows
    ]


@dataclass(frozen=True)
class ToLog:
    participant_id: int
    employee_id: int
    cycle_name: str


def conversations_to_log(session: Session, manager: Person, limit: int = HOME_ACTIONS) -> list[ToLog]:
    """The manager's reports whose result is released and whose one-to-one is not logged yet, oldest
    release first (one statement)."""
    rows = session.execute(
        select(ReviewParticipant.id, ReviewParticipant.person_id, ReviewCycle.name)
        .join(ReviewCycle, ReviewCycle.id == ReviewParticipant.cycle_id)
        .outerjoin(FeedbackLog, FeedbackLog.participant_id == ReviewParticipant.id)
        .where(
            ReviewParticipant.workspace_id == manager.workspace_id,
            ReviewParticipant.manager_id == manager.id,
            ReviewParticipant.released_at.is_not(None),
            ReviewCycle.status != CycleStatus.CLOSED,
            FeedbackLog.id.is_(None),
        )
        .order_by(ReviewParticipant.released_at, ReviewParticipant.id)
        .limit(limit)
    ).all()
    return [ToLog(participant_id, employee_id, name) for participant_id, employee_id, name in rows]
