"""Self-assessments and nominations in the domain: drafts, submission, deadlines, who may be nominated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from models.errors import DomainError, PermissionDenied
from models.i18n import translator
from models.reviews import (
    NominationStatus,
    SelfAssessmentInput,
    SubmissionStatus,
    decide_nominations,
    decline_peer_request,
    nominate_peers,
    save_self_assessment,
)
from models.reviews.peers import nominations_of
from models.reviews.permissions import ReviewAction, require
from models.reviews.self_assessment import find_participant
from tests.factories import make_person, make_workspace
from tests.reviews.helpers import NOW, launched_cycle, make_review_org


def fields(error: pytest.ExceptionInfo[DomainError]) -> set[str | None]:
    return {problem.field for problem in error.value.problems}


def test_a_draft_needs_no_ratings_a_submission_needs_them_all(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle = launched_cycle(session, org)
    draft = save_self_assessment(
        session, org.olive, cycle, SelfAssessmentInput(comments={"results": "ok"}), NOW, submit=False
    )
    assert draft.status is SubmissionStatus.DRAFT and draft.comments == {"results": "ok"}
    with pytest.raises(DomainError) as missing:
        save_self_assessment(
            session, org.olive, cycle, SelfAssessmentInput(ratings={"results": 9}), NOW, submit=True
        )
    assert fields(missing) == {"rating:results", "rating:collaboration", "rating:growth"}
    full = SelfAssessmentInput(ratings={"results": 4, "collaboration": 3, "growth": 2})
    assert (
        save_self_assessment(session, org.olive, cycle, full, NOW, submit=True).status
        is SubmissionStatus.SUBMITTED
    )
    with pytest.raises(DomainError):  # a submitted one stays complete when changed
        save_self_assessment(session, org.olive, cycle, SelfAssessmentInput(), NOW, submit=False)


def test_only_the_employee_writes_it_and_not_after_the_deadline(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle = launched_cycle(session, org)
    with pytest.raises(PermissionDenied):
        require(
            org.boss,
            ReviewAction.WRITE_SELF,
            cycle,
            find_participant(session, cycle, org.olive.id),
        )
    late = NOW + timedelta(days=(cycle.self_due - NOW.date()).days + 1)
    with pytest.raises(DomainError) as refused:
        save_self_assessment(session, org.olive, cycle, SelfAssessmentInput(), late, submit=False)
    assert "has passed" in refused.value.problems[0].message
    org.olive.tz = "Pacific/Kiritimati"  # already the next day there
    edge = NOW.replace(hour=23) + timedelta(days=(cycle.self_due - NOW.date()).days)
    with pytest.raises(DomainError):
        save_self_assessment(session, org.olive, cycle, SelfAssessmentInput(), edge, submit=False)


def test_nominations_refuse_self_deactivated_strangers_and_counts_out_of_bounds(session: Session) -> None:
    org = make_review_org(session, peers=6)
    cycle = launched_cycle(session, org)
    gone = make_person(session, org.workspace, "UGONE", name="Gone", active=False)
    stranger = make_person(session, make_workspace(session, "T777"), "USTRANGER", name="Stranger")
    for chosen in ([org.olive, *org.peers[:2]], [gone, *org.peers[:2]], [stranger, *org.peers[:2]]):
        with pytest.raises(DomainError):
            nominate_peers(session, org.olive, cycle, chosen, NOW)
    with pytest.raises(DomainError) as few:
        nominate_peers(session, org.olive, cycle, org.peers[:2], NOW)
    assert "between 3 and 5" in few.value.problems[0].render(translator("en"))
    with pytest.raises(DomainError):
        nominate_peers(session, org.olive, cycle, org.peers[:6], NOW)
    nominate_peers(session, org.olive, cycle, org.peers[:3], NOW)
    participant = find_participant(session, cycle, org.olive.id)
    assert [n.status for n in nominations_of(session, participant)] == [NominationStatus.NOMINATED] * 3


def test_a_peer_declines_only_an_approved_request_and_with_a_reason(session: Session) -> None:
    org = make_review_org(session, peers=3)
    cycle = launched_cycle(session, org)
    [first, *_] = nominate_peers(session, org.olive, cycle, org.peers, NOW)
    with pytest.raises(PermissionDenied):  # not approved yet
        decline_peer_request(session, org.peers[0], first.id, "busy all month", NOW)


def test_someone_who_declined_is_not_asked_again(session: Session) -> None:
    org = make_review_org(session, peers=4)
    cycle = launched_cycle(session, org)
    nominate_peers(session, org.olive, cycle, org.peers[:3], NOW)
    participant = find_participant(session, cycle, org.olive.id)
    [first, *_] = decide_nominations(session, org.boss, cycle, participant.id, org.peers[:3], NOW)
    decline_peer_request(session, org.peers[0], first.id, "on leave all month", NOW)
    for who, attempt in ((org.olive, nominate_peers), (org.boss, None)):
        with pytest.raises(DomainError) as refused:
            if attempt is not None:
                attempt(session, who, cycle, org.peers[:3], NOW)
            else:
                decide_nominations(session, who, cycle, participant.id, org.peers[:3], NOW)
        assert "declined this review" in refused.value.problems[0].message
    assert nominate_peers(session, org.olive, cycle, org.peers[1:4], NOW)  # the replacement
