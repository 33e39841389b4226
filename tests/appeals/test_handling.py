"""HR handles an appeal on the database: statement, question, answers, decision (the result recomputed,
the original kept), withdrawal, reopening; who is told what; who may read what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals import (
    AppealEntry,
    AppealMessage,
    AppealState,
    Outcome,
    answer_employee,
    answer_statement,
    appeal_detail,
    ask_employee,
    ask_statement,
    decide_appeal,
    employee_question,
    reopen_appeal,
    statement_request,
    withdraw_appeal,
)
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.messaging import OutboxMessage
from models.reviews import ManagerReview
from models.reviews.calibration import calibration_view
from tests.appeals.helpers import AppealScene, file, make_scene
from tests.reviews.helpers import NOW

LATER = NOW + timedelta(hours=2)
DUE = NOW.date() + timedelta(days=3)


def _told(session: Session, ids: tuple[int, ...]) -> list[tuple[str, int | None]]:
    rows = session.execute(
        select(OutboxMessage.kind, OutboxMessage.person_id).where(OutboxMessage.id.in_(ids))
    )
    return sorted((kind, person) for kind, person in rows)


def _review(session: Session, scene: AppealScene) -> ManagerReview:
    review = session.scalar(select(ManagerReview).where(ManagerReview.participant_id == scene.participant.id))
    assert review is not None
    return review


def test_statement_and_question_join_the_record_and_the_manager_sees_only_what_is_shared(
    session: Session,
) -> None:
    scene = make_scene(session)
    appeal = file(session, scene)
    hana = scene.hr[0]
    with pytest.raises(PermissionDenied):
        ask_statement(session, scene.workspace, scene.hr[1], appeal.id, "Why a 3?", True, DUE, LATER)
    with pytest.raises(DomainError) as bad_due:
        ask_statement(session, scene.workspace, hana, appeal.id, "Why a 3?", False, NOW.date(), LATER)
    assert bad_due.value.problems[0].field == "due"
    asked = ask_statement(session, scene.workspace, hana, appeal.id, "Why a 3 on results?", False, DUE, LATER)
    assert asked.state is AppealState.WAITING_FOR_STATEMENT
    assert _told(session, asked.messages) == [(AppealMessage.STATEMENT_REQUEST, scene.boss.id)]
    request = statement_request(session, scene.workspace, scene.boss, appeal.id)
    assert request.question == "Why a 3 on results?" and request.reason is None and request.due == DUE
    with pytest.raises(PermissionDenied):
        appeal_detail(session, scene.workspace, scene.boss, appeal.id, LATER)
    with pytest.raises(PermissionDenied):
        statement_request(session, scene.workspace, scene.peer, appeal.id)
    with pytest.raises(DomainError) as empty:
        answer_statement(session, scene.workspace, scene.boss, appeal.id, "  ", LATER)
    assert empty.value.problems[0].field == "answer"
    answered = answer_statement(
        session, scene.workspace, scene.boss, appeal.id, "The migration slipped.", LATER
    )
    assert answered.state is AppealState.UNDER_REVIEW
    assert _told(session, answered.messages) == [(AppealMessage.ANSWERED, hana.id)]
    ask_employee(session, scene.workspace, hana, appeal.id, "Who else worked on it?", DUE, LATER)
    assert (
        employee_question(session, scene.workspace, scene.olive, appeal.id).question
        == "Who else worked on it?"
    )
    answer_employee(session, scene.workspace, scene.olive, appeal.id, "I led it alone.", LATER)
    detail = appeal_detail(session, scene.workspace, scene.olive, appeal.id, LATER)
    assert [item.action.value for item in detail.trail] == [
        "file",
        "assign",
        "ask_statement",
        "answer_statement",
        "ask_employee",
        "answer_employee",
    ]
    assert detail.trail[1].actor_name == "perfbot" and detail.trail[3].text == "The migration slipped."
    assert detail.breakdown is not None and detail.breakdown.final_rating == 3
    assert detail.decision_due is not None and detail.viewer_is_appellant


def test_shared_reason_reaches_the_manager(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene)
    ask_statement(session, scene.workspace, scene.hr[0], appeal.id, "Comment, please.", True, DUE, LATER)
    assert statement_request(session, scene.workspace, scene.boss, appeal.id).reason == appeal.reason


def test_an_adjustment_recomputes_the_result_keeps_the_original_and_tells_both(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene, "results")
    hana = scene.hr[0]
    before = dict(_review(session, scene).result or {})
    assert before["formula"] == "1 × 3.33 = 3.33 → 3"
    with pytest.raises(DomainError) as same:
        decide_appeal(session, scene.workspace, hana, appeal.id, Outcome.ADJUSTED, "Yes.", 3, LATER)
    assert same.value.problems[0].field == "rating"
    with pytest.raises(PermissionDenied):
        decide_appeal(session, scene.workspace, scene.boss, appeal.id, Outcome.ADJUSTED, "Yes.", 5, LATER)
    decided = decide_appeal(
        session, scene.workspace, hana, appeal.id, Outcome.ADJUSTED, "The migration counts.", 5, LATER
    )
    review = _review(session, scene)
    assert decided.state is AppealState.DECIDED and decided.original_rating == 3 and decided.new_rating == 5
    assert review.result is not None and review.result["formula"] == "1 × 4 = 4 → 4"
    assert review.final_rating == 4 and review.result["original"]["formula"] == before["formula"]
    assert _told(session, decided.messages) == sorted(
        [(AppealMessage.DECIDED, scene.olive.id), (AppealMessage.OUTCOME, scene.boss.id)]
    )
    assert calibration_view(session, None, scene.cycle).organisation.counts == {4: 1}  # the figures follow
    adjust = session.scalars(select(AuditEntry).where(AuditEntry.action == "review.appeal_adjust")).one()
    assert adjust.before == {"final_rating": 3, "part": "results"} and adjust.after["final_rating"] == 4
    assert adjust.reason == "The migration counts." and adjust.actor_id == hana.id
    # Reopened: the adjustment stays in force until the new decision; upheld puts the original back.
    reopened = reopen_appeal(session, scene.workspace, hana, appeal.id, "New facts from the manager.", LATER)
    assert reopened.state is AppealState.UNDER_REVIEW and reopened.assignee_id == hana.id
    assert _review(session, scene).final_rating == 4
    decide_appeal(
        session, scene.workspace, hana, appeal.id, Outcome.UPHELD, "The 3 stands after all.", None, LATER
    )
    review = _review(session, scene)
    assert review.final_rating == 3 and review.result == before
    entries = session.scalars(select(AppealEntry.action).where(AppealEntry.appeal_id == appeal.id)).all()
    assert [e.value for e in entries] == ["file", "assign", "decide", "reopen", "assign", "decide"]


def test_an_overall_adjustment_overrides_the_final_rating_only(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene, "overall")
    decide_appeal(session, scene.workspace, scene.hr[0], appeal.id, Outcome.ADJUSTED, "Fair.", 4, LATER)
    review = _review(session, scene)
    assert review.final_rating == 4 and review.result is not None
    assert review.result["formula"] == "1 × 3.33 = 3.33 → 3 ⇒ 4" and review.result["computed_rating"] == 3


def test_withdrawal_by_the_appellant_only_and_before_a_decision(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene)
    with pytest.raises(PermissionDenied):
        withdraw_appeal(session, scene.workspace, scene.hr[0], appeal.id, LATER)
    withdrawn = withdraw_appeal(session, scene.workspace, scene.olive, appeal.id, LATER)
    assert withdrawn.state is AppealState.WITHDRAWN
    assert _told(session, withdrawn.messages) == [(AppealMessage.WITHDRAWN, scene.hr[0].id)]
    with pytest.raises(DomainError):
        withdraw_appeal(session, scene.workspace, scene.olive, appeal.id, LATER)
    # A withdrawn appeal does not block a new one on the same part.
    assert file(session, scene).state is AppealState.UNDER_REVIEW
