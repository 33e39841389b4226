"""The manager review in the domain: drafts, submission and its stored result, who writes it, deadlines."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from models.errors import DomainError, PermissionDenied
from models.reviews import ReviewCycle, Stage, SubmissionStatus, extend_deadline, participant_of
from models.reviews.entities import RecommendedOutcome, ReviewParticipant
from models.reviews.manager_review import ManagerReviewInput, read_result, save_manager_review
from models.reviews.scoring import ScoreInputs, compute_score
from tests.factories import make_goal, make_person
from tests.reviews.helpers import NOW, TODAY, ReviewOrg, launched_cycle, make_review_org

FULL = ManagerReviewInput(
    ratings={"results": 5, "collaboration": 4, "growth": 4},
    comments={"results": "Shipped the launch early"},
    summary="A strong half.",
    outcome="promotion",
)


def olive(session: Session, org: ReviewOrg, **changes: object) -> tuple[ReviewCycle, ReviewParticipant]:
    cycle = launched_cycle(session, org, **changes)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    return cycle, participant


def fields(error: pytest.ExceptionInfo[DomainError]) -> set[str | None]:
    return {problem.field for problem in error.value.problems}


def test_a_draft_is_kept_without_a_result_and_a_submission_needs_every_rating_and_a_summary(
    session: Session,
) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = olive(session, org)
    draft = save_manager_review(
        session, org.boss, cycle, participant, ManagerReviewInput(ratings={"results": 3}), NOW, submit=False
    )
    assert draft.status is SubmissionStatus.DRAFT and draft.result is None and draft.final_rating is None
    with pytest.raises(DomainError) as missing:
        save_manager_review(
            session,
            org.boss,
            cycle,
            participant,
            ManagerReviewInput(ratings={"results": 9}),
            NOW,
            submit=True,
        )
    assert fields(missing) == {"rating:results", "rating:collaboration", "rating:growth", "summary"}
    with pytest.raises(DomainError) as outcome:
        save_manager_review(
            session, org.boss, cycle, participant, ManagerReviewInput(outcome="bonus"), NOW, submit=False
        )
    assert fields(outcome) == {"outcome"}
    assert draft.ratings == {"results": 3}  # the refused saves changed nothing


def test_submitting_stores_the_result_with_its_formula_inputs_and_settings_version(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = olive(session, org)
    make_goal(session, org.workspace, owner=org.olive, current=75.0, due_date=TODAY - timedelta(days=10))
    make_goal(session, org.workspace, owner=org.boss, current=10.0, due_date=TODAY - timedelta(days=10))
    review = save_manager_review(session, org.boss, cycle, participant, FULL, NOW, submit=True)
    assert review.status is SubmissionStatus.SUBMITTED and review.submitted_at == NOW
    assert review.recommended_outcome is RecommendedOutcome.PROMOTION
    assert review.result is not None
    # 75 % on a 1–5 scale is 4; the criteria mean 4.33; 0.6 × 4 + 0.4 × 4.33 = 4.13, which rounds to 4.
    assert review.result["formula"] == "0.6 × 4 + 0.4 × 4.33 = 4.13 → 4"
    assert review.result["inputs"]["goal_achievement"] == "75"
    assert review.result["inputs"]["criteria"] == [["results", 5], ["collaboration", 4], ["growth", 4]]
    assert review.result["settings_version"] == cycle.settings_version
    assert review.final_rating == 4
    # Anyone entitled can recompute it from what is stored, to the same number.
    recomputed = compute_score(ScoreInputs.from_record(review.result["inputs"]))
    assert recomputed.score == Decimal(review.result["score"])


def test_without_goals_the_cycle_decides_criteria_only_or_zero(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = olive(session, org)
    review = save_manager_review(session, org.boss, cycle, participant, FULL, NOW, submit=True)
    assert review.result is not None and review.result["formula"] == "1 × 4.33 = 4.33 → 4"
    strict_org = make_review_org(session, peers=1, team_id="T002")
    strict, strict_participant = olive(
        session, strict_org, weights={"goals": 60, "criteria": 40, "missing_goals": "treat_as_zero"}
    )
    zero = save_manager_review(session, strict_org.boss, strict, strict_participant, FULL, NOW, submit=True)
    assert zero.result is not None and zero.result["formula"] == "0.6 × 1 + 0.4 × 4.33 = 2.33 → 2"
    assert zero.final_rating == 2


def test_a_scale_from_zero_keeps_the_final_rating_on_the_cycles_scale(session: Session) -> None:
    org = make_review_org(session, peers=1)
    levels = [{"label": f"L{n}", "standard": f"Standard {n}"} for n in range(5)]
    cycle, participant = olive(session, org, scale={"lowest": 0, "levels": levels})
    data = ManagerReviewInput(ratings={"results": 4, "collaboration": 4, "growth": 4}, summary="Top.")
    review = save_manager_review(session, org.boss, cycle, participant, data, NOW, submit=True)
    assert review.final_rating == 4 and review.result is not None and review.result["scale_lowest"] == 0


def test_only_the_reviewing_manager_or_hr_writes_it(session: Session) -> None:
    org = make_review_org(session, peers=4)
    cycle, participant = olive(session, org)
    other_boss = make_person(session, org.workspace, "UOZ", name="Oz", role=org.boss.role)
    for outsider in (org.olive, org.peers[0], other_boss):
        with pytest.raises(PermissionDenied):
            save_manager_review(session, outsider, cycle, participant, FULL, NOW, submit=False)
    by_hr = save_manager_review(session, org.hr, cycle, participant, FULL, NOW, submit=True)
    assert by_hr.author_id == org.hr.id
    with pytest.raises(PermissionDenied):  # an employee never sees their result before release
        read_result(session, org.olive, cycle, participant)
    with pytest.raises(PermissionDenied):  # nor another manager
        read_result(session, other_boss, cycle, participant)
    assert read_result(session, org.boss, cycle, participant) is by_hr


def test_refused_after_the_deadline_unless_hr_extends_it(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = olive(session, org)
    late = NOW + timedelta(days=23)  # the manager stage closed 21 days after launch
    with pytest.raises(DomainError) as closed:
        save_manager_review(session, org.boss, cycle, participant, FULL, late, submit=True)
    assert "has passed" in closed.value.problems[0].message
    extend_deadline(
        session,
        org.workspace,
        org.hr,
        cycle.id,
        Stage.MANAGER_REVIEW,
        TODAY + timedelta(days=30),
        person=org.olive,
        reason="parental leave",
    )
    review = save_manager_review(session, org.boss, cycle, participant, FULL, late, submit=True)
    assert review.status is SubmissionStatus.SUBMITTED
