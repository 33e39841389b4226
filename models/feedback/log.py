"""Logging the feedback conversation: the reviewing manager records the one-to-one held after the
participant's result was released: when, notes, what was acknowledged, where to improve, and up to
three development actions. Validated field by field; audited; the employee is sent the log.

The manager may change the log until the employee acknowledges it. An action keeps its slot (0 … 2) in
the form: changing a slot changes that action (its done state stays), emptying a slot removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.audit import record
from models.errors import DomainError, Problem
from models.feedback.entities import ActionKind, DevelopmentAction, FeedbackLog
from models.feedback.messages import FeedbackMessage, cancel_reminders
from models.feedback.permissions import FeedbackAction, require
from models.i18n import N_
from models.messaging import NewMessage, enqueue_for_request
from models.people import Person
from models.reviews import ReviewCycle, ReviewParticipant
from models.zones import zone

MAX_ACTIONS = 3
MAX_TEXT = 3000
MAX_DESCRIPTION = 300


@dataclass(frozen=True)
class ActionInput:
    """One slot of the form; a slot with nothing in it is no action."""

    description: str = ""
    owner_id: int | None = None
    kind: str | None = None
    due_on: date | None = None
    owner_unknown: bool = False  # someone was chosen whom perfbot does not know in this workspace

    @property
    def empty(self) -> bool:
        return not self.description.strip() and self.owner_id is None and not self.kind and not self.due_on


@dataclass(frozen=True)
class FeedbackInput:
    held_on: date | None = None
    notes: str = ""
    strengths: str = ""
    improve: str = ""
    actions: list[ActionInput] = field(default_factory=list)


@dataclass
class LogChange:
    log: FeedbackLog
    created: bool
    messages: list[int] = field(default_factory=list)  # outbox rows to deliver after the ack


def log_of(session: Session, participant: ReviewParticipant) -> FeedbackLog | None:
    return session.scalar(select(FeedbackLog).where(FeedbackLog.participant_id == participant.id))


def actions_of(session: Session, log: FeedbackLog) -> list[DevelopmentAction]:
    return list(
        session.scalars(
            select(DevelopmentAction)
            .where(DevelopmentAction.log_id == log.id)
            .order_by(DevelopmentAction.position, DevelopmentAction.id)
        )
    )


def _text_problems(data: FeedbackInput) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("notes", "strengths", "improve"):
        if len(getattr(data, name)) > MAX_TEXT:
            problems.append(Problem(N_("Keep it under {limit} characters."), name, {"limit": MAX_TEXT}))
    if not (data.notes.strip() or data.strengths.strip() or data.improve.strip()):
        problems.append(
            Problem(
                N_("Write at least one of: notes, what was acknowledged, where to improve."),
                "notes",
            )
        )
    return problems


def _action_problems(index: int, action: ActionInput, held_on: date | None) -> list[Problem]:
    at = f"action:{index}:"
    problems: list[Problem] = []
    if not action.description.strip():
        problems.append(Problem(N_("Describe the action in a few words."), at + "description"))
    elif len(action.description) > MAX_DESCRIPTION:
        problems.append(
            Problem(N_("Keep it under {limit} characters."), at + "description", {"limit": MAX_DESCRIPTION})
        )
    if action.owner_unknown:
        problems.append(Problem(N_("perfbot does not know this person in this workspace."), at + "owner"))
    elif action.owner_id is None:
        problems.append(Problem(N_("Choose who owns the action."), at + "owner"))
    if action.kind not in {kind.value for kind in ActionKind}:
        problems.append(Problem(N_("Choose the kind of action."), at + "kind"))
    if action.due_on is None:
        problems.append(Problem(N_("Choose a due date."), at + "due"))
    elif held_on is not None and action.due_on <= held_on:
        problems.append(Problem(N_("The due date comes after the conversation."), at + "due"))
    return problems


def check_input(data: FeedbackInput, today: date) -> list[Problem]:
    """Every problem of the form, each on its field; `today` is the writer's date."""
    problems: list[Problem] = []
    if data.held_on is None:
        problems.append(Problem(N_("Choose the day the conversation took place."), "held_on"))
    elif data.held_on > today:
        problems.append(
            Problem(N_("Log a conversation once it has taken place: not a future date."), "held_on")
        )
    problems += _text_problems(data)
    if len(data.actions) > MAX_ACTIONS:
        problems.append(Problem(N_("At most {limit} actions."), None, {"limit": MAX_ACTIONS}))
    for index, action in enumerate(data.actions[:MAX_ACTIONS]):
        if not action.empty:
            problems += _action_problems(index, action, data.held_on)
    return problems


def _owners_known(session: Session, workspace_id: int, data: FeedbackInput) -> FeedbackInput:
    """The input with every owner checked against the workspace's active people."""
    ids = {a.owner_id for a in data.actions if a.owner_id is not None}
    known = set(
        session.scalars(
            select(Person.id).where(Person.id.in_(ids), Person.workspace_id == workspace_id, Person.active)
        )
        if ids
        else []
    )
    actions = [
        a
        if a.owner_id is None or a.owner_id in known
        else ActionInput(a.description, None, a.kind, a.due_on, owner_unknown=True)
        for a in data.actions
    ]
    return FeedbackInput(data.held_on, data.notes, data.strengths, data.improve, actions)


def log_feedback(
    session: Session,
    actor: Person,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    data: FeedbackInput,
    now: datetime,
) -> LogChange:
    """Write (or change, until acknowledged) the log of the conversation; the employee is sent it."""
    require(actor, FeedbackAction.WRITE_LOG, cycle, participant)
    existing = log_of(session, participant)
    if existing is not None and existing.acknowledged_at is not None:
        raise DomainError(
            N_("The employee acknowledged this log, so it stands as it is. They can still add comments.")
        )
    data = _owners_known(session, cycle.workspace_id, data)
    problems = check_input(data, now.astimezone(zone(actor.tz)).date())
    if problems:
        raise DomainError.of(problems)
    assert data.held_on is not None
    log = existing or FeedbackLog(
        workspace_id=cycle.workspace_id, cycle_id=cycle.id, participant_id=participant.id, created_at=now
    )
    before = None if existing is None else _summary(session, existing)
    log.author_id = actor.id
    log.held_on = data.held_on
    log.notes = data.notes.strip()
    log.strengths = data.strengths.strip()
    log.improve = data.improve.strip()
    log.updated_at = now
    if existing is None:
        session.add(log)
    session.flush()
    _save_actions(session, log, participant, data, now)
    record(
        session,
        workspace_id=cycle.workspace_id,
        actor_id=actor.id,
        action="feedback.log" if existing is None else "feedback.change",
        entity_type="feedback_log",
        entity_id=log.id,
        before=before,
        after=_summary(session, log),
    )
    change = LogChange(log, created=existing is None)
    change.messages = enqueue_for_request(
        session,
        [
            NewMessage(
                workspace_id=cycle.workspace_id,
                person_id=participant.person_id,
                subject_id=participant.person_id,
                kind=FeedbackMessage.LOGGED,
                not_before=now,
                dedupe_key=f"feedback:{log.id}:logged:{now.isoformat()}",
                payload={"log_id": log.id, "changed": existing is not None},
            )
        ],
        now,
    )
    return change


def _save_actions(
    session: Session, log: FeedbackLog, participant: ReviewParticipant, data: FeedbackInput, now: datetime
) -> None:
    by_slot = {action.position: action for action in actions_of(session, log)}
    gone: list[int] = []
    for index in range(MAX_ACTIONS):
        wanted = data.actions[index] if index < len(data.actions) else ActionInput()
        current = by_slot.get(index)
        if wanted.empty:
            if current is not None:
                gone.append(current.id)
            continue
        assert wanted.owner_id is not None and wanted.kind is not None and wanted.due_on is not None
        action = current or DevelopmentAction(
            workspace_id=log.workspace_id,
            log_id=log.id,
            participant_id=participant.id,
            position=index,
            created_at=now,
        )
        action.owner_id = wanted.owner_id
        action.kind = ActionKind(wanted.kind)
        action.description = wanted.description.strip()
        action.due_on = wanted.due_on
        if current is None:
            session.add(action)
    if gone:
        for action_id in gone:
            cancel_reminders(session, log.workspace_id, action_id, "the action was removed from the log", now)
        session.execute(delete(DevelopmentAction).where(DevelopmentAction.id.in_(gone)))
    session.flush()


def _summary(session: Session, log: FeedbackLog) -> dict[str, object]:
    """What the audit keeps of a log: dates and the actions' shape, never the conversation's text."""
    return {
        "held_on": log.held_on.isoformat(),
        "actions": [
            {"owner_id": a.owner_id, "kind": a.kind.value, "due_on": a.due_on.isoformat()}
            for a in actions_of(session, log)
        ],
    }
