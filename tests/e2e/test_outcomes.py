"""`/perf outcome @person` over signed HTTP: HR opens the outcome modal with the tier the final rating maps
to, another tier without a reason is an error on the field, the saved outcome is audited and shown when
the modal opens again; a manager is refused, and nothing is recorded before a submitted manager review."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from handlers.reviews import ReviewInput
from models.audit import AuditEntry
from models.db import unit_of_work
from models.people import Person
from models.reviews import ReviewCycle, ReviewOutcome, participant_of, save_manager_review
from models.reviews.manager_review import ManagerReviewInput
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, dm_to, opening, seed


def reviewed(stack: Stack, level: int) -> int:
    cycle_id = seed(stack)
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        participant = participant_of(session, cycle, people[OLIVE])
        assert participant is not None
        data = ManagerReviewInput(
            ratings={"results": level, "collaboration": level, "growth": level}, summary="ok"
        )
        save_manager_review(session, people[BOSS], cycle, participant, data, datetime.now(UTC), submit=True)
    return cycle_id


def state(tier: str, reason: str = "", decisions: tuple[str, ...] = (), label: str = "") -> dict[str, object]:
    return {
        "tier": {ReviewInput.TIER: tier},
        "reason": {ReviewInput.REASON: reason},
        "decisions": {ReviewInput.DECISIONS: list(decisions)},
        "training_label": {ReviewInput.TRAINING_LABEL: label},
    }


def test_hr_records_an_outcome_in_the_modal_and_the_reason_is_required_on_the_field(stack: Stack) -> None:
    cycle_id = reviewed(stack, level=4)
    refused = stack.slack.command("/perf", "outcome <@UOLIVE>", BOSS).json()
    assert "Only HR admins record outcomes" in refused["text"]
    early = stack.slack.command("/perf", f"outcome <@{PEERS[0]}> {cycle_id}", HR).json()
    assert "once the manager review is submitted" in early["text"]
    unclear = stack.slack.command("/perf", "outcome olive", HR).json()
    assert "/perf outcome @someone" in unclear["text"]

    view = opening(stack, lambda: stack.slack.command("/perf", "outcome <@UOLIVE|olive>", HR))
    shown = str(view["blocks"])
    assert "final rating 4, which maps to the bonus tier *enhanced*" in shown
    tier_block = next(b for b in view["blocks"] if b.get("block_id") == "tier")
    assert tier_block["element"]["initial_option"]["value"] == "enhanced"
    assert [o["value"] for o in tier_block["element"]["options"]] == [
        "none",
        "reduced",
        "standard",
        "enhanced",
        "top",
    ]

    no_reason = stack.slack.view_submission(view, state("top"), HR).json()
    assert no_reason["response_action"] == "errors" and set(no_reason["errors"]) == {"reason"}
    with stack.session_factory() as session:
        assert session.scalars(select(ReviewOutcome)).first() is None

    done = stack.slack.view_submission(
        view, state("top", "Carried the launch", ("promotion", "training"), "Leadership"), HR
    )
    assert done.body == ""
    assert "is recorded" in dm_to(stack, HR, "The outcome of")["text"]
    with stack.session_factory() as session:
        outcome = session.scalars(select(ReviewOutcome)).one()
        assert (outcome.tier_override, outcome.override_reason) == ("top", "Carried the launch")
        assert (outcome.promotion, outcome.training, outcome.transfer) == (True, True, False)
        assert outcome.training_label == "Leadership"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "review.outcome")).one()
        assert entry.reason == "Carried the launch" and entry.before is None
        assert entry.after is not None and entry.after["tier"] == "top"
        hr = session.scalars(select(Person).where(Person.slack_user_id == HR)).one()
        assert entry.actor_id == hr.id

    again = opening(stack, lambda: stack.slack.command("/perf", f"outcome <@UOLIVE> {cycle_id}", HR))
    blocks = {b.get("block_id"): b for b in again["blocks"]}
    assert blocks["tier"]["element"]["initial_option"]["value"] == "top"
    assert blocks["reason"]["element"]["initial_value"] == "Carried the launch"
    assert {o["value"] for o in blocks["decisions"]["element"]["initial_options"]} == {
        "promotion",
        "training",
    }
    # back to the mapped tier: no reason needed, the override goes
    assert stack.slack.view_submission(again, state("enhanced"), HR).body == ""
    with stack.session_factory() as session:
        outcome = session.scalars(select(ReviewOutcome)).one()
        assert outcome.tier_override is None and not outcome.promotion
        assert (
            len(session.scalars(select(AuditEntry).where(AuditEntry.action == "review.outcome")).all()) == 2
        )
