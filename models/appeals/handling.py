"""HR handles an appeal: assignment by the HR lead, a statement from the manager, a question to the
employee, their answers, the decision (an adjustment recomputes the result), withdrawal, reopening.

Each operation lets the pure machine decide and writes its step (records.apply_step); the words of
each step (question, answer, explanation) join the appeal's trail, and the people concerned are
told through the outbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from models.appeals import machine
from models.appeals.adjustment import apply_decision
from models.appeals.deadlines import clock_start, working_days_taken
from models.appeals.entities import AppealRow
from models.appeals.filing import assign_in_turn
from models.appeals.messages import AppealMessage, queue
from models.appeals.permissions import SYSTEM_ACTOR, Parties, assignable
from models.appeals.records import apply_step, key, load_appeal, parties_of, trail_of, value_of
from models.appeals.settings import appeal_settings
from models.appeals.states import Action, Outcome
from models.errors import DomainError, NotFound, Problem
from models.i18n import N_
from models.people import Person
from models.reviews import ReviewParticipant
from models.workspace import Workspace
from models.zones import zone

MAX_TEXT = 3000
MAX_REQUEST_DAYS = 60
# The machine names some fields after its own words; the modals use these.
_FIELDS = {"statement": "answer", "new_rating": "rating"}


@contextmanager
def _modal_fields() -> Iterator[None]:
    try:
        yield
    except DomainError as error:
        error.problems = [
            Problem(p.message, _FIELDS.get(p.field or "", p.field), p.params) for p in error.problems
        ]
        raise


def _context(
    session: Session, workspace: Workspace, appeal_id: int
) -> tuple[AppealRow, ReviewParticipant, Parties]:
    appeal = load_appeal(session, workspace, appeal_id, lock=True)
    participant = session.get(ReviewParticipant, appeal.participant_id)
    if participant is None:
        raise NotFound(N_("This appeal no longer exists."))
    return appeal, participant, parties_of(session, workspace, participant)


def _text(text: str, field: str) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise DomainError(N_("Keep it under {limit} characters."), field=field, limit=MAX_TEXT)
    return text


def _check_due(due: date, actor: Person, now: datetime) -> None:
    today = now.astimezone(zone(actor.tz)).date()
    if not today < due <= today + timedelta(days=MAX_REQUEST_DAYS):
        raise DomainError(
            N_("Choose a day after today and within {days} days."), field="due", days=MAX_REQUEST_DAYS
        )


def _run(step: Callable[[], machine.Step]) -> machine.Step:
    with _modal_fields():
        return step()


def assign_appeal(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int, assignee_id: int, now: datetime
) -> AppealRow:
    """The HR lead gives the appeal to an HR admin with no part in the rating."""
    appeal, _, parties = _context(session, workspace, appeal_id)
    step = _run(
        lambda: machine.assign(
            value_of(appeal), actor=key(actor.id), parties=parties, assignee=key(assignee_id), at=now
        )
    )
    apply_step(session, appeal, step, now)
    appeal.messages = tuple(
        queue(session, appeal, AppealMessage.ASSIGNED, [assignee_id], f"assigned:{now.isoformat()}", now)
    )
    return appeal


def ask_statement(
    session: Session,
    workspace: Workspace,
    actor: Person,
    appeal_id: int,
    question: str,
    share_reason: bool,
    due: date,
    now: datetime,
) -> AppealRow:
    """Ask the reviewing manager for a written statement; the reason goes along only if shared."""
    appeal, participant, parties = _context(session, workspace, appeal_id)
    question = _text(question, "question")
    step = _run(
        lambda: machine.ask_statement(
            value_of(appeal),
            actor=key(actor.id),
            parties=parties,
            at=now,
            question=question,
            share_reason=share_reason,
        )
    )
    _check_due(due, actor, now)
    appeal.share_reason = share_reason
    appeal.request_due = due
    entry = apply_step(session, appeal, step, now, due=due)
    session.flush()
    appeal.messages = tuple(
        queue(
            session,
            appeal,
            AppealMessage.STATEMENT_REQUEST,
            [participant.manager_id],
            f"statement:{entry.id}",
            now,
        )
    )
    return appeal


def answer_statement(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int, answer: str, now: datetime
) -> AppealRow:
    appeal, _, parties = _context(session, workspace, appeal_id)
    answer = _text(answer, "answer")
    step = _run(
        lambda: machine.answer_statement(
            value_of(appeal), actor=key(actor.id), parties=parties, at=now, statement=answer
        )
    )
    return _answered(session, appeal, step, now)


def ask_employee(
    session: Session,
    workspace: Workspace,
    actor: Person,
    appeal_id: int,
    question: str,
    due: date,
    now: datetime,
) -> AppealRow:
    """Ask the appellant a question; their answer joins the record."""
    appeal, _, parties = _context(session, workspace, appeal_id)
    question = _text(question, "question")
    step = _run(
        lambda: machine.ask_employee(
            value_of(appeal), actor=key(actor.id), parties=parties, at=now, question=question
        )
    )
    _check_due(due, actor, now)
    appeal.request_due = due
    entry = apply_step(session, appeal, step, now, due=due)
    session.flush()
    appeal.messages = tuple(
        queue(session, appeal, AppealMessage.QUESTION, [appeal.appellant_id], f"question:{entry.id}", now)
    )
    return appeal


def answer_employee(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int, answer: str, now: datetime
) -> AppealRow:
    appeal, _, parties = _context(session, workspace, appeal_id)
    answer = _text(answer, "answer")
    step = _run(
        lambda: machine.answer_employee(
            value_of(appeal), actor=key(actor.id), parties=parties, at=now, answer=answer
        )
    )
    return _answered(session, appeal, step, now)


def _answered(session: Session, appeal: AppealRow, step: machine.Step, now: datetime) -> AppealRow:
    appeal.request_due = None
    entry = apply_step(session, appeal, step, now)
    session.flush()
    statement = step.audit.action is Action.ANSWER_STATEMENT
    appeal.messages = tuple(
        queue(
            session,
            appeal,
            AppealMessage.ANSWERED,
            [appeal.assignee_id],
            f"answered:{entry.id}",
            now,
            statement=statement,
        )
    )
    return appeal


def decide_appeal(
    session: Session,
    workspace: Workspace,
    actor: Person,
    appeal_id: int,
    outcome: Outcome,
    explanation: str,
    new_rating: int | None,
    now: datetime,
) -> AppealRow:
    """Upheld, adjusted or rejected, explained. An adjustment recomputes the result, keeping the original.

    `new_rating` is on the cycle's scale. The appellant is told the decision and its reasoning, the
    reviewing manager the outcome only.
    """
    appeal, participant, parties = _context(session, workspace, appeal_id)
    explanation = _text(explanation, "explanation")
    machine_rating = None if new_rating is None else new_rating - appeal.scale_lowest + 1
    step = _run(
        lambda: machine.decide(
            value_of(appeal),
            actor=key(actor.id),
            parties=parties,
            at=now,
            outcome=Outcome(outcome),
            explanation=explanation,
            new_rating=machine_rating,
        )
    )
    if (
        step.appeal.decision is not None
        and step.appeal.decision.new_rating is None
        and new_rating is not None
    ):
        raise DomainError(N_("Only an adjustment changes the rating."), field="rating")
    entries = trail_of(session, appeal)
    settings = appeal_settings(workspace)
    entry = apply_step(session, appeal, step, now)
    appeal.request_due = None
    appeal.working_days_to_decision = working_days_taken(
        workspace, clock_start(appeal, entries), now, settings
    )
    apply_decision(session, workspace, actor, appeal, participant, now)
    session.flush()
    messages = queue(
        session, appeal, AppealMessage.DECIDED, [appeal.appellant_id], f"decided:{entry.id}", now
    )
    messages += queue(
        session, appeal, AppealMessage.OUTCOME, [participant.manager_id], f"outcome:{entry.id}", now
    )
    appeal.messages = tuple(messages)
    return appeal


def withdraw_appeal(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int, now: datetime
) -> AppealRow:
    """The appellant withdraws, before a decision."""
    appeal, _, parties = _context(session, workspace, appeal_id)
    step = _run(lambda: machine.withdraw(value_of(appeal), actor=key(actor.id), parties=parties, at=now))
    appeal.request_due = None
    entry = apply_step(session, appeal, step, now)
    session.flush()
    appeal.messages = tuple(
        queue(session, appeal, AppealMessage.WITHDRAWN, [appeal.assignee_id], f"withdrawn:{entry.id}", now)
    )
    return appeal


def reopen_appeal(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int, reason: str, now: datetime
) -> AppealRow:
    """HR reopens a decided appeal; it goes back to its assignee (or the next HR admin in turn), and the
    decision stays in force until the new one."""
    appeal, _, parties = _context(session, workspace, appeal_id)
    reason = _text(reason, "reason")
    step = _run(
        lambda: machine.reopen(value_of(appeal), actor=key(actor.id), parties=parties, at=now, reason=reason)
    )
    entry = apply_step(session, appeal, step, now)
    session.flush()
    messages = queue(
        session, appeal, AppealMessage.REOPENED, [appeal.appellant_id], f"reopened:{entry.id}", now
    )
    previous = key(appeal.assignee_id) if appeal.assignee_id is not None else None
    if previous is not None and assignable(previous, parties):
        again = machine.assign(
            value_of(appeal), actor=SYSTEM_ACTOR, parties=parties, assignee=previous, at=now
        )
        apply_step(session, appeal, again, now, details={"kept": True})
        messages += queue(
            session, appeal, AppealMessage.ASSIGNED, [appeal.assignee_id], f"assigned:{now.isoformat()}", now
        )
    else:
        messages += assign_in_turn(session, workspace, appeal, parties, now)
    appeal.messages = tuple(messages)
    return appeal
