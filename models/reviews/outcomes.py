"""Outcomes (stage 6, applying results): HR records per participant the bonus tier, a promotion
nomination, training (with a short label) and a transfer.

The bonus tier follows the current final rating through the cycle's mapping (`bonus_tiers` in the
definition), so a calibration change or an appeal adjustment moves it too; HR may record another
tier, and then a written reason is required. Only for a participant whose manager review is
submitted, only by HR (never for themself), and every change is audited (before, after, who, when, why).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import record
from models.errors import DomainError, Problem
from models.i18n import N_
from models.people import Person
from models.reviews.definition import CycleDefinition
from models.reviews.entities import CycleStatus, ReviewCycle, ReviewParticipant, SubmissionStatus
from models.reviews.manager_review import manager_review_of
from models.reviews.outcome_entities import ReviewOutcome
from models.reviews.permissions import ReviewAction, require
from models.reviews.self_assessment import definition_of

MAX_REASON = 2000
MAX_LABEL = 80


@dataclass(frozen=True)
class OutcomeInput:
    tier: str | None = None  # None or the mapped tier: follow the final rating
    reason: str = ""
    promotion: bool = False
    training: bool = False
    training_label: str = ""
    transfer: bool = False


@dataclass(frozen=True)
class OutcomeForm:
    """What the outcome modal shows: the final rating, the tier it maps to and what is recorded."""

    participant_id: int
    cycle_name: str
    final_rating: int
    mapped_tier: str
    tiers: list[str]
    outcome: ReviewOutcome | None

    @property
    def tier(self) -> str:
        return tier_of(self.mapped_tier, self.outcome)


def mapped_tier(definition: CycleDefinition, final_rating: int | None) -> str | None:
    """The tier the cycle's mapping gives this final rating (None without a rating)."""
    return None if final_rating is None else definition.tier_mapping().get(final_rating)


def tier_of(mapped: str | None, outcome: ReviewOutcome | None) -> str:
    """The tier that stands: HR's where recorded, otherwise the mapping's."""
    if outcome is not None and outcome.tier_override:
        return outcome.tier_override
    return mapped or ""


def outcome_of(session: Session, participant: ReviewParticipant) -> ReviewOutcome | None:
    return session.scalar(select(ReviewOutcome).where(ReviewOutcome.participant_id == participant.id))


def latest_participation(session: Session, person: Person) -> ReviewParticipant | None:
    """The person's place in the newest cycle that is running or released (where outcomes are recorded)."""
    return session.scalar(
        select(ReviewParticipant)
        .join(ReviewCycle, ReviewCycle.id == ReviewParticipant.cycle_id)
        .where(
            ReviewParticipant.person_id == person.id,
            ReviewCycle.workspace_id == person.workspace_id,
            ReviewCycle.status.in_([CycleStatus.LAUNCHED, CycleStatus.RELEASED]),
        )
        .order_by(ReviewCycle.id.desc())
        .limit(1)
    )


def _final_rating(session: Session, cycle: ReviewCycle, participant: ReviewParticipant) -> int:
    if cycle.status in (CycleStatus.DRAFT, CycleStatus.CLOSED):
        raise DomainError(N_("Outcomes are recorded while a cycle runs or after its release."))
    review = manager_review_of(session, participant)
    if review is None or review.status is not SubmissionStatus.SUBMITTED or review.final_rating is None:
        raise DomainError(N_("Outcomes are recorded once the manager review is submitted."))
    return review.final_rating


def outcome_form(
    session: Session, actor: Person, cycle: ReviewCycle, participant: ReviewParticipant
) -> OutcomeForm:
    require(actor, ReviewAction.RECORD_OUTCOME, cycle, participant)
    rating = _final_rating(session, cycle, participant)
    definition = definition_of(cycle)
    return OutcomeForm(
        participant_id=participant.id,
        cycle_name=cycle.name,
        final_rating=rating,
        mapped_tier=mapped_tier(definition, rating) or "",
        tiers=definition.tiers(),
        outcome=outcome_of(session, participant),
    )


def _snapshot(outcome: ReviewOutcome | None, mapped: str) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "tier": tier_of(mapped, outcome),
        "tier_overridden": outcome.tier_override is not None,
        "promotion": outcome.promotion,
        "training": outcome.training,
        "training_label": outcome.training_label,
        "transfer": outcome.transfer,
    }


def _problems(data: OutcomeInput, tiers: list[str], override: str | None, reason: str) -> list[Problem]:
    problems = []
    if data.tier and data.tier not in tiers:
        problems.append(Problem(N_("Choose one of the cycle's bonus tiers."), "tier"))
    if override is not None and not reason:
        problems.append(
            Problem(
                N_("Say why the tier differs from the one the final rating maps to: the reason is kept."),
                "reason",
            )
        )
    if len(reason) > MAX_REASON:
        problems.append(Problem(N_("Keep it under {limit} characters."), "reason", {"limit": MAX_REASON}))
    if len(data.training_label.strip()) > MAX_LABEL:
        problems.append(
            Problem(N_("Keep it under {limit} characters."), "training_label", {"limit": MAX_LABEL})
        )
    return problems


def record_outcome(
    session: Session,
    actor: Person,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    data: OutcomeInput,
    now: datetime,
) -> ReviewOutcome:
    """Record (or change) a participant's outcome; audited with the reason, if any."""
    require(actor, ReviewAction.RECORD_OUTCOME, cycle, participant)
    rating = _final_rating(session, cycle, participant)
    definition = definition_of(cycle)
    mapped = mapped_tier(definition, rating) or ""
    override = data.tier if data.tier and data.tier != mapped else None
    reason = data.reason.strip()
    problems = _problems(data, definition.tiers(), override, reason)
    if problems:
        raise DomainError.of(problems)
    existing = outcome_of(session, participant)
    before = _snapshot(existing, mapped)
    outcome = existing or ReviewOutcome(
        workspace_id=cycle.workspace_id, cycle_id=cycle.id, participant_id=participant.id, created_at=now
    )
    outcome.tier_override = override
    outcome.override_reason = reason if override is not None else None
    outcome.promotion = data.promotion
    outcome.training = data.training
    outcome.training_label = data.training_label.strip() if data.training else ""
    outcome.transfer = data.transfer
    outcome.recorded_by_id = actor.id
    outcome.updated_at = now
    if existing is None:
        session.add(outcome)
    session.flush()
    record(
        session,
        workspace_id=cycle.workspace_id,
        actor_id=actor.id,
        action="review.outcome",
        entity_type="review_outcome",
        entity_id=outcome.id,
        before=before,
        after=_snapshot(outcome, mapped),
        reason=reason or None,
    )
    return outcome
