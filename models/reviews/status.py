"""Where a cycle stands: per stage done / owed / overdue (HR), and what one person owes and is owed.

Each is a fixed number of statements at any headcount (tests/reviews/test_statement_counts.py).
Overdue is counted against the UTC date here; people are told in their own zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, FromClause, and_, case, func, select
from sqlalchemy.orm import Session, aliased

from models.people import Person
from models.reviews.entities import (
    DeadlineExtension,
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    Stage,
    SubmissionStatus,
)

OWING_NAMES = 20


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    due: date
    done: int
    owed: int
    overdue: int
    owing: list[str] = field(default_factory=list)  # names, first OWING_NAMES (HR only)


@dataclass(frozen=True)
class _StageRows:
    """One stage's owed items: the joined tables, when one is done, its deadline and who owes it."""

    source: FromClause
    done: ColumnElement[bool]
    due: ColumnElement[date]
    who: ColumnElement[int]


def _stage_rows(cycle: ReviewCycle, stage: Stage) -> _StageRows:
    ext = aliased(DeadlineExtension, name="ext")
    due: ColumnElement[date] = func.coalesce(ext.due, cycle.due(stage))
    source: FromClause
    done: ColumnElement[bool]
    who: ColumnElement[int]
    on_ext = and_(ext.participant_id == ReviewParticipant.id, ext.stage == stage)
    if stage is Stage.SELF_ASSESSMENT:
        source = ReviewParticipant.__table__.outerjoin(
            SelfAssessment.__table__, SelfAssessment.participant_id == ReviewParticipant.id
        ).outerjoin(ext, on_ext)
        # Outer-joined: no row yet is not done (never NULL, so `~done` means owed).
        done = (
            func.coalesce(SelfAssessment.status, SubmissionStatus.DRAFT.value)
            == SubmissionStatus.SUBMITTED.value
        )
        who = ReviewParticipant.__table__.c.person_id
    elif stage is Stage.PEER_NOMINATION:
        source = ReviewParticipant.__table__.outerjoin(ext, on_ext)
        done = ReviewParticipant.nominated_at.is_not(None)
        who = ReviewParticipant.__table__.c.person_id
    else:
        source = PeerNomination.__table__.join(
            ReviewParticipant.__table__, ReviewParticipant.id == PeerNomination.participant_id
        ).outerjoin(ext, on_ext)
        done = PeerNomination.status == NominationStatus.SUBMITTED
        who = PeerNomination.__table__.c.reviewer_id
    return _StageRows(source, done, due, who)


def stage_counts(session: Session, cycle: ReviewCycle, today: date, *, names: bool) -> list[StageCount]:
    """Two statements per stage of part 1 (counts, then the first names of who owes)."""
    found = []
    for stage in (Stage.SELF_ASSESSMENT, Stage.PEER_NOMINATION, Stage.PEER_REVIEWS):
        rows = _stage_rows(cycle, stage)
        source, done, due, who = rows.source, rows.done, rows.due, rows.who
        where = [ReviewParticipant.cycle_id == cycle.id]
        if stage is Stage.PEER_REVIEWS:
            where.append(PeerNomination.status.in_([NominationStatus.APPROVED, NominationStatus.SUBMITTED]))
        done_n, total, overdue = session.execute(
            select(
                func.coalesce(func.sum(case((done, 1), else_=0)), 0),
                func.count(),
                func.coalesce(func.sum(case((and_(~done, due < today), 1), else_=0)), 0),
            )
            .select_from(source)
            .where(*where)
        ).one()
        owing: list[str] = []
        if names:
            owing = list(
                session.scalars(
                    select(Person.name)
                    .select_from(source)
                    .join(Person, Person.id == who)
                    .where(*where, ~done)
                    .distinct()
                    .order_by(Person.name)
                    .limit(OWING_NAMES)
                )
            )
        found.append(
            StageCount(stage, cycle.due(stage), int(done_n), int(total) - int(done_n), int(overdue), owing)
        )
    return found
