"""A review cycle over signed HTTP against the fake Slack: launch DMs, the self-assessment (draft, submit,
change, refused after the deadline, allowed again by an extension), nominations, the manager's approval,
peer reviews with a decline and a replacement, and the anonymous aggregate."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from handlers.reviews import ReviewButton, ReviewInput
from models.audit import AuditEntry
from models.db import unit_of_work
from models.messaging import OutboxMessage, OutboxStatus
from models.people import Person, Role
from models.reviews import (
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewMessage,
    SelfAssessment,
    SelfAssessmentInput,
    Stage,
    SubmissionStatus,
    create_cycle,
    extend_deadline,
    launch_cycle,
    participant_of,
    peer_aggregate,
    save_self_assessment,
)
from models.workspace import Workspace
from scheduler.delivery import Delivery
from scheduler.jobs.reviews import reminders
from scheduler.slack_sender import SlackSender
from tests.e2e.conftest import Stack, eventually
from tests.reviews.helpers import definition

TODAY = datetime.now(UTC).date()
WORKING_NOW = datetime.combine(TODAY, time(10), tzinfo=UTC)  # delivery inside working hours
HR, BOSS, OLIVE = "UHR", "UBOSS", "UOLIVE"
PEERS = ["UP1", "UP2", "UP3", "UP4"]


def seed(stack: Stack) -> int:
    """Hana (HR), Bo (manager), Olive and four colleagues reporting to Bo; a launched cycle; its id."""
    everyone = [(HR, "Hana"), (BOSS, "Bo"), (OLIVE, "Olive"), *[(p, f"Peer{p[-1]}") for p in PEERS]]
    stack.seed(*everyone, hr=HR, work_days=list(range(7)))  # deliveries on any day the test runs
    with unit_of_work(stack.session_factory) as session:
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        people[BOSS].role = Role.MANAGER
        for user_id in (OLIVE, *PEERS):
            people[user_id].manager_id = people[BOSS].id
        workspace = session.scalars(select(Workspace)).one()
        cycle = create_cycle(session, workspace, people[HR], definition(start=TODAY))
        # Launched an hour before the deliveries below, whatever the time of day the suite runs at.
        launch_cycle(session, workspace, people[HR], cycle.id, WORKING_NOW - timedelta(hours=1))
        return cycle.id


def deliver(stack: Stack, at: datetime = WORKING_NOW) -> None:
    client = WebClient(token="xoxb-e2e-token", base_url=stack.fake.url, timeout=5, retry_handlers=[])
    moment = [at]  # a simulated clock: waiting for Slack's rate limits costs no real time

    def sleep(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    Delivery(stack.session_factory, SlackSender(client)).drain(
        at, clock=lambda: moment[0], sleep=sleep, linger=600
    )


def dms_to(stack: Stack, user_id: str) -> list[dict[str, Any]]:
    channel = stack.fake.dm_channel_id(user_id)
    return [
        c.args for c in stack.fake.calls("chat.postMessage") if c.args.get("channel") in (channel, user_id)
    ]


def dm_to(stack: Stack, user_id: str, words: str, nth: int = 1) -> dict[str, Any]:
    """The `nth` DM to `user_id` whose text has `words`, waiting for it: messages a request causes
    are sent right after its ack, on another thread."""
    found: list[dict[str, Any]] = []

    def arrived() -> bool:
        found[:] = [m for m in dms_to(stack, user_id) if words in m["text"]]
        return len(found) >= nth

    eventually(arrived)
    return found[nth - 1]


def click(stack: Stack, action: str, user: str, message: dict[str, Any]) -> Any:
    shown = {
        "type": "message",
        "user": stack.fake.bot_user_id,
        "text": message["text"],
        "blocks": message["blocks"],
        "ts": "1700000000.000100",
    }
    return stack.slack.block_action(action, user, message=shown, channel_id=stack.fake.dm_channel_id(user))


def opening(stack: Stack, do: Any) -> dict[str, Any]:
    """Do something that opens a modal (after its ack), and wait for that modal."""
    before = len(stack.fake.calls("views.open"))
    do()
    view = stack.fake.wait_for("views.open", count=before + 1)[before].args["view"]
    return view if isinstance(view, dict) else {}


def self_state(ratings: dict[str, str], comment: str = "") -> dict[str, Any]:
    state: dict[str, Any] = {f"rating:{key}": {ReviewInput.RATING: value} for key, value in ratings.items()}
    state["comment:results"] = {ReviewInput.COMMENT: comment}
    state["accomplishments"] = {ReviewInput.ACCOMPLISHMENTS: "Shipped the <!channel> migration"}
    return state


def assessment(stack: Stack) -> SelfAssessment | None:
    with stack.session_factory() as session:
        return session.scalars(select(SelfAssessment)).first()


def test_launch_dm_and_the_self_assessment_from_draft_to_refusal_after_the_deadline(stack: Stack) -> None:
    cycle_id = seed(stack)
    deliver(stack)
    [launch] = dms_to(stack, OLIVE)
    assert "has started" in launch["text"]
    view = opening(stack, lambda: click(stack, ReviewButton.OPEN_SELF, OLIVE, launch))
    blocks = {b.get("block_id") for b in view["blocks"]}
    assert {"rating:results", "comment:results", "rating:growth", "accomplishments"} <= blocks
    assert "Delivers the agreed results reliably and on time." in str(view["blocks"]), "standards shown"

    draft = self_state({"results": "4"}, comment="Led the move")
    stack.slack.block_action(ReviewButton.SAVE_DRAFT, OLIVE, view=view, state_values=draft)
    [update] = stack.fake.wait_for("views.update")
    assert "Draft saved" in str(update.args["view"]["blocks"])
    saved = assessment(stack)
    assert saved is not None and saved.status is SubmissionStatus.DRAFT and saved.ratings == {"results": 4}

    incomplete = stack.slack.view_submission(view, draft, OLIVE).json()
    assert incomplete["response_action"] == "errors"
    assert set(incomplete["errors"]) == {"rating:collaboration", "rating:growth"}

    full = self_state({"results": "4", "collaboration": "3", "growth": "5"}, comment="Led the move")
    assert stack.slack.view_submission(view, full, OLIVE).body == ""
    saved = assessment(stack)
    assert saved is not None and saved.status is SubmissionStatus.SUBMITTED

    reopened = opening(
        stack, lambda: stack.slack.command("/review", "self", OLIVE)
    )  # changed before the deadline
    assert (
        stack.slack.view_submission(
            reopened, self_state({"results": "5", "collaboration": "3", "growth": "5"}), OLIVE
        ).body
        == ""
    )
    assert assessment(stack).ratings["results"] == 5  # type: ignore[union-attr]

    with unit_of_work(stack.session_factory) as session:
        session.get(ReviewCycle, cycle_id).self_due = TODAY - timedelta(days=2)  # type: ignore[union-attr]
    late = stack.slack.view_submission(reopened, full, OLIVE).json()
    assert "has passed" in str(late["errors"])
    assert assessment(stack).ratings["results"] == 5  # type: ignore[union-attr]

    with unit_of_work(stack.session_factory) as session:
        workspace = session.scalars(select(Workspace)).one()
        hr, olive = (
            session.scalars(select(Person).where(Person.slack_user_id == u)).one() for u in (HR, OLIVE)
        )
        extend_deadline(
            session,
            workspace,
            hr,
            cycle_id,
            Stage.SELF_ASSESSMENT,
            TODAY + timedelta(days=1),
            person=olive,
            reason="was ill",
        )
    assert stack.slack.view_submission(reopened, full, OLIVE).body == ""
    assert assessment(stack).ratings["results"] == 4  # type: ignore[union-attr]


def nominate(stack: Stack, user: str, peers: list[str]) -> Any:
    view = opening(stack, lambda: stack.slack.command("/review", "peers", user))
    return stack.slack.view_submission(view, {"peers": {ReviewInput.PEERS: peers}}, user)


def nominations(stack: Stack) -> dict[str, NominationStatus]:
    with stack.session_factory() as session:
        rows = session.execute(
            select(Person.slack_user_id, PeerNomination.status).join(
                Person, Person.id == PeerNomination.reviewer_id
            )
        )
        return {user_id: status for user_id, status in rows}


def test_nominate_approve_review_decline_replace_and_the_anonymous_aggregate(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    cycle_id = seed(stack)
    too_few = nominate(stack, OLIVE, PEERS[:2]).json()
    assert "between 3 and 5" in too_few["errors"]["peers"]
    with_self = nominate(stack, OLIVE, [OLIVE, *PEERS[:3]]).json()
    assert "yourself" in with_self["errors"]["peers"]
    assert nominate(stack, OLIVE, PEERS[:3]).body == ""
    assert set(nominations(stack).values()) == {NominationStatus.NOMINATED}

    deliver(stack)
    approval = dm_to(stack, BOSS, "nominated peers")
    assert click(stack, ReviewButton.APPROVE_NOMINATIONS, BOSS, approval).status == 200
    assert set(nominations(stack).values()) == {NominationStatus.APPROVED}

    deliver(stack)
    requests = {p: dm_to(stack, p, "peer review of") for p in PEERS[:3]}
    words = {"UP1": "Always unblocks the team", "UP3": "Writes the clearest docs"}
    for peer in ("UP1", "UP3"):
        modal = opening(stack, lambda peer=peer: click(stack, ReviewButton.WRITE_PEER, peer, requests[peer]))
        state = {
            f"peer:{k}": {ReviewInput.RATING: "4"} for k in ("collaboration", "communication", "reliability")
        }
        state["peer:well"] = {ReviewInput.ANSWER: words[peer]}
        assert stack.slack.view_submission(modal, state, peer).body == ""

    decline = opening(stack, lambda: click(stack, ReviewButton.DECLINE_PEER, "UP2", requests["UP2"]))
    assert (
        "errors" in stack.slack.view_submission(decline, {"reason": {ReviewInput.REASON: ""}}, "UP2").json()
    )
    reason = {"reason": {ReviewInput.REASON: "On leave for the whole period"}}
    assert stack.slack.view_submission(decline, reason, "UP2").body == ""
    deliver(stack)
    told = dm_to(stack, OLIVE, "declined")
    assert "On leave" in str(told["blocks"])

    with stack.session_factory() as session:  # two reviews: below the minimum, nothing but the reason
        cycle = session.get(ReviewCycle, cycle_id)
        boss = session.scalars(select(Person).where(Person.slack_user_id == BOSS)).one()
        olive = session.scalars(select(Person).where(Person.slack_user_id == OLIVE)).one()
        withheld = peer_aggregate(session, boss, cycle, participant_of(session, cycle, olive))  # type: ignore[arg-type]
        assert withheld.withheld and withheld.means == [] and withheld.answers == []
    team = stack.slack.command("/review", "team", BOSS).json()
    value = next(b["accessory"]["value"] for b in team["blocks"] if "<@UOLIVE>" in b["text"]["text"])
    early = opening(
        stack,
        lambda: stack.slack.block_action(
            ReviewButton.VIEW_REPORT, BOSS, message=team, action={"value": value}
        ),
    )
    assert "withheld until at least 3" in str(early["blocks"])
    assert not any(text in str(early["blocks"]) for text in words.values())

    assert nominate(stack, OLIVE, ["UP1", "UP3", "UP4"]).body == ""  # the replacement
    deliver(stack)
    second = dm_to(stack, BOSS, "nominated peers", nth=2)
    click(stack, ReviewButton.APPROVE_NOMINATIONS, BOSS, second)
    deliver(stack)
    request = dm_to(stack, "UP4", "peer review of")
    modal = opening(stack, lambda: click(stack, ReviewButton.WRITE_PEER, "UP4", request))
    state = {
        f"peer:{k}": {ReviewInput.RATING: "2"} for k in ("collaboration", "communication", "reliability")
    }
    assert stack.slack.view_submission(modal, state, "UP4").body == ""
    assert nominations(stack)["UP2"] is NominationStatus.DECLINED

    with stack.session_factory() as session:
        cycle = session.get(ReviewCycle, cycle_id)
        boss = session.scalars(select(Person).where(Person.slack_user_id == BOSS)).one()
        olive = session.scalars(select(Person).where(Person.slack_user_id == OLIVE)).one()
        shown = peer_aggregate(session, boss, cycle, participant_of(session, cycle, olive))  # type: ignore[arg-type]
    assert not shown.withheld and shown.received == 3
    assert [round(m.mean, 2) for m in shown.means] == [3.33, 3.33, 3.33]
    assert sorted(next(a for a in shown.answers if a.key == "well").answers) == sorted(words.values())
    assert shown.reviewer_names is None

    # Bo's view of Olive's review: the aggregate and the words, without a writer's name or id.
    team = stack.slack.command("/review", "team", BOSS).json()
    [row] = [b for b in team["blocks"] if "<@UOLIVE>" in b.get("text", {}).get("text", "")]
    assert "peer reviews 3 of 3" in row["text"]["text"]
    report = opening(
        stack,
        lambda: stack.slack.block_action(
            ReviewButton.VIEW_REPORT, BOSS, message=team, action={"value": row["accessory"]["value"]}
        ),
    )
    shown_to_boss = str(report["blocks"])
    assert all(text in shown_to_boss for text in words.values()) and "3.3 (3 reviews)" in shown_to_boss
    for peer in PEERS:
        assert peer not in shown_to_boss and f"Peer{peer[-1]}" not in shown_to_boss

    # Anonymity: nothing Olive or Bo were sent, no audit entry and no log line carries a reviewer's words.
    seen_by_them = str([m for user in (OLIVE, BOSS) for m in dms_to(stack, user)])
    with stack.session_factory() as session:
        audit = str([(a.before, a.after, a.reason) for a in session.scalars(select(AuditEntry))])
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for text in words.values():
        assert text not in seen_by_them and text not in audit and text not in logged


def test_stage_reminders_are_sent_then_the_manager_told_and_a_queued_one_cancelled_on_submission(
    stack: Stack,
) -> None:
    cycle_id = seed(stack)
    with stack.session_factory() as session:
        due = session.get(ReviewCycle, cycle_id).self_due  # type: ignore[union-attr]

    def day(offset: int) -> datetime:
        return datetime.combine(due + timedelta(days=offset), time(10), tzinfo=UTC)

    def sweep(at: datetime) -> None:
        with unit_of_work(stack.session_factory) as session:
            reminders.sweep(session, at)

    sweep(day(-3))
    deliver(stack, day(-3))
    [reminder] = [m for m in dms_to(stack, OLIVE) if "self-assessment" in m["text"] and "is due" in m["text"]]
    assert "in 3 days" in reminder["text"]
    assert {"review_open_self", "reminder_snooze"} <= {
        e["action_id"] for b in reminder["blocks"] if b["type"] == "actions" for e in b["elements"]
    }

    sweep(day(4))  # three days overdue and still nothing: Bo hears of it
    deliver(stack, day(4))
    assert any(
        "still owes the self-assessment" in m["text"] and "<@UOLIVE>" in m["text"]
        for m in dms_to(stack, BOSS)
    )

    sweep(day(-1))  # queued for Olive, then she submits before it goes out
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        olive = session.scalars(select(Person).where(Person.slack_user_id == OLIVE)).one()
        full = SelfAssessmentInput(ratings={"results": 3, "collaboration": 3, "growth": 3})
        save_self_assessment(session, olive, cycle, full, day(-1), submit=True)  # type: ignore[arg-type]
    with stack.session_factory() as session:
        queued = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.person_id == olive.id, OutboxMessage.dedupe_key.endswith(":d-1")
            )
        ).all()
    statuses = {row.kind: row.status for row in queued}
    assert statuses == {
        ReviewMessage.SELF_REMINDER.value: OutboxStatus.CANCELLED,  # submitted
        ReviewMessage.NOMINATION_REMINDER.value: OutboxStatus.QUEUED,  # still owed
    }
    before = len(dms_to(stack, OLIVE))
    deliver(stack, day(-1))
    assert not [m for m in dms_to(stack, OLIVE)[before:] if "self-assessment" in m["text"]]
