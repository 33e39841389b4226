"""What follows the log: the employee comments on it (the manager is told) and acknowledges it
(acknowledging says they saw it and the conversation took place, not that they agree; the manager is
told); a development action is marked done by its owner or the reviewing manager. All audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from models.audit import record
from models.errors import DomainError, NotFound, Problem
from models.feedback.entities import DevelopmentAction, FeedbackComment, FeedbackLog
from models.feedback.messages import FeedbackMessage, cancel_reminders
from models.feedback.permissions import FeedbackAction, require
from models.i18n import N_
from models.messaging import NewMessage, enqueue_for_request
from models.people import Person
from models.reviews import ReviewCycle, ReviewParticipant

MAX_COMMENT = 3000


@dataclass(frozen=True)
class LogContext:
    log: FeedbackLog
    cycle: ReviewCycle
    participant: ReviewParticipant


@dataclass
class Change:
    messages: list[int] = field(default_factory=list)  # outbox rows to deliver after the ack


def find_log(session: Session, actor: Person, log_id: int, action: FeedbackAction) -> LogContext:
    """The log, its cycle and participant, if `actor` may do `action` on it."""
    log = session.get(FeedbackLog, log_id)
    if log is None or log.workspace_id != actor.workspace_id:
        raise NotFound(N_("That feedback conversation is no longer available."))
    cycle = session.get(ReviewCycle, log.cycle_id)
    participant = session.get(ReviewParticipant, log.participant_id)
    if cycle is None or participant is None:
        raise NotFound(N_("That feedback conversation is no longer available."))
    require(actor, action, cycle, participant)
    return LogContext(log, cycle, participant)


def _tell_manager(
    session: Session, found: LogContext, kind: FeedbackMessage, key: str, now: datetime, **payload: int
) -> list[int]:
    manager_id = found.participant.manager_id
    if manager_id is None:
        return []
    return enqueue_for_request(
        session,
        [
            NewMessage(
                workspace_id=found.log.workspace_id,
                person_id=manager_id,
                subject_id=found.participant.person_id,
                kind=kind,
                not_before=now,
                dedupe_key=key,
                payload={"log_id": found.log.id, **payload},
            )
        ],
        now,
    )


def comment_on_log(session: Session, actor: Person, log_id: int, text: str, now: datetime) -> Change:
    found = find_log(session, actor, log_id, FeedbackAction.COMMENT)
    if not text.strip():
        raise DomainError.of([Problem(N_("Write your comment."), "comment")])
    if len(text) > MAX_COMMENT:
        raise DomainError.of(
            [Problem(N_("Keep it under {limit} characters."), "comment", {"limit": MAX_COMMENT})]
        )
    comment = FeedbackComment(
        workspace_id=found.log.workspace_id,
        log_id=found.log.id,
        author_id=actor.id,
        text=text.strip(),
        created_at=now,
    )
    session.add(comment)
    session.flush()
    record(
        session,
        workspace_id=found.log.workspace_id,
        actor_id=actor.id,
        action="feedback.comment",
        entity_type="feedback_log",
        entity_id=found.log.id,
        after={"comment_id": comment.id},
    )
    key = f"feedback:{found.log.id}:comment:{comment.id}"
    return Change(_tell_manager(session, found, FeedbackMessage.COMMENTED, key, now, comment_id=comment.id))


def acknowledge_log(session: Session, actor: Person, log_id: int, now: datetime) -> Change:
    found = find_log(session, actor, log_id, FeedbackAction.ACKNOWLEDGE)
    if found.log.acknowledged_at is not None:
        return Change()  # acknowledged already: nothing changes, nobody is told twice
    found.log.acknowledged_at = now
    record(
        session,
        workspace_id=found.log.workspace_id,
        actor_id=actor.id,
        action="feedback.acknowledge",
        entity_type="feedback_log",
        entity_id=found.log.id,
        after={"acknowledged_at": now.isoformat()},
    )
    session.flush()
    key = f"feedback:{found.log.id}:acknowledged"
    return Change(_tell_manager(session, found, FeedbackMessage.ACKNOWLEDGED, key, now))


def mark_done(session: Session, actor: Person, action_id: int, now: datetime) -> DevelopmentAction:
    """The owner or the reviewing manager marks the action done; its reminders still queued are cancelled."""
    action = session.get(DevelopmentAction, action_id)
    if action is None or action.workspace_id != actor.workspace_id:
        raise NotFound(N_("That development action is no longer available."))
    log = session.get(FeedbackLog, action.log_id)
    cycle = session.get(ReviewCycle, log.cycle_id) if log is not None else None
    participant = session.get(ReviewParticipant, action.participant_id)
    if cycle is None or participant is None:
        raise NotFound(N_("That development action is no longer available."))
    require(actor, FeedbackAction.MARK_DONE, cycle, participant, action.owner_id)
    if action.done_at is not None:
        return action
    action.done_at = now
    action.done_by_id = actor.id
    cancel_reminders(session, action.workspace_id, action.id, "the action was marked done", now)
    record(
        session,
        workspace_id=action.workspace_id,
        actor_id=actor.id,
        action="feedback.action_done",
        entity_type="development_action",
        entity_id=action.id,
        after={"done_at": now.isoformat()},
    )
    session.flush()
    return action
