"""What each person may read of appeals: the full record (appellant, HR), the statement request (the
reviewing manager: only what HR shares), the question to the employee, one's own appeals, HR's queue.

Labels are message ids or HR's own words: pass them through t() (it leaves HR's words alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals.deadlines import decision_due
from models.appeals.entities import AppealEntry, AppealRow
from models.appeals.filing import part_label, rating_label
from models.appeals.permissions import VIEW, Relation, may, relations_of
from models.appeals.records import current_rating, key, load_appeal, parties_of, trail_of
from models.appeals.states import OUTCOME_LABELS, STATE_LABELS, Action, AppealState, Outcome
from models.calendar import end_of_day, local_day
from models.errors import DomainError, NotFound, PermissionDenied
from models.goals import Goal, GoalCheckin
from models.i18n import N_
from models.people import Person
from models.reviews import ManagerReview, ReviewCycle, ReviewParticipant, SubmissionStatus, definition_of
from models.workspace import Workspace
from models.zones import zone

SYSTEM_NAME = "perfbot"
ACTION_LABELS: dict[Action, str] = {
    Action.FILE: N_("Appeal filed"),
    Action.ASSIGN: N_("Assigned"),
    Action.ASK_STATEMENT: N_("Statement asked of the manager"),
    Action.ANSWER_STATEMENT: N_("Manager's statement"),
    Action.ASK_EMPLOYEE: N_("Question to the employee"),
    Action.ANSWER_EMPLOYEE: N_("Employee's answer"),
    Action.DECIDE: N_("Decision"),
    Action.WITHDRAW: N_("Withdrawn"),
    Action.REOPEN: N_("Reopened"),
}


@dataclass(frozen=True)
class TrailItem:
    action: Action
    action_label: str
    from_state: AppealState | None
    to_state: AppealState
    at: datetime
    actor_name: str  # "perfbot" for the automatic assignment
    text: str  # the reason, question, answer or explanation (user text: show with show_user_text)
    due: date | None = None


@dataclass(frozen=True)
class Breakdown:
    formula: str  # e.g. `0.6 × 3.8 + 0.4 × 4.25 = 3.98 → 4`
    criteria: list[tuple[str, str, int | None]]  # (key, name, rating on the cycle's scale) as it stands
    goal_achievement: str | None  # percent as stored, None without goals
    final_rating: int | None
    original_final_rating: int | None  # before any appeal adjustment; None if none


@dataclass(frozen=True)
class AppealDetail:
    id: int
    cycle_id: int
    cycle_name: str
    part: str
    part_label: str
    state: AppealState
    state_label: str
    appellant_name: str
    assignee_name: str | None
    original_rating: int
    original_rating_label: str
    current_rating: int
    current_rating_label: str
    reason: str
    evidence: list[tuple[str, str]]  # (reference, label); a link's label is the link
    outcome_sought: str
    filed_at: datetime
    decision_due: date | None  # while open, in the workspace's calendar
    outcome: Outcome | None
    outcome_label: str | None
    new_rating: int | None
    explanation: str | None
    breakdown: Breakdown | None
    trail: list[TrailItem] = field(default_factory=list)
    viewer_is_appellant: bool = False
    viewer_is_assignee: bool = False


@dataclass(frozen=True)
class StatementRequest:
    appeal_id: int
    cycle_name: str
    employee_name: str
    part_label: str
    original_rating: int
    original_rating_label: str
    question: str
    reason: str | None  # only if HR shared it
    due: date | None


@dataclass(frozen=True)
class EmployeeQuestion:
    appeal_id: int
    cycle_name: str
    part_label: str
    question: str
    due: date | None


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def _evidence_labels(session: Session, appeal: AppealRow) -> list[tuple[str, str]]:
    goal_ids = [int(r.split(":", 1)[1]) for r in appeal.evidence if r.startswith("goal:")]
    checkin_ids = [int(r.split(":", 1)[1]) for r in appeal.evidence if r.startswith("checkin:")]
    goals = dict(session.execute(select(Goal.id, Goal.title).where(Goal.id.in_(goal_ids or [-1]))).all())
    checkins = {
        checkin_id: f"{title} ({at.date().isoformat()})"
        for checkin_id, title, at in session.execute(
            select(GoalCheckin.id, Goal.title, GoalCheckin.created_at)
            .join(Goal, Goal.id == GoalCheckin.goal_id)
            .where(GoalCheckin.id.in_(checkin_ids or [-1]))
        ).all()
    }
    labels = []
    for reference in appeal.evidence:
        kind, _, rest = reference.partition(":")
        if kind == "goal":
            labels.append((reference, goals.get(int(rest), "?")))
        elif kind == "checkin":
            labels.append((reference, checkins.get(int(rest), "?")))
        else:
            labels.append((reference, rest))
    return labels


def _breakdown(session: Session, cycle: ReviewCycle, participant_id: int) -> Breakdown | None:
    review = session.scalar(
        select(ManagerReview).where(
            ManagerReview.participant_id == participant_id, ManagerReview.status == SubmissionStatus.SUBMITTED
        )
    )
    if review is None or review.result is None:
        return None
    result = review.result
    lowest = int(result.get("scale_lowest", 1))
    names = {c.key: c.name for c in definition_of(cycle).criteria}
    inputs = result.get("inputs") or {}
    original = result.get("original")
    return Breakdown(
        formula=str(result.get("formula", "")),
        criteria=[
            (k, names.get(k, k), None if r is None else int(r) + lowest - 1)
            for k, r in inputs.get("criteria", [])
        ],
        goal_achievement=inputs.get("goal_achievement"),
        final_rating=review.final_rating,
        original_final_rating=int(original["final_rating"]) + lowest - 1 if original else None,
    )


def _trail(session: Session, entries: list[AppealEntry]) -> list[TrailItem]:
    names = _names(session, {entry.actor_id for entry in entries})
    return [
        TrailItem(
            e.action,
            ACTION_LABELS[e.action],
            e.from_state,
            e.to_state,
            e.at,
            SYSTEM_NAME if e.actor_id is None else names.get(e.actor_id, "?"),
            e.text,
            e.due,
        )
        for e in entries
    ]


def appeal_detail(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int, now: datetime
) -> AppealDetail:
    """The whole record, for the appellant and HR; PermissionDenied for anyone else (the manager too)."""
    appeal = load_appeal(session, workspace, appeal_id)
    participant = session.get(ReviewParticipant, appeal.participant_id)
    cycle = session.get(ReviewCycle, appeal.cycle_id)
    if participant is None or cycle is None:
        raise NotFound(N_("This appeal no longer exists."))
    parties = parties_of(session, workspace, participant)
    relations = relations_of(key(actor.id), parties, key(appeal.assignee_id) if appeal.assignee_id else None)
    if not may(VIEW, relations):
        raise PermissionDenied(N_("An appeal is seen by the person who filed it and HR only."))
    entries = trail_of(session, appeal)
    names = _names(session, {appeal.appellant_id, appeal.assignee_id})
    rating = current_rating(appeal)
    return AppealDetail(
        id=appeal.id,
        cycle_id=cycle.id,
        cycle_name=cycle.name,
        part=appeal.part,
        part_label=part_label(cycle, appeal.part),
        state=appeal.state,
        state_label=STATE_LABELS[appeal.state],
        appellant_name=names.get(appeal.appellant_id, "?"),
        assignee_name=names.get(appeal.assignee_id) if appeal.assignee_id is not None else None,
        original_rating=appeal.original_rating,
        original_rating_label=rating_label(cycle, appeal.original_rating),
        current_rating=rating,
        current_rating_label=rating_label(cycle, rating),
        reason=appeal.reason,
        evidence=_evidence_labels(session, appeal),
        outcome_sought=appeal.outcome_sought,
        filed_at=appeal.filed_at,
        decision_due=decision_due(workspace, appeal, entries, now) if appeal.is_open else None,
        outcome=appeal.outcome if appeal.state is AppealState.DECIDED else None,
        outcome_label=OUTCOME_LABELS[appeal.outcome]
        if appeal.outcome and appeal.state is AppealState.DECIDED
        else None,
        new_rating=appeal.new_rating if appeal.state is AppealState.DECIDED else None,
        explanation=appeal.explanation if appeal.state is AppealState.DECIDED else None,
        breakdown=_breakdown(session, cycle, participant.id),
        trail=_trail(session, entries),
        viewer_is_appellant=Relation.APPELLANT in relations,
        viewer_is_assignee=Relation.ASSIGNED_HR_ADMIN in relations,
    )


def _latest(entries: list[AppealEntry], action: Action) -> AppealEntry | None:
    found = [entry for entry in entries if entry.action is action]
    return found[-1] if found else None


def statement_request(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int
) -> StatementRequest:
    """What the reviewing manager is shown: the contested part, the question, the reason only if shared."""
    appeal = load_appeal(session, workspace, appeal_id)
    participant = session.get(ReviewParticipant, appeal.participant_id)
    cycle = session.get(ReviewCycle, appeal.cycle_id)
    if participant is None or cycle is None or participant.manager_id != actor.id:
        raise PermissionDenied(N_("Only the reviewing manager is asked for this statement."))
    if appeal.state is not AppealState.WAITING_FOR_STATEMENT:
        raise DomainError(N_("No statement is asked of you on this appeal any more."))
    asked = _latest(trail_of(session, appeal), Action.ASK_STATEMENT)
    names = _names(session, {appeal.appellant_id})
    return StatementRequest(
        appeal_id=appeal.id,
        cycle_name=cycle.name,
        employee_name=names.get(appeal.appellant_id, "?"),
        part_label=part_label(cycle, appeal.part),
        original_rating=appeal.original_rating,
        original_rating_label=rating_label(cycle, appeal.original_rating),
        question=asked.text if asked else "",
        reason=appeal.reason if appeal.share_reason else None,
        due=appeal.request_due,
    )


def employee_question(
    session: Session, workspace: Workspace, actor: Person, appeal_id: int
) -> EmployeeQuestion:
    """HR's question to the appellant, for their answer modal."""
    appeal = load_appeal(session, workspace, appeal_id)
    cycle = session.get(ReviewCycle, appeal.cycle_id)
    if cycle is None or appeal.appellant_id != actor.id:
        raise PermissionDenied(N_("Only the person who filed this appeal answers its questions."))
    if appeal.state is not AppealState.WAITING_FOR_EMPLOYEE:
        raise DomainError(N_("No question is waiting for your answer on this appeal."))
    asked = _latest(trail_of(session, appeal), Action.ASK_EMPLOYEE)
    return EmployeeQuestion(
        appeal.id, cycle.name, part_label(cycle, appeal.part), asked.text if asked else "", appeal.request_due
    )


def expected_by(workspace: Workspace, due: date, reader_tz: str | None) -> date:
    """The deadline day (in the workspace's zone) as a day on the reader's own calendar: its last moment."""
    ends = end_of_day(due, zone(workspace.timezone)) - timedelta(microseconds=1)
    return local_day(ends, zone(reader_tz))


def open_due(
    session: Session, workspace: Workspace, appeals: list[AppealRow], now: datetime
) -> dict[int, date]:
    """The decision deadline of each open appeal; one statement for their trails."""
    open_ids = [appeal.id for appeal in appeals if appeal.is_open]
    trails: dict[int, list[AppealEntry]] = {i: [] for i in open_ids}
    if open_ids:
        for entry in session.scalars(
            select(AppealEntry)
            .where(AppealEntry.appeal_id.in_(open_ids))
            .order_by(AppealEntry.at, AppealEntry.id)
        ):
            trails[entry.appeal_id].append(entry)
    return {a.id: decision_due(workspace, a, trails[a.id], now) for a in appeals if a.is_open}
