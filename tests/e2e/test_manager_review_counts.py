"""SQL statements for the manager review modal (with its evidence), its draft and App Home do not grow
with the headcount: the same at 10 and at 1,000 participants."""

from __future__ import annotations

from sqlalchemy import Engine, select

from handlers.reviews import ReviewButton
from models.people import Person
from models.reviews import ReviewCycle, participant_of
from tests.conftest import StatementCounter
from tests.e2e.conftest import Stack
from tests.e2e.test_manager_review import evidence_in, form
from tests.e2e.test_review_cycle import BOSS, OLIVE, PEERS, seed
from tests.e2e.test_review_statement_counts import grow


def olives_participant(stack: Stack) -> int:
    with stack.session_factory() as session:
        cycle = session.scalars(select(ReviewCycle)).one()
        olive = session.scalars(select(Person).where(Person.slack_user_id == OLIVE)).one()
        participant = participant_of(session, cycle, olive)
        assert participant is not None
        return participant.id


def measure(stack: Stack, engine: Engine, participant_id: int) -> dict[str, int]:
    counts = {}
    opened = len(stack.fake.calls("views.open"))
    with StatementCounter(engine) as counter:
        stack.slack.block_action(ReviewButton.WRITE_MANAGER_REVIEW, BOSS, value=str(participant_id))
        view = stack.fake.wait_for("views.open", count=opened + 1)[opened].args["view"]
    counts["manager modal"] = counter.count
    updated = len(stack.fake.calls("views.update"))
    with StatementCounter(engine) as counter:
        stack.slack.block_action(
            ReviewButton.SAVE_MANAGER_DRAFT, BOSS, view=view, state_values=form({"results": "4"})
        )
        stack.fake.wait_for("views.update", count=updated + 1)
    counts["draft"] = counter.count
    published = len(stack.fake.calls("views.publish"))
    with StatementCounter(engine) as counter:
        stack.slack.event({"type": "app_home_opened", "user": BOSS, "channel": "D1", "tab": "home"})
        stack.fake.wait_for("views.publish", count=published + 1)
    counts["home"] = counter.count
    return counts


def test_manager_review_statements_are_the_same_at_10_and_1000_participants(stack: Stack) -> None:
    cycle_id = seed(stack)
    evidence_in(stack, cycle_id)
    participant_id = olives_participant(stack)
    grow(stack, 0, 10 - 2 - len(PEERS))
    measure(stack, stack.engine, participant_id)  # first contact learns each person's language (one write)
    small = measure(stack, stack.engine, participant_id)
    grow(stack, 100, 1000)
    large = measure(stack, stack.engine, participant_id)
    assert small == large, (small, large)
    assert all(count < 40 for count in small.values()), small
