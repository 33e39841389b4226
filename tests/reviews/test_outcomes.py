"""Outcomes: the bonus tier follows the final rating through the cycle's mapping (calibration moves it),
another tier needs a reason, every change is audited, HR only (never their own), and only once the
manager review is submitted. The mapping itself is part of the cycle definition and checked there."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.people import Person
from models.reviews import (
    CycleStatus,
    OutcomeInput,
    ReviewCycle,
    ReviewParticipant,
    check_definition,
    outcome_form,
    participant_of,
    record_outcome,
    save_manager_review,
)
from models.reviews.calibration import change_final_rating
from models.reviews.manager_review import ManagerReviewInput
from tests.reviews.helpers import NOW, ReviewOrg, definition, definition_data, launched_cycle, make_review_org


def reviewed(
    session: Session, level: int = 4, **changes: object
) -> tuple[ReviewOrg, ReviewCycle, ReviewParticipant]:
    org = make_review_org(session, peers=2)
    cycle = launched_cycle(session, org, **changes)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    data = ManagerReviewInput(
        ratings={"results": level, "collaboration": level, "growth": level}, summary="ok"
    )
    save_manager_review(session, org.boss, cycle, participant, data, NOW, submit=True)
    return org, cycle, participant


def entries(session: Session) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.action == "review.outcome").order_by(AuditEntry.id)
        )
    )


def test_the_default_mapping_gives_every_rating_a_tier_and_other_scales_get_numbered_tiers() -> None:
    assert definition().tier_mapping() == {1: "none", 2: "reduced", 3: "standard", 4: "enhanced", 5: "top"}
    three = definition(
        scale={"lowest": 0, "levels": [{"label": n, "standard": n} for n in ("low", "mid", "high")]}
    )
    assert three.tier_mapping() == {0: "tier 1", 1: "tier 2", 2: "tier 3"}
    own = definition(bonus_tiers={1: "0%", 2: "0%", 3: "100%", 4: "150%", 5: "200%"})
    assert own.tiers() == ["0%", "100%", "150%", "200%"]


def test_a_mapping_must_cover_the_scale_exactly() -> None:
    with pytest.raises(DomainError) as refused:
        check_definition(definition_data(bonus_tiers={"1": "a", 2: "b", 3: "c", 4: "d", 7: "x", "": "y"}))
    found = {(p.field, p.message, tuple(p.params.values())) for p in refused.value.problems}
    assert ("bonus_tiers.7", "{key} is not a rating on the scale", (7,)) in found
    assert ("bonus_tiers", "no tier for the rating {rating}", (5,)) in found
    # from a JSON file the keys are text: "1" is rating 1
    assert (
        check_definition(definition_data(bonus_tiers={str(r): "t" for r in range(1, 6)})).tier_mapping()[1]
        == "t"
    )


def test_the_tier_follows_the_final_rating_and_calibration_moves_it(session: Session) -> None:
    org, cycle, participant = reviewed(session, level=4)
    form = outcome_form(session, org.hr, cycle, participant)
    assert (form.final_rating, form.mapped_tier, form.tier, form.outcome) == (4, "enhanced", "enhanced", None)
    record_outcome(session, org.hr, cycle, participant, OutcomeInput(promotion=True), NOW)
    change_final_rating(session, org.hr, cycle, participant, 5, "Top of the team", NOW)
    form = outcome_form(session, org.hr, cycle, participant)
    assert (form.mapped_tier, form.tier) == ("top", "top")
    assert form.outcome is not None and form.outcome.promotion and form.outcome.tier_override is None


def test_another_tier_needs_a_reason_and_everything_is_audited(session: Session) -> None:
    org, cycle, participant = reviewed(session, level=3)
    with pytest.raises(DomainError) as refused:
        record_outcome(session, org.hr, cycle, participant, OutcomeInput(tier="top", reason="  "), NOW)
    assert [p.field for p in refused.value.problems] == ["reason"]
    with pytest.raises(DomainError) as unknown:
        record_outcome(session, org.hr, cycle, participant, OutcomeInput(tier="platinum", reason="x"), NOW)
    assert [p.field for p in unknown.value.problems] == ["tier"]
    assert entries(session) == []
    # the mapped tier itself needs no reason, and is stored as "follow the rating"
    first = record_outcome(
        session,
        org.hr,
        cycle,
        participant,
        OutcomeInput(tier="standard", training=True, training_label="SQL"),
        NOW,
    )
    assert first.tier_override is None and first.training_label == "SQL"
    record_outcome(
        session,
        org.hr,
        cycle,
        participant,
        OutcomeInput(tier="top", reason="Led the migration", transfer=True, training_label="ignored"),
        NOW,
    )
    created, changed = entries(session)
    assert created.before is None and created.actor_id == org.hr.id and created.reason is None
    assert created.after == {
        "tier": "standard",
        "tier_overridden": False,
        "promotion": False,
        "training": True,
        "training_label": "SQL",
        "transfer": False,
    }
    assert changed.before == created.after and changed.reason == "Led the migration"
    assert changed.after is not None and changed.after["tier"] == "top" and changed.after["tier_overridden"]
    assert changed.after["training"] is False and changed.after["training_label"] == ""
    assert changed.created_at is not None
    # back to the mapped tier: the override and its reason go
    back = record_outcome(session, org.hr, cycle, participant, OutcomeInput(tier="standard"), NOW)
    assert back.tier_override is None and back.override_reason is None


@pytest.mark.parametrize("who", ["boss", "olive", "peer"])
def test_only_hr_records_an_outcome(session: Session, who: str) -> None:
    org, cycle, participant = reviewed(session)
    actor: Person = {"boss": org.boss, "olive": org.olive, "peer": org.peers[0]}[who]
    with pytest.raises(PermissionDenied):
        record_outcome(session, actor, cycle, participant, OutcomeInput(promotion=True), NOW)
    with pytest.raises(PermissionDenied):
        outcome_form(session, actor, cycle, participant)
    assert entries(session) == []


def test_hr_never_records_their_own_outcome(session: Session) -> None:
    org, cycle, _ = reviewed(session)
    own = participant_of(session, cycle, org.hr)
    assert own is not None
    with pytest.raises(PermissionDenied):
        record_outcome(session, org.hr, cycle, own, OutcomeInput(), NOW)


def test_not_before_a_submitted_manager_review(session: Session) -> None:
    org = make_review_org(session, peers=2)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    with pytest.raises(DomainError) as none_yet:
        record_outcome(session, org.hr, cycle, participant, OutcomeInput(promotion=True), NOW)
    assert none_yet.value.problems[0].message == "Outcomes are recorded once the manager review is submitted."
    draft = ManagerReviewInput(ratings={"results": 4}, summary="")
    save_manager_review(session, org.boss, cycle, participant, draft, NOW, submit=False)
    with pytest.raises(DomainError):
        outcome_form(session, org.hr, cycle, participant)
    assert entries(session) == []


def test_after_release_outcomes_are_still_recorded_but_not_once_closed(session: Session) -> None:
    org, cycle, participant = reviewed(session)
    cycle.status = CycleStatus.RELEASED
    record_outcome(session, org.hr, cycle, participant, OutcomeInput(promotion=True), NOW)
    cycle.status = CycleStatus.CLOSED
    with pytest.raises(DomainError):
        record_outcome(session, org.hr, cycle, participant, OutcomeInput(), NOW)
