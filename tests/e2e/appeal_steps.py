"""Steps the appeal end-to-end tests share: a reviewed and released result, the filing form, clicks on
the buttons of the DMs perfbot sent, and delivering what the outbox holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from models.appeals import AppealRow
from models.db import unit_of_work
from models.messaging import OutboxMessage, OutboxStatus
from models.people import Person
from models.reviews import (
    ReviewCycle,
    ReviewParticipant,
    participant_of,
    release_results,
    save_manager_review,
)
from models.reviews.manager_review import ManagerReviewInput
from models.workspace import Workspace
from tests.e2e.conftest import Stack, eventually
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, WORKING_NOW, deliver, dms_to

REASON = "My results doubled the agreed target and the review does not mention billing at all."
LATER = WORKING_NOW + timedelta(days=1)  # after anything the test queued, inside working hours


def reviewed(stack: Stack, cycle_id: int, user: str = OLIVE, level: int = 3) -> int:
    """The manager review of `user`, submitted by Bo the way the modal does; the participant id."""
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        participant = participant_of(session, cycle, people[user])
        assert participant is not None
        data = ManagerReviewInput(
            ratings={"results": level, "collaboration": level, "growth": level}, summary="ok"
        )
        save_manager_review(session, people[BOSS], cycle, participant, data, datetime.now(UTC), submit=True)
        return participant.id


def release(stack: Stack, participant_id: int, at: datetime | None = None) -> None:
    """Hana (HR) releases the cycle at `at` (an hour ago by default), as `/perf cycle release` does:
    every submitted manager review not released yet, so `participant_id`'s, which `reviewed` submitted."""
    with unit_of_work(stack.session_factory) as session:
        participant = session.get(ReviewParticipant, participant_id)
        assert participant is not None
        workspace = session.get(Workspace, participant.workspace_id)
        hr = session.scalars(select(Person).where(Person.slack_user_id == HR)).one()
        assert workspace is not None
        moment = at or datetime.now(UTC) - timedelta(hours=1)
        release_results(session, workspace, hr, participant.cycle_id, moment)


def filing(
    part: str,
    reason: str = REASON,
    links: str = "",
    outcome: str = "A 4, as the target shows",
    items: Any = None,
) -> dict[str, Any]:
    state: dict[str, Any] = {
        "part": {"appeal_input": part},
        "reason": {"appeal_input": reason},
        "evidence": {"appeal_input": links},
        "outcome": {"appeal_input": outcome},
    }
    if items is not None:
        state["evidence_items"] = {"appeal_input": items}
    return state


def appeals(stack: Stack) -> list[AppealRow]:
    with stack.session_factory() as session:
        return list(session.scalars(select(AppealRow).order_by(AppealRow.id)))


def appeal_count(stack: Stack) -> int:
    with stack.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(AppealRow)) or 0)


def send_queued(stack: Stack) -> None:
    """Whatever the delivery right after the ack left (outside working hours), sent by the scheduler's;
    first the rows that delivery holds are let go, or the scheduler would take them over a day later."""

    def none_in_flight() -> bool:
        with stack.session_factory() as session:
            sending = select(func.count()).where(OutboxMessage.status == OutboxStatus.SENDING)
            return not session.scalar(sending)

    eventually(none_in_flight)
    deliver(stack, LATER)


def dm_with(stack: Stack, user: str, action_id: str) -> dict[str, Any]:
    """The latest DM to `user` that carries a button `action_id`."""
    found = [m for m in dms_to(stack, user) if action_id in str(m.get("blocks"))]
    assert found, (user, action_id, [m["text"] for m in dms_to(stack, user)])
    return found[-1]


def click_in(stack: Stack, user: str, message: dict[str, Any], action_id: str) -> dict[str, Any]:
    """Click a button of a DM and return the modal it opens."""
    shown = {
        "type": "message",
        "text": message["text"],
        "blocks": message["blocks"],
        "ts": "1700000000.000200",
    }
    before = len(stack.fake.calls("views.open"))
    stack.slack.block_action(action_id, user, message=shown, channel_id=stack.fake.dm_channel_id(user))
    view = stack.fake.wait_for("views.open", count=before + 1)[before].args["view"]
    assert isinstance(view, dict)
    return view


def everything_said_to(stack: Stack, user: str) -> str:
    """Every DM text and block perfbot sent `user`, and every modal it opened for them."""
    said = [str(m.get("text")) + str(m.get("blocks")) for m in dms_to(stack, user)]
    return "\n".join(said)
