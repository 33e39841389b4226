"""Release over signed HTTP against the fake Slack, continuing a cycle as the manager review leaves it:
before release the employee sees nothing of their result anywhere (`/review`, `/review result`, App
Home, "View result", DMs); HR runs `/perf cycle release`, sees the counts, confirms; each employee gets
a DM with the breakdown and the last day to appeal in their own zone (Asia/Shanghai, America/New_York),
the manager a DM asking for the one-to-one; afterwards the result is on App Home and `/review result`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from babel.dates import format_date
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.sandbox.slack import FakeSlack
from bot.wsgi import make_wsgi_app
from handlers.reviews import ReviewButton
from models.db import unit_of_work
from models.people import Person
from models.reviews import (
    CycleStatus,
    ManagerReviewInput,
    ReviewCycle,
    participant_of,
    save_manager_review,
)
from tests.e2e.conftest import SIGNING_SECRET, Stack, settings_for
from tests.e2e.harness import SignedSlackClient, serve_wsgi
from tests.e2e.test_manager_review import evidence_in
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, deliver, dm_to, dms_to, opening, seed
from tests.e2e.test_review_home import home

NEWYORKER = PEERS[0]
TODAY = datetime.now(UTC).date()
TOMORROW = TODAY + timedelta(days=1)
# HR releases at 20:30 UTC: already tomorrow in Shanghai (04:30), still today in New York (15:30).
RELEASE_AT = datetime.combine(TODAY, time(20, 30), tzinfo=UTC)
SHANGHAI_MORNING = datetime.combine(TOMORROW, time(2), tzinfo=UTC)  # 10:00 in Shanghai
NEW_YORK_MORNING = datetime.combine(TOMORROW, time(15), tzinfo=UTC)  # 10:00 (or 11:00) in New York
FORMULA = "0.6 × 4.2 + 0.4 × 4.33 = 4.25 → 4"  # Olive's goal at 80 %, criteria 5, 4, 4
RATING_WORDS = ("final rating", "Your result", FORMULA, "4.25")


@pytest.fixture
def late_stack(engine: Engine, session_factory: sessionmaker[Session]) -> Iterator[Stack]:
    """The usual stack, with the app's clock at RELEASE_AT."""
    with FakeSlack() as fake:
        app = build_app(settings_for(fake), session_factory, clock=lambda: RELEASE_AT)
        with serve_wsgi(make_wsgi_app(app)) as base_url:
            yield Stack(
                fake,
                SignedSlackClient(base_url, SIGNING_SECRET, fake=fake),
                session_factory,
                engine,
                base_url,
            )
        fake.assert_no_rejections()


def reviewed(stack: Stack, cycle_id: int) -> None:
    """Olive in Shanghai and a colleague in New York, both reviewed by Bo (submitted)."""
    evidence_in(stack, cycle_id)
    with unit_of_work(stack.session_factory) as session:
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        people[OLIVE].tz, people[NEWYORKER].tz = "Asia/Shanghai", "America/New_York"
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        for user, levels in ((OLIVE, (5, 4, 4)), (NEWYORKER, (3, 3, 2))):
            participant = participant_of(session, cycle, people[user])
            assert participant is not None
            data = ManagerReviewInput(
                ratings=dict(zip(("results", "collaboration", "growth"), levels, strict=True)),
                summary="A strong half.",
            )
            save_manager_review(
                session, people[BOSS], cycle, participant, data, datetime.now(UTC), submit=True
            )


def seen_by(stack: Stack, user: str) -> str:
    """Everything the employee can look at: `/review`, `/review result`, App Home and their DMs."""
    status = stack.slack.command("/review", "", user).json()
    result = stack.slack.command("/review", "result", user).json()
    return " ".join([str(status), str(result), str(home(stack, user)["blocks"]), str(dms_to(stack, user))])


def refusal(stack: Stack, user: str, participant_id: str) -> None:
    """Click "View result" on someone's result as `user`, and wait for the refusal."""
    before = len(stack.fake.calls("response_url"))
    message: dict[str, Any] = {"type": "message", "text": "x", "blocks": [], "ts": "1.2"}
    stack.slack.block_action(ReviewButton.VIEW_RESULT, user, message=message, value=participant_id)
    [answer] = stack.fake.wait_for("response_url", count=before + 1)[before:]
    assert "A result is seen by the reviewing manager and HR" in str(answer.args)


def last_day(days_after_today: int) -> str:
    return str(format_date(TODAY + timedelta(days=days_after_today), format="medium", locale="en"))


def test_nothing_before_release_then_hr_releases_and_everyone_hears_in_their_zone(late_stack: Stack) -> None:
    stack = late_stack
    cycle_id = seed(stack)
    reviewed(stack, cycle_id)
    deliver(stack, SHANGHAI_MORNING)
    before = seen_by(stack, OLIVE)
    assert not any(words in before for words in RATING_WORDS), before
    assert "No result of yours has been released yet" in before
    opened = len(stack.fake.calls("views.open"))
    with stack.session_factory() as session:
        olive_id = session.scalars(select(Person.id).where(Person.slack_user_id == OLIVE)).one()
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        olive_participant = participant_of(session, cycle, session.get(Person, olive_id))  # type: ignore[arg-type]
        assert olive_participant is not None
        participant_id = str(olive_participant.id)
    refusal(stack, OLIVE, participant_id)
    assert len(stack.fake.calls("views.open")) == opened  # refused: not released

    refused = stack.slack.command("/perf", f"cycle release {cycle_id}", BOSS).json()
    assert "Only HR admins" in refused["text"]
    unknown = stack.slack.command("/perf", f"cycle release {cycle_id} Legal", HR).json()
    assert "No one in department Legal" in unknown["text"]
    view = opening(stack, lambda: stack.slack.command("/perf", f"cycle release {cycle_id}", HR))
    shown = str(view["blocks"])
    assert "2 results will be released now" in shown and "5 wait without a submitted manager review" in shown
    unticked = stack.slack.view_submission(view, {}, HR).json()
    assert set(unticked["errors"]) == {"confirm"}
    assert stack.slack.view_submission(view, {"confirm": {"confirm": ["yes"]}}, HR).body == ""
    assert "2 results of cycle" in dm_to(stack, HR, "are released")["text"]
    with stack.session_factory() as session:
        assert session.get(ReviewCycle, cycle_id).status is CycleStatus.LAUNCHED  # type: ignore[union-attr]

    deliver(stack, SHANGHAI_MORNING)
    olive_dm = dm_to(stack, OLIVE, "final rating")
    text = str(olive_dm["blocks"])
    assert "final rating *4 · " in text and FORMULA in text  # the rating, its label and the formula
    assert "Goal achievement*: 80%" in text and "Collaboration: 4" in text  # criteria and goals
    assert "4.0 (3 reviews)" in text  # the peer aggregate: the minimum of 3 was met
    assert f"You can appeal until {last_day(15)}" in text
    assert "appeal_open" in text and f"'value': '{participant_id}'" in text
    assert not any(peer in text for peer in PEERS[1:])  # no reviewer's id beside the numbers
    assert not [m for m in dms_to(stack, NEWYORKER) if "final rating" in m["text"]]  # night in New York

    deliver(stack, NEW_YORK_MORNING)
    ny_dm = str(dm_to(stack, NEWYORKER, "final rating")["blocks"])
    assert f"You can appeal until {last_day(14)}" in ny_dm
    assert "fewer than 3 came in, so no peer average is shown" in ny_dm
    asks = [m for m in dms_to(stack, BOSS) if "feedback conversation" in m["text"]]
    assert len(asks) == 2 and all("feedback_log_open" in str(m["blocks"]) for m in asks)
    assert "/review feedback @person" in asks[0]["text"]

    after = str(home(stack, OLIVE)["blocks"])
    assert "Your result" in after and "final rating *4" in after and "review_view_result" in after
    result = opening(stack, lambda: stack.slack.command("/review", "result", OLIVE))
    assert FORMULA in str(result["blocks"]) and "Always unblocks the team" in str(result["blocks"])
    # Releasing again sends nothing twice.
    again = stack.slack.command("/perf", f"cycle release {cycle_id}", HR).json()
    assert "Nothing to release" in again["text"]
    deliver(stack, NEW_YORK_MORNING)
    assert len([m for m in dms_to(stack, OLIVE) if "final rating" in m["text"]]) == 1


def test_a_colleague_never_sees_anothers_result(stack: Stack) -> None:
    cycle_id = seed(stack)
    reviewed(stack, cycle_id)
    view = opening(stack, lambda: stack.slack.command("/perf", f"cycle release {cycle_id}", HR))
    stack.slack.view_submission(view, {"confirm": {"confirm": ["yes"]}}, HR)
    dm_to(stack, HR, "are released")
    with stack.session_factory() as session:
        cycle = session.get(ReviewCycle, cycle_id)
        olive = session.scalars(select(Person).where(Person.slack_user_id == OLIVE)).one()
        participant = participant_of(session, cycle, olive)  # type: ignore[arg-type]
        assert participant is not None
        value = str(participant.id)
    opened = len(stack.fake.calls("views.open"))
    refusal(stack, PEERS[2], value)
    assert len(stack.fake.calls("views.open")) == opened
    assert "final rating" not in str(home(stack, PEERS[2])["blocks"])
