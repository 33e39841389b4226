"""`/perf calibration` over signed HTTP: HR sees the distribution with means; small groups show none and
say why; anyone else is refused."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from models.audit import AuditEntry
from models.db import unit_of_work
from models.people import Person
from models.reviews import ReviewCycle, participant_of, save_manager_review
from models.reviews.manager_review import ManagerReviewInput
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, dm_to, seed
from tests.e2e.test_review_home import home


def test_hr_sees_the_distribution_and_no_mean_for_a_small_group_and_others_are_refused(stack: Stack) -> None:
    cycle_id = seed(stack)
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        for user, level in zip([OLIVE, *PEERS], (5, 4, 4, 3, 2), strict=True):
            participant = participant_of(session, cycle, people[user])
            assert participant is not None
            data = ManagerReviewInput(
                ratings={"results": level, "collaboration": level, "growth": level}, summary="ok"
            )
            save_manager_review(
                session, people[BOSS], cycle, participant, data, datetime.now(UTC), submit=True
            )
    answer = stack.slack.command("/perf", "calibration", HR).json()
    shown = str(answer["blocks"])
    assert "Calibration: H2 review" in answer["text"]
    assert (
        "*Organisation*: 5 of 7 rated (1: 0 · 2: 1 · 3: 1 · 4: 2 · 5: 1); mean 3.60 (organisation 3.60)"
        in shown
    )
    assert "*Bo*: 5 of 5 rated" in shown
    assert "no mean: fewer than 4 rated, so that no one's rating can be inferred" in shown  # HR's own group
    refused = stack.slack.command("/perf", f"calibration {cycle_id}", BOSS).json()
    assert "Only HR admins calibrate" in refused["text"] and "blocks" not in refused
    hr_home = str(home(stack, HR)["blocks"])
    assert "*Calibration* (HR): H2 review" in hr_home and "mean 3.60" in hr_home
    assert "*Calibration*" not in str(home(stack, BOSS)["blocks"])


def test_hr_changes_a_final_rating_with_a_reason_from_slack_and_the_manager_is_told(stack: Stack) -> None:
    cycle_id = seed(stack)
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        participant = participant_of(session, cycle, people[OLIVE])
        assert participant is not None
        data = ManagerReviewInput(ratings={"results": 5, "collaboration": 5, "growth": 5}, summary="ok")
        save_manager_review(session, people[BOSS], cycle, participant, data, datetime.now(UTC), submit=True)
    no_reason = stack.slack.command("/perf", "calibration change <@UOLIVE> 4", HR).json()
    assert "Say why the final rating changes" in no_reason["text"]
    refused = stack.slack.command("/perf", "calibration change <@UOLIVE> 4 fairer", BOSS).json()
    assert "Only HR admins calibrate" in refused["text"]
    done = stack.slack.command(
        "/perf", "calibration change <@UOLIVE|olive> 4 In line with the team", HR
    ).json()
    assert "final rating is now 4 (was 5)" in done["text"]
    told = dm_to(stack, BOSS, "In calibration, HR changed")
    assert "from 5 to 4" in told["text"] and "In line with the team" in str(told["blocks"])
    with stack.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "review.calibrate")).one()
        assert entry.reason == "In line with the team" and entry.before == {"final_rating": 5}
