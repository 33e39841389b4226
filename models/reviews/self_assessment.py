"""The self-assessment: a draft saved as often as wanted, submitted once complete, changeable until the
deadline (or a later one HR granted this person). Submitting cancels the reminders still queued."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import DomainError, NotFound, Problem
from models.i18n import N_
from models.people import Person
from models.reviews.definition import CycleDefinition
from models.reviews.entities import (
    CycleStatus,
    DeadlineExtension,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    Stage,
    SubmissionStatus,
)
from models.reviews.messages import cancel_queued, reminder_prefix
from models.reviews.permissions import ReviewAction, require
from models.zones import zone

MAX_COMMENT = 2000
MAX_ACCOMPLISHMENTS = 3000


@dataclass(frozen=True)
class SelfAssessmentInput:
    ratings: dict[str, int | None] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    accomplishments: str = ""


def definition_of(cycle: ReviewCycle) -> CycleDefinition:
    return CycleDefinition.model_validate(cycle.settings)


def effective_due(session: Session, cycle: ReviewCycle, participant: ReviewParticipant, stage: Stage) -> date:
    extension = session.scalar(
        select(DeadlineExtension.due).where(
            DeadlineExtension.participant_id == participant.id, DeadlineExtension.stage == stage
        )
    )
    return max(extension, cycle.due(stage)) if extension is not None else cycle.due(stage)


def is_past(due: date, now: datetime, tz: str | None) -> bool:
    """A deadline day ends at midnight where the person is."""
    return now.astimezone(zone(tz)).date() > due


def require_open(
    session: Session,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    stage: Stage,
    person: Person,
    now: datetime,
) -> date:
    if cycle.status is not CycleStatus.LAUNCHED:
        raise DomainError(N_("This review cycle is not running."))
    due = effective_due(session, cycle, participant, stage)
    if is_past(due, now, person.tz):
        raise DomainError(
            N_("The deadline ({date}) has passed; ask HR to extend it if you need more time."),
            date=due.isoformat(),
        )
    return due


def find_participant(session: Session, cycle: ReviewCycle, person_id: int) -> ReviewParticipant:
    participant = session.scalar(
        select(ReviewParticipant).where(
            ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.person_id == person_id
        )
    )
    if participant is None:
        raise NotFound(N_("You do not take part in this review cycle."))
    return participant


def self_assessment_of(session: Session, participant: ReviewParticipant) -> SelfAssessment | None:
    return session.scalar(select(SelfAssessment).where(SelfAssessment.participant_id == participant.id))


def _clean(definition: CycleDefinition, data: SelfAssessmentInput, *, complete: bool) -> list[Problem]:
    problems: list[Problem] = []
    ratings = set(definition.scale.ratings)
    for criterion in definition.criteria:
        rating = data.ratings.get(criterion.key)
        if rating is None and complete:
            problems.append(Problem(N_("Choose a rating."), f"rating:{criterion.key}"))
        elif rating is not None and rating not in ratings:
            problems.append(Problem(N_("Choose one of the scale's ratings."), f"rating:{criterion.key}"))
        if len(data.comments.get(criterion.key, "")) > MAX_COMMENT:
            problems.append(
                Problem(
                    N_("Keep it under {limit} characters."),
                    f"comment:{criterion.key}",
                    {"limit": MAX_COMMENT},
                )
            )
    if len(data.accomplishments) > MAX_ACCOMPLISHMENTS:
        problems.append(
            Problem(
                N_("Keep it under {limit} characters."), "accomplishments", {"limit": MAX_ACCOMPLISHMENTS}
            )
        )
    return problems


def save_self_assessment(
    session: Session,
    actor: Person,
    cycle: ReviewCycle,
    data: SelfAssessmentInput,
    now: datetime,
    *,
    submit: bool,
) -> SelfAssessment:
    """Save a draft, or submit (every criterion rated). A submitted one stays submitted when changed."""
    participant = find_participant(session, cycle, actor.id)
    require(actor, ReviewAction.WRITE_SELF, cycle, participant)
    require_open(session, cycle, participant, Stage.SELF_ASSESSMENT, actor, now)
    definition = definition_of(cycle)
    existing = self_assessment_of(session, participant)
    complete = submit or (existing is not None and existing.status is SubmissionStatus.SUBMITTED)
    problems = _clean(definition, data, complete=complete)
    if problems:
        raise DomainError.of(problems)
    assessment = existing or SelfAssessment(
        workspace_id=cycle.workspace_id, cycle_id=cycle.id, participant_id=participant.id
    )
    keys = [criterion.key for criterion in definition.criteria]
    assessment.ratings = {key: int(r) for key in keys if (r := data.ratings.get(key)) is not None}
    assessment.comments = {key: text for key in keys if (text := data.comments.get(key, "").strip())}
    assessment.accomplishments = data.accomplishments.strip()
    assessment.settings_version = cycle.settings_version
    assessment.updated_at = now
    if complete:
        if assessment.status is not SubmissionStatus.SUBMITTED:
            assessment.submitted_at = now
        assessment.status = SubmissionStatus.SUBMITTED
        cancel_queued(
            session,
            cycle.workspace_id,
            reminder_prefix(cycle.id, Stage.SELF_ASSESSMENT.value, participant.id),
            "self-assessment submitted",
            now,
        )
    if existing is None:
        session.add(assessment)
    session.flush()
    return assessment


def read_self_assessment(
    session: Session, actor: Person, cycle: ReviewCycle, participant: ReviewParticipant
) -> SelfAssessment | None:
    require(actor, ReviewAction.READ_SELF, cycle, participant)
    return self_assessment_of(session, participant)
