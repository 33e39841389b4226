"""SQL statements for opening the filing modal (`/appeal`) do not grow with the headcount: the same at
10 and at 100 participants."""

from __future__ import annotations

from sqlalchemy import Engine

from tests.conftest import StatementCounter
from tests.e2e.appeal_steps import release, reviewed
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import OLIVE, PEERS, seed
from tests.e2e.test_review_statement_counts import grow


def filing_modal_statements(stack: Stack, engine: Engine) -> int:
    opened = len(stack.fake.calls("views.open"))
    with StatementCounter(engine) as counter:
        stack.slack.command("/appeal", "", OLIVE)
        stack.fake.wait_for("views.open", count=opened + 1)
    return counter.count


def test_the_filing_modal_costs_the_same_statements_at_10_and_100_participants(stack: Stack) -> None:
    cycle_id = seed(stack)
    release(stack, reviewed(stack, cycle_id))
    grow(stack, 0, 10 - 2 - len(PEERS))
    filing_modal_statements(stack, stack.engine)  # first contact learns Olive's language (one write)
    small = filing_modal_statements(stack, stack.engine)
    grow(stack, 100, 90)
    large = filing_modal_statements(stack, stack.engine)
    assert small == large, (small, large)
    assert small < 30, small
