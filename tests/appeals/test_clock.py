"""The appeal's working-day clock: the decision deadline, pauses while waiting, and the nudges due."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from models.appeals import (
    SYSTEM_ACTOR,
    Nudge,
    Parties,
    assign,
    decision_deadline,
    nudges_due,
    pauses,
)
from models.appeals.machine import answer_statement, ask_employee, ask_statement, file_appeal
from models.calendar import working_calendar

BERLIN = ZoneInfo("Europe/Berlin")
BAVARIA = working_calendar(country="DE", subdivision="BY")
PARTIES = Parties("U_EMP", "U_MGR", frozenset({"U_MGR"}), frozenset({"U_HR1"}), None)


def test_ten_working_days_skip_the_weekends_and_german_unity_day() -> None:
    assert decision_deadline(BAVARIA, date(2025, 10, 2)) == date(2025, 10, 17)
    assert decision_deadline(BAVARIA, date(2025, 10, 2), working_days=3) == date(2025, 10, 8)


def test_china_national_day_week_holds_the_clock() -> None:
    china = working_calendar(country="CN")
    deadline = decision_deadline(china, date(2025, 9, 26), working_days=5)
    assert deadline == date(2025, 10, 10)  # Sun 28 Sep (worked), 29, 30 Sep, then 9 and 10 Oct
    assert nudges_due(china, deadline, date(2025, 9, 30)) == {Nudge.SOON}


def test_waiting_for_an_answer_pauses_the_clock_when_asked_to() -> None:
    answered = [(date(2025, 10, 7), date(2025, 10, 9))]  # Tuesday to Thursday: 2 working days
    assert decision_deadline(BAVARIA, date(2025, 10, 2), periods=answered) == date(2025, 10, 21)
    running = [(date(2025, 10, 7), None)]
    assert decision_deadline(BAVARIA, date(2025, 10, 2), periods=running, today=date(2025, 10, 10)) == date(
        2025, 10, 22
    )
    assert decision_deadline(BAVARIA, date(2025, 10, 2), periods=running) == date(2025, 10, 17)


def test_pauses_are_read_from_the_audit_trail_in_local_days() -> None:
    reason = "My delivery goals were met in full, see the Q3 check-ins."
    filed = file_appeal(
        actor="U_EMP",
        parties=PARTIES,
        part="overall",
        original_rating=3,
        levels=5,
        reason=reason,
        at=datetime(2025, 10, 2, 8, tzinfo=UTC),
    )
    steps = [filed]
    steps.append(
        assign(
            steps[-1].appeal,
            actor=SYSTEM_ACTOR,
            parties=PARTIES,
            assignee="U_HR1",
            at=datetime(2025, 10, 2, 9, tzinfo=UTC),
        )
    )
    steps.append(
        ask_statement(
            steps[-1].appeal,
            actor="U_HR1",
            parties=PARTIES,
            at=datetime(2025, 10, 6, 22, 30, tzinfo=UTC),  # already Tuesday 7 Oct in Berlin
            question="How was this rated?",
        )
    )
    steps.append(
        answer_statement(
            steps[-1].appeal,
            actor="U_MGR",
            parties=PARTIES,
            at=datetime(2025, 10, 9, 12, tzinfo=UTC),
            statement="Two goals slipped.",
        )
    )
    trail = [step.audit for step in steps]
    assert pauses(trail, BERLIN) == [(date(2025, 10, 7), date(2025, 10, 9))]
    waiting = ask_employee(
        steps[-1].appeal,
        actor="U_HR1",
        parties=PARTIES,
        at=datetime(2025, 10, 13, 9, tzinfo=UTC),
        question="Which goals?",
    )
    assert pauses([*trail, waiting.audit], BERLIN) == [
        (date(2025, 10, 7), date(2025, 10, 9)),
        (date(2025, 10, 13), None),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 10, 14), set()),
        (date(2025, 10, 15), {Nudge.SOON}),  # two working days before Friday 17 Oct
        (date(2025, 10, 16), set()),
        (date(2025, 10, 17), {Nudge.TODAY}),
        (date(2025, 10, 18), set()),  # Saturday
        (date(2025, 10, 20), {Nudge.OVERDUE, Nudge.ESCALATE}),
        (date(2025, 10, 21), {Nudge.OVERDUE, Nudge.ESCALATE}),
    ],
)
def test_nudges_before_on_and_after_the_deadline(today: date, expected: set[Nudge]) -> None:
    assert nudges_due(BAVARIA, date(2025, 10, 17), today) == expected


def test_the_soon_nudge_skips_a_public_holiday() -> None:
    # Deadline Monday 6 Oct 2025: two working days before is Wednesday 1 Oct (Friday 3 Oct is off).
    assert nudges_due(BAVARIA, date(2025, 10, 6), date(2025, 10, 1)) == {Nudge.SOON}
    assert nudges_due(BAVARIA, date(2025, 10, 6), date(2025, 10, 2)) == set()
    assert nudges_due(BAVARIA, date(2025, 10, 6), date(2025, 10, 3)) == set()
