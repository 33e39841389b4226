"""Recognition a participant received in the cycle's period, as manager-review evidence: how many times,
for which company values, and the three most recent (two statements at any amount of praise)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.people import Person
from models.praise import Praise, PraiseRecipient
from models.reviews.entities import ReviewCycle

RECENT = 3


@dataclass(frozen=True)
class RecentPraise:
    giver: str  # the giver's Slack mention: praise is given openly
    message: str  # user text: show it with show_user_text
    values: list[str]
    given_at: datetime


@dataclass(frozen=True)
class RecognitionEvidence:
    count: int
    values: list[tuple[str, int]]  # each company value and how often, most frequent first
    recent: list[RecentPraise]


def recognition_evidence(session: Session, cycle: ReviewCycle, person_id: int) -> RecognitionEvidence:
    start = datetime.combine(cycle.period_start, time(), UTC)
    end = datetime.combine(cycle.period_end + timedelta(days=1), time(), UTC)
    received = (
        select(Praise)
        .join(PraiseRecipient, PraiseRecipient.praise_id == Praise.id)
        .where(
            Praise.workspace_id == cycle.workspace_id,
            PraiseRecipient.person_id == person_id,
            Praise.created_at >= start,
            Praise.created_at < end,
        )
    )
    tags = session.scalars(received.with_only_columns(Praise.values)).all()
    counter: Counter[str] = Counter(value for values in tags for value in (values or []))
    recent = session.execute(
        received.with_only_columns(Praise.message, Praise.values, Praise.created_at, Person.slack_user_id)
        .join(Person, Person.id == Praise.giver_id)
        .order_by(Praise.created_at.desc(), Praise.id.desc())
        .limit(RECENT)
    ).all()
    return RecognitionEvidence(
        count=len(tags),
        values=sorted(counter.items(), key=lambda item: (-item[1], item[0])),
        recent=[
            RecentPraise(f"<@{user_id}>", message, list(values or []), given_at)
            for message, values, given_at, user_id in recent
        ],
    )
