"""An appeal as a value, and each transition as a pure function returning the new value and its audit record.

Every function checks, in this order: may this person do this (PermissionDenied), may it be done
in the appeal's state (DomainError), is the input complete (DomainError on its field). Nothing is
returned half-done: either a new appeal and the record of how it got there, or a refusal. The
original rating is carried unchanged through every step; an adjusted rating is kept beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from models.appeals.permissions import Parties, assignable, may, relations_of
from models.appeals.states import OPEN_STATES, TRANSITIONS, Action, AppealState, Outcome
from models.errors import DomainError, PermissionDenied
from models.i18n import N_

MIN_REASON_LENGTH = 30


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    decided_by: str
    at: datetime
    new_rating: int | None = None  # only for an adjustment
    explanation: str = field(default="", repr=False)  # free text stays out of logs and reprs


@dataclass(frozen=True)
class Appeal:
    appellant: str
    part: str  # "overall" or a criterion key (see models.reviews.scoring.OVERALL)
    original_rating: int
    levels: int  # the cycle's scale, for a new rating
    state: AppealState
    assignee: str | None = None
    decision: Decision | None = None
    earlier_decisions: tuple[Decision, ...] = ()  # decisions undone by a reopening, oldest first

    @property
    def current_rating(self) -> int:
        """The rating of the contested part as it stands: the latest decision's, the original without one.

        While a reopened appeal awaits its new decision, the last decision stays in force.
        """
        latest = self.decision or (self.earlier_decisions[-1] if self.earlier_decisions else None)
        if latest is not None and latest.outcome is Outcome.ADJUSTED and latest.new_rating is not None:
            return latest.new_rating
        return self.original_rating

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class AuditRecord:
    """Who did what, when, from which state to which, and why (the why is never logged)."""

    actor: str
    action: Action
    from_state: AppealState | None
    to_state: AppealState
    at: datetime
    reason: str = field(default="", repr=False)
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Step:
    appeal: Appeal
    audit: AuditRecord


def filing_refusal(same_part: Iterable[Appeal]) -> str | None:
    """Why a new appeal on a result part must be refused (a message id), given the part's earlier appeals."""
    earlier = list(same_part)
    if any(appeal.is_open for appeal in earlier):
        return N_("An appeal on this part is already open.")
    if any(appeal.state is AppealState.DECIDED for appeal in earlier):
        return N_("This part has been decided; only HR can reopen its appeal.")
    return None


def file_appeal(
    *,
    actor: str,
    parties: Parties,
    part: str,
    original_rating: int,
    levels: int,
    reason: str,
    at: datetime,
    same_part: Iterable[Appeal] = (),
) -> Step:
    """A new appeal by the appellant. Release and the appeal window are checked where the result is known."""
    if not may(Action.FILE, relations_of(actor, parties, None)):
        raise PermissionDenied(N_("Only the person whose result it is can appeal it."))
    refusal = filing_refusal(same_part)
    if refusal is not None:
        raise DomainError(refusal, field="part")
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            N_("Say why in at least {minimum} characters."), field="reason", minimum=MIN_REASON_LENGTH
        )
    appeal = Appeal(parties.appellant, part, original_rating, levels, AppealState.SUBMITTED)
    return Step(appeal, AuditRecord(actor, Action.FILE, None, AppealState.SUBMITTED, at, reason))


def _authorise(appeal: Appeal, action: Action, actor: str, parties: Parties) -> AppealState:
    """The state `action` leads to, once the actor and the current state allow it."""
    if appeal.appellant != parties.appellant:
        raise DomainError(N_("These are not the people of this appeal."))
    if not may(action, relations_of(actor, parties, appeal.assignee)):
        raise PermissionDenied(N_("You cannot do this on this appeal."))
    target = TRANSITIONS[action].get(appeal.state)
    if target is None:
        raise DomainError(N_("This cannot be done at the appeal's current stage."), state=appeal.state.value)
    return target


def _step(
    appeal: Appeal,
    action: Action,
    actor: str,
    target: AppealState,
    at: datetime,
    reason: str = "",
    **details: object,
) -> Step:
    record = AuditRecord(
        actor,
        action,
        appeal.state,
        target,
        at,
        reason,
        tuple((key, str(value)) for key, value in details.items()),
    )
    return Step(replace(appeal, state=target), record)


def _required(text: str, field_name: str) -> str:
    text = text.strip()
    if not text:
        raise DomainError(N_("Write a few words here."), field=field_name)
    return text


def assign(
    appeal: Appeal, *, actor: str, parties: Parties, assignee: str, at: datetime, reason: str = ""
) -> Step:
    target = _authorise(appeal, Action.ASSIGN, actor, parties)
    if not assignable(assignee, parties):
        raise DomainError(
            N_(
                "An appeal goes to an HR admin with no part in the rating: "
                "not the employee, their manager or anyone above them."
            ),
            field="assignee",
        )
    step = _step(appeal, Action.ASSIGN, actor, target, at, reason.strip(), assignee=assignee)
    return Step(replace(step.appeal, assignee=assignee), step.audit)


def ask_statement(
    appeal: Appeal, *, actor: str, parties: Parties, at: datetime, question: str, share_reason: bool = False
) -> Step:
    """Ask the reviewing manager for a statement; the appellant's reason goes along only if HR shares it."""
    target = _authorise(appeal, Action.ASK_STATEMENT, actor, parties)
    if parties.reviewing_manager is None:
        raise DomainError(N_("This result has no reviewing manager to ask."))
    question = _required(question, "question")
    return _step(appeal, Action.ASK_STATEMENT, actor, target, at, question, share_reason=share_reason)


def answer_statement(appeal: Appeal, *, actor: str, parties: Parties, at: datetime, statement: str) -> Step:
    target = _authorise(appeal, Action.ANSWER_STATEMENT, actor, parties)
    return _step(appeal, Action.ANSWER_STATEMENT, actor, target, at, _required(statement, "statement"))


def ask_employee(appeal: Appeal, *, actor: str, parties: Parties, at: datetime, question: str) -> Step:
    target = _authorise(appeal, Action.ASK_EMPLOYEE, actor, parties)
    return _step(appeal, Action.ASK_EMPLOYEE, actor, target, at, _required(question, "question"))


def answer_employee(appeal: Appeal, *, actor: str, parties: Parties, at: datetime, answer: str) -> Step:
    target = _authorise(appeal, Action.ANSWER_EMPLOYEE, actor, parties)
    return _step(appeal, Action.ANSWER_EMPLOYEE, actor, target, at, _required(answer, "answer"))


def decide(
    appeal: Appeal,
    *,
    actor: str,
    parties: Parties,
    at: datetime,
    outcome: Outcome,
    explanation: str,
    new_rating: int | None = None,
) -> Step:
    """Upheld, adjusted (with a new rating for the contested part) or rejected, each explained."""
    target = _authorise(appeal, Action.DECIDE, actor, parties)
    if outcome is Outcome.ADJUSTED:
        if new_rating is None or isinstance(new_rating, bool) or not 1 <= new_rating <= appeal.levels:
            raise DomainError(
                N_("Choose the new rating, from 1 to {levels}."), field="new_rating", levels=appeal.levels
            )
        if new_rating == appeal.original_rating:
            raise DomainError(
                N_("The new rating is the original one; to keep it, uphold the appeal."), field="new_rating"
            )
    elif new_rating is not None:
        raise DomainError(N_("Only an adjustment changes the rating."), field="new_rating")
    explanation = _required(explanation, "explanation")
    decision = Decision(outcome, actor, at, new_rating, explanation)
    details: dict[str, object] = {"outcome": outcome.value, "original_rating": appeal.original_rating}
    if new_rating is not None:
        details["new_rating"] = new_rating
    step = _step(appeal, Action.DECIDE, actor, target, at, explanation, **details)
    return Step(replace(step.appeal, decision=decision), step.audit)


def withdraw(appeal: Appeal, *, actor: str, parties: Parties, at: datetime, reason: str = "") -> Step:
    """Only the appellant, and only before a decision."""
    target = _authorise(appeal, Action.WITHDRAW, actor, parties)
    return _step(appeal, Action.WITHDRAW, actor, target, at, reason.strip())


def reopen(appeal: Appeal, *, actor: str, parties: Parties, at: datetime, reason: str) -> Step:
    """HR reopens a decided appeal; its decision moves to `earlier_decisions`, in force until a new one."""
    target = _authorise(appeal, Action.REOPEN, actor, parties)
    reason = _required(reason, "reason")
    earlier = appeal.earlier_decisions + ((appeal.decision,) if appeal.decision else ())
    step = _step(appeal, Action.REOPEN, actor, target, at, reason)
    return Step(replace(step.appeal, decision=None, earlier_decisions=earlier), step.audit)
