"""An appeal's life as worked examples: each step's new state and audit record, and each refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.appeals import (
    SYSTEM_ACTOR,
    Action,
    Appeal,
    AppealState,
    Outcome,
    Parties,
    assign,
    decide,
    next_assignee,
    reopen,
    withdraw,
)
from models.appeals.machine import answer_employee, answer_statement, ask_employee, ask_statement, file_appeal
from models.errors import DomainError, PermissionDenied

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
PARTIES = Parties(
    appellant="U_EMP",
    reviewing_manager="U_MGR",
    management_chain=frozenset({"U_MGR", "U_DIRECTOR"}),
    hr_admins=frozenset({"U_HR1", "U_HR2", "U_DIRECTOR"}),
    hr_lead="U_LEAD",
)
REASON = "My delivery goals were met in full, see the Q3 check-ins."


def filed() -> Appeal:
    return file_appeal(
        actor="U_EMP", parties=PARTIES, part="overall", original_rating=3, levels=5, reason=REASON, at=NOW
    ).appeal


def assigned() -> Appeal:
    return assign(filed(), actor=SYSTEM_ACTOR, parties=PARTIES, assignee="U_HR1", at=NOW).appeal


def test_a_whole_appeal_with_its_audit_trail() -> None:
    steps = []
    step = file_appeal(
        actor="U_EMP", parties=PARTIES, part="delivery", original_rating=3, levels=5, reason=REASON, at=NOW
    )
    steps.append(step)
    step = assign(step.appeal, actor=SYSTEM_ACTOR, parties=PARTIES, assignee="U_HR1", at=NOW)
    steps.append(step)
    step = ask_statement(
        step.appeal,
        actor="U_HR1",
        parties=PARTIES,
        at=NOW,
        question="How was delivery rated?",
        share_reason=True,
    )
    steps.append(step)
    step = answer_statement(
        step.appeal, actor="U_MGR", parties=PARTIES, at=NOW, statement="Two goals slipped."
    )
    steps.append(step)
    step = ask_employee(step.appeal, actor="U_HR1", parties=PARTIES, at=NOW, question="Which goals?")
    steps.append(step)
    step = answer_employee(step.appeal, actor="U_EMP", parties=PARTIES, at=NOW, answer="Goals 12 and 14.")
    steps.append(step)
    step = decide(
        step.appeal,
        actor="U_HR1",
        parties=PARTIES,
        at=NOW + timedelta(days=3),
        outcome=Outcome.ADJUSTED,
        explanation="Both goals closed on time.",
        new_rating=4,
    )
    steps.append(step)
    trail = [(s.audit.actor, s.audit.action, s.audit.from_state, s.audit.to_state) for s in steps]
    assert trail == [
        ("U_EMP", Action.FILE, None, AppealState.SUBMITTED),
        (SYSTEM_ACTOR, Action.ASSIGN, AppealState.SUBMITTED, AppealState.UNDER_REVIEW),
        ("U_HR1", Action.ASK_STATEMENT, AppealState.UNDER_REVIEW, AppealState.WAITING_FOR_STATEMENT),
        ("U_MGR", Action.ANSWER_STATEMENT, AppealState.WAITING_FOR_STATEMENT, AppealState.UNDER_REVIEW),
        ("U_HR1", Action.ASK_EMPLOYEE, AppealState.UNDER_REVIEW, AppealState.WAITING_FOR_EMPLOYEE),
        ("U_EMP", Action.ANSWER_EMPLOYEE, AppealState.WAITING_FOR_EMPLOYEE, AppealState.UNDER_REVIEW),
        ("U_HR1", Action.DECIDE, AppealState.UNDER_REVIEW, AppealState.DECIDED),
    ]
    appeal = step.appeal
    assert (appeal.original_rating, appeal.current_rating, appeal.part) == (3, 4, "delivery")
    assert dict(steps[1].audit.details) == {"assignee": "U_HR1"}
    assert dict(steps[2].audit.details) == {"share_reason": "True"}
    assert dict(step.audit.details) == {"outcome": "adjusted", "original_rating": "3", "new_rating": "4"}
    assert step.audit.reason == "Both goals closed on time." and step.audit.at == NOW + timedelta(days=3)


def test_free_text_stays_out_of_reprs() -> None:
    step = decide(
        assigned(),
        actor="U_HR1",
        parties=PARTIES,
        at=NOW,
        outcome=Outcome.UPHELD,
        explanation="Secret reasoning",
    )
    assert "Secret" not in repr(step)


@pytest.mark.parametrize("reason", ["", "   ", "Too short to be a reason."])
def test_filing_needs_a_reason_of_30_characters(reason: str) -> None:
    with pytest.raises(DomainError) as refused:
        file_appeal(
            actor="U_EMP", parties=PARTIES, part="overall", original_rating=3, levels=5, reason=reason, at=NOW
        )
    assert refused.value.problems[0].field == "reason"


@pytest.mark.parametrize("actor", ["U_MGR", "U_HR1", "U_LEAD", "U_SOMEONE", SYSTEM_ACTOR])
def test_only_the_appellant_files(actor: str) -> None:
    with pytest.raises(PermissionDenied):
        file_appeal(
            actor=actor, parties=PARTIES, part="overall", original_rating=3, levels=5, reason=REASON, at=NOW
        )


def test_one_open_appeal_per_part_and_a_decided_part_only_after_reopening() -> None:
    def file_again(same_part: list[Appeal]) -> Appeal:
        return file_appeal(
            actor="U_EMP",
            parties=PARTIES,
            part="overall",
            original_rating=3,
            levels=5,
            reason=REASON,
            at=NOW,
            same_part=same_part,
        ).appeal

    first = assigned()
    with pytest.raises(DomainError, match="already open"):
        file_again([first])
    decided = decide(
        first, actor="U_HR1", parties=PARTIES, at=NOW, outcome=Outcome.REJECTED, explanation="Out of scope."
    )
    with pytest.raises(DomainError, match="decided"):
        file_again([decided.appeal])
    reopened = reopen(decided.appeal, actor="U_LEAD", parties=PARTIES, at=NOW, reason="New evidence.").appeal
    assert reopened.state is AppealState.REOPENED and reopened.earlier_decisions
    with pytest.raises(DomainError, match="already open"):
        file_again([reopened])
    withdrawn = withdraw(reopened, actor="U_EMP", parties=PARTIES, at=NOW).appeal
    assert file_again([withdrawn]).state is AppealState.SUBMITTED


def test_the_manager_never_decides_and_the_appellant_cannot_withdraw_a_decision() -> None:
    appeal = assigned()
    for actor in ("U_MGR", "U_DIRECTOR", "U_HR2", "U_LEAD", "U_EMP"):
        with pytest.raises(PermissionDenied):
            decide(
                appeal, actor=actor, parties=PARTIES, at=NOW, outcome=Outcome.UPHELD, explanation="Stands."
            )
    decided = decide(
        appeal, actor="U_HR1", parties=PARTIES, at=NOW, outcome=Outcome.UPHELD, explanation="Stands."
    )
    with pytest.raises(DomainError, match="current stage"):
        withdraw(decided.appeal, actor="U_EMP", parties=PARTIES, at=NOW)


@pytest.mark.parametrize("assignee", ["U_EMP", "U_MGR", "U_DIRECTOR", "U_SOMEONE", SYSTEM_ACTOR])
def test_never_assigned_to_someone_with_a_part_in_the_rating_or_outside_hr(assignee: str) -> None:
    with pytest.raises(DomainError) as refused:
        assign(filed(), actor="U_LEAD", parties=PARTIES, assignee=assignee, at=NOW)
    assert refused.value.problems[0].field == "assignee"


def test_the_lead_reassigns_without_losing_a_pending_request() -> None:
    waiting = ask_employee(assigned(), actor="U_HR1", parties=PARTIES, at=NOW, question="Which goals?").appeal
    moved = assign(waiting, actor="U_LEAD", parties=PARTIES, assignee="U_HR2", at=NOW).appeal
    assert (moved.state, moved.assignee) == (AppealState.WAITING_FOR_EMPLOYEE, "U_HR2")
    with pytest.raises(PermissionDenied):
        ask_statement(moved, actor="U_HR1", parties=PARTIES, at=NOW, question="?")


@pytest.mark.parametrize(
    ("outcome", "new_rating", "field"),
    [
        (Outcome.ADJUSTED, None, "new_rating"),
        (Outcome.ADJUSTED, 3, "new_rating"),  # the original
        (Outcome.ADJUSTED, 6, "new_rating"),
        (Outcome.UPHELD, 4, "new_rating"),
        (Outcome.REJECTED, None, "explanation"),
    ],
)
def test_a_decision_must_be_complete(outcome: Outcome, new_rating: int | None, field: str) -> None:
    explanation = "" if field == "explanation" else "Because."
    with pytest.raises(DomainError) as refused:
        decide(
            assigned(),
            actor="U_HR1",
            parties=PARTIES,
            at=NOW,
            outcome=outcome,
            explanation=explanation,
            new_rating=new_rating,
        )
    assert refused.value.problems[0].field == field


def test_a_reopened_adjustment_stays_in_force_until_the_new_decision() -> None:
    adjusted = decide(
        assigned(),
        actor="U_HR1",
        parties=PARTIES,
        at=NOW,
        outcome=Outcome.ADJUSTED,
        explanation="Yes.",
        new_rating=4,
    ).appeal
    reopened = reopen(
        adjusted, actor="U_HR1", parties=PARTIES, at=NOW, reason="The manager disputes it."
    ).appeal
    assert (reopened.decision, reopened.current_rating, reopened.original_rating) == (None, 4, 3)
    again = assign(reopened, actor=SYSTEM_ACTOR, parties=PARTIES, assignee="U_HR2", at=NOW).appeal
    upheld = decide(
        again, actor="U_HR2", parties=PARTIES, at=NOW, outcome=Outcome.UPHELD, explanation="3 stands."
    )
    assert upheld.appeal.current_rating == 3
    assert [d.new_rating for d in upheld.appeal.earlier_decisions] == [4]


def test_no_statement_without_a_reviewing_manager() -> None:
    parties = Parties("U_EMP", None, frozenset(), frozenset({"U_HR1"}), None)
    appeal = file_appeal(
        actor="U_EMP", parties=parties, part="overall", original_rating=3, levels=5, reason=REASON, at=NOW
    ).appeal
    appeal = assign(appeal, actor=SYSTEM_ACTOR, parties=parties, assignee="U_HR1", at=NOW).appeal
    with pytest.raises(DomainError, match="no reviewing manager"):
        ask_statement(appeal, actor="U_HR1", parties=parties, at=NOW, question="Why?")


# --- round robin ---------------------------------------------------------------------------------

ORDER = ["U_HR1", "U_DIRECTOR", "U_HR2"]


@pytest.mark.parametrize(
    ("last", "expected"),
    [(None, "U_HR1"), ("U_HR1", "U_HR2"), ("U_HR2", "U_HR1"), ("U_GONE", "U_HR1"), ("U_DIRECTOR", "U_HR2")],
)
def test_round_robin_takes_the_next_in_turn_skipping_the_forbidden(last: str | None, expected: str) -> None:
    assert next_assignee(ORDER, last, PARTIES) == expected


def test_round_robin_finds_nobody_when_every_admin_is_forbidden() -> None:
    assert next_assignee(["U_DIRECTOR", "U_EMP"], "U_DIRECTOR", PARTIES) is None
    assert next_assignee([], None, PARTIES) is None


def test_round_robin_spreads_appeals_evenly() -> None:
    last, counts = None, {"U_HR1": 0, "U_HR2": 0}
    for _ in range(10):
        last = next_assignee(ORDER, last, PARTIES)
        assert last is not None
        counts[last] += 1
    assert counts == {"U_HR1": 5, "U_HR2": 5}
