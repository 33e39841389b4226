"""Lists of appeals: the appellant's own, HR's queue (oldest first, working days left), the per-cycle
figures, and the export rows (no free text, no names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals.deadlines import working_days_left
from models.appeals.entities import AppealRow
from models.appeals.filing import part_label
from models.appeals.permissions import VIEW, may, relations_of
from models.appeals.records import hr_admin_ids, key, parties_from, reporting_lines
from models.appeals.settings import appeal_settings
from models.appeals.states import OPEN_STATES, OUTCOME_LABELS, STATE_LABELS, AppealState, Outcome
from models.appeals.views import expected_by, open_due
from models.errors import NotFound, PermissionDenied
from models.i18n import N_
from models.people import Person, Role
from models.reviews import ReviewCycle, ReviewParticipant
from models.workspace import Workspace


@dataclass(frozen=True)
class AppealSummary:
    id: int
    cycle_name: str
    part: str
    part_label: str
    state: AppealState
    state_label: str
    expected_by: date | None  # by when to expect an answer, on the appellant's own calendar; None once closed
    outcome: Outcome | None
    outcome_label: str | None
    waiting_for_me: bool  # HR asked the appellant a question


@dataclass(frozen=True)
class QueueItem:
    id: int
    cycle_name: str
    part_label: str
    state: AppealState
    state_label: str
    assignee_name: str | None
    appellant_name: str
    filed_at: datetime
    decision_due: date
    working_days_left: int  # 0 on the day, negative once overdue

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0


@dataclass(frozen=True)
class AppealStats:
    cycle_id: int
    count: int
    decided: int
    adjusted: int
    share_adjusted: Decimal | None  # of the decided ones, 0–1 to two places; None before any decision
    median_working_days: Decimal | None  # to decision


def _cycles(session: Session, ids: set[int]) -> dict[int, ReviewCycle]:
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(ReviewCycle).where(ReviewCycle.id.in_(ids)))}


def my_appeals(session: Session, workspace: Workspace, actor: Person, now: datetime) -> list[AppealSummary]:
    appeals = list(
        session.scalars(
            select(AppealRow)
            .where(AppealRow.workspace_id == workspace.id, AppealRow.appellant_id == actor.id)
            .order_by(AppealRow.filed_at.desc(), AppealRow.id.desc())
        )
    )
    cycles = _cycles(session, {a.cycle_id for a in appeals})
    due = open_due(session, workspace, appeals, now)
    decided = AppealState.DECIDED
    return [
        AppealSummary(
            id=a.id,
            cycle_name=cycles[a.cycle_id].name,
            part=a.part,
            part_label=part_label(cycles[a.cycle_id], a.part),
            state=a.state,
            state_label=STATE_LABELS[a.state],
            expected_by=expected_by(workspace, due[a.id], actor.tz) if a.id in due else None,
            outcome=a.outcome if a.state is decided else None,
            outcome_label=OUTCOME_LABELS[a.outcome] if a.outcome and a.state is decided else None,
            waiting_for_me=a.state is AppealState.WAITING_FOR_EMPLOYEE,
        )
        for a in appeals
    ]


def _require_hr(actor: Person, workspace: Workspace) -> None:
    if actor.workspace_id != workspace.id or actor.role is not Role.HR_ADMIN:
        raise PermissionDenied(N_("Only HR admins see the appeals queue and figures."))


def hr_queue(session: Session, workspace: Workspace, actor: Person, now: datetime) -> list[QueueItem]:
    """Open appeals, oldest first; an appeal the actor has a part in (their own, a report's) is left out."""
    _require_hr(actor, workspace)
    rows = session.execute(
        select(AppealRow, ReviewParticipant)
        .join(ReviewParticipant, ReviewParticipant.id == AppealRow.participant_id)
        .where(AppealRow.workspace_id == workspace.id, AppealRow.state.in_(list(OPEN_STATES)))
        .order_by(AppealRow.filed_at, AppealRow.id)
    ).all()
    if not rows:  # the usual Home of an HR admin: nothing more to read
        return []
    settings = appeal_settings(workspace)
    managers, admins = reporting_lines(session, workspace), hr_admin_ids(session, workspace)
    visible = []
    for appeal, participant in rows:
        parties = parties_from(participant, managers, admins, settings)
        assignee = key(appeal.assignee_id) if appeal.assignee_id is not None else None
        if may(VIEW, relations_of(key(actor.id), parties, assignee)):
            visible.append(appeal)
    cycles = _cycles(session, {a.cycle_id for a in visible})
    due = open_due(session, workspace, visible, now)
    names = dict(
        session.execute(
            select(Person.id, Person.name).where(
                Person.id.in_(
                    {a.assignee_id for a in visible if a.assignee_id} | {a.appellant_id for a in visible}
                )
            )
        ).all()
    )
    return [
        QueueItem(
            id=a.id,
            cycle_name=cycles[a.cycle_id].name,
            part_label=part_label(cycles[a.cycle_id], a.part),
            state=a.state,
            state_label=STATE_LABELS[a.state],
            assignee_name=names.get(a.assignee_id) if a.assignee_id is not None else None,
            appellant_name=names.get(a.appellant_id, "?"),
            filed_at=a.filed_at,
            decision_due=due[a.id],
            working_days_left=working_days_left(workspace, due[a.id], now, settings),
        )
        for a in visible
    ]


def _cycle_of(session: Session, workspace: Workspace, cycle_id: int) -> ReviewCycle:
    cycle = session.get(ReviewCycle, cycle_id)
    if cycle is None or cycle.workspace_id != workspace.id:
        raise NotFound(N_("There is no review cycle {cycle_id}."), cycle_id=cycle_id)
    return cycle


def appeal_stats(session: Session, workspace: Workspace, actor: Person | None, cycle_id: int) -> AppealStats:
    """Count, share adjusted (of decided) and median working days to decision; `actor` None: the CLI."""
    if actor is not None:
        _require_hr(actor, workspace)
    _cycle_of(session, workspace, cycle_id)
    rows = session.execute(
        select(AppealRow.state, AppealRow.outcome, AppealRow.working_days_to_decision).where(
            AppealRow.workspace_id == workspace.id, AppealRow.cycle_id == cycle_id
        )
    ).all()
    decided = [(outcome, days) for state, outcome, days in rows if state is AppealState.DECIDED]
    adjusted = sum(1 for outcome, _ in decided if outcome is Outcome.ADJUSTED)
    days = [d for _, d in decided if d is not None]
    cent = Decimal("0.01")
    return AppealStats(
        cycle_id=cycle_id,
        count=len(rows),
        decided=len(decided),
        adjusted=adjusted,
        share_adjusted=(Decimal(adjusted) / len(decided)).quantize(cent, ROUND_HALF_UP) if decided else None,
        median_working_days=Decimal(str(median(days))).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if days
        else None,
    )


EXPORT_HEADER = ["part", "state", "working_days_to_decision", "outcome"]


def export_rows(session: Session, workspace: Workspace, cycle_id: int) -> list[list[str | int | None]]:
    """One row per appeal of the cycle: part, state, working days to decision, outcome. No text, no names."""
    _cycle_of(session, workspace, cycle_id)
    rows = session.execute(
        select(AppealRow.part, AppealRow.state, AppealRow.working_days_to_decision, AppealRow.outcome)
        .where(AppealRow.workspace_id == workspace.id, AppealRow.cycle_id == cycle_id)
        .order_by(AppealRow.id)
    ).all()
    return [
        [
            part,
            state.value,
            days if state is AppealState.DECIDED else None,
            outcome.value if outcome is not None and state is AppealState.DECIDED else None,
        ]
        for part, state, days, outcome in rows
    ]
