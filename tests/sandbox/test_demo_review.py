"""The demo's released cycle: a newcomer can open their result and an appeal at once, and the
managers are asked to log the one-to-one, all through the same paths a company uses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.sandbox.actions import PageActions
from bot.sandbox.run import Sandbox, start_sandbox
from models.reviews import CycleStatus, ManagerReview, ReviewCycle, ReviewParticipant


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    running = start_sandbox(Path(tmp_path_factory.mktemp("demo")) / "sandbox.db", 0)
    try:
        yield running
    finally:
        running.stop()


def test_last_years_cycle_is_released_with_every_report_reviewed(sandbox: Sandbox) -> None:
    with sandbox.session_factory() as session:
        cycles = {c.name: c for c in session.scalars(select(ReviewCycle))}
        released = cycles["Second-half review, last year"]
        assert released.status is CycleStatus.RELEASED
        assert cycles["Half-year performance review"].status is CycleStatus.LAUNCHED
        participants = list(
            session.scalars(select(ReviewParticipant).where(ReviewParticipant.cycle_id == released.id))
        )
        reviews = list(session.scalars(select(ManagerReview).where(ManagerReview.cycle_id == released.id)))
    reported = [p for p in participants if p.manager_id is not None]
    assert len(reported) == 8 and all(p.released_at is not None for p in reported)
    assert len(reviews) == 8 and all(r.final_rating is not None for r in reviews)


def test_an_employee_can_open_an_appeal_on_the_released_result(sandbox: Sandbox) -> None:
    actions: PageActions = sandbox.server.get_app().actions  # type: ignore[attr-defined]
    opened = len(sandbox.slack.calls("views.open"))
    answer = actions.perform({"kind": "send", "as": "U0ANA", "in": "C0GENERAL", "text": "/appeal"})
    assert answer == {"status": 200}
    # The app acks first and opens the modal right after (its trigger id is good for 3 s).
    call = sandbox.slack.wait_for("views.open", opened + 1)[opened]
    view = json.dumps(call.args["view"])
    # Ana's manager rated her 4 on two criteria and 5 on the third: her final rating is 4.
    assert "Final rating: 4 Exceeds expectations" in view and "Growth: 5 Outstanding" in view


def test_home_shows_the_result_and_the_one_to_ones_to_log(sandbox: Sandbox) -> None:
    actions: PageActions = sandbox.server.get_app().actions  # type: ignore[attr-defined]
    for user in ("U0ANA", "U0OMAR"):
        published = len(sandbox.slack.calls("views.publish"))
        assert actions.perform({"kind": "home", "as": user}) == {"status": 200}
        sandbox.slack.wait_for("views.publish", published + 1)
    ana, omar = json.dumps(sandbox.slack.home_view("U0ANA")), json.dumps(sandbox.slack.home_view("U0OMAR"))
    assert "Second-half review, last year" in ana and "One-to-ones to log" not in ana
    # Omar reviewed his four reports; none of their one-to-ones is logged yet.
    assert "One-to-ones to log" in omar and omar.count("feedback_log_open") == 4


def test_the_past_is_not_sent_again(sandbox: Sandbox) -> None:
    """The launch and release of last year's cycle happened before the sandbox started."""
    posted = [json.dumps(c.args) for c in sandbox.slack.calls("chat.postMessage")]
    assert not any("appeal_open" in p or "feedback_log_open" in p for p in posted)
