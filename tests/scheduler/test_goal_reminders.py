"""Goal reminders through the outbox: due in 7 days and in 1 day, check-in prompts on the workspace's
cadence, proposals waiting for approval; moot ones skipped at delivery, the same SQL at any size."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.slack import FakeSlack
from models.db import unit_of_work
from models.goals import Goal, GoalKind, GoalLevel, GoalStatus, update_goal_settings
from models.messaging import MessageKind, OutboxMessage, OutboxStatus, snooze
from models.people import Person, Role
from models.workspace import Workspace
from scheduler.clock import run_sweep
from scheduler.delivery import Delivery, DeliveryStats
from scheduler.jobs.goals import reminders as goal_reminders
from scheduler.slack_sender import SlackSender
from tests.conftest import StatementCounter
from tests.factories import make_goal, make_person
from tests.scheduler.helpers import LONG_AGO, MONDAY, FakeSender, Org, make_org, row, rows

TODAY = MONDAY.date()  # Monday 2026-11-23
ACTIVATED = MONDAY - timedelta(days=2)  # recently enough that no check-in is due yet


def goal(session: Session, owner: Person | None, workspace: Workspace | None = None, **fields: Any) -> Goal:
    """A goal agreed two days ago (no check-in due yet), due well after the week under test."""
    fields.setdefault("activated_at", ACTIVATED)
    fields.setdefault("due_date", date(2027, 6, 30))
    home = workspace or (session.get(Workspace, owner.workspace_id) if owner else None)
    assert home is not None
    return make_goal(session, home, owner=owner, **fields)


def queued(session: Session, kind: MessageKind) -> set[tuple[int | None, str]]:
    """(recipient, dedupe key) of every row of this kind."""
    found = session.execute(
        select(OutboxMessage.person_id, OutboxMessage.dedupe_key).where(OutboxMessage.kind == kind)
    )
    return {(person_id, key) for person_id, key in found}


@pytest.fixture
def org(session: Session) -> Org:
    return make_org(session, reports=2)


# -- sweeps ----------------------------------------------------------------------------------------


def test_running_the_sweep_twice_queues_nothing_new(session: Session, org: Org) -> None:
    ana, _ = org.reports
    goal(session, ana, due_date=TODAY + timedelta(days=7))
    goal(session, ana, due_date=TODAY + timedelta(days=1))
    goal(session, ana, activated_at=MONDAY - timedelta(days=10))
    goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
    assert goal_reminders.sweep(session, MONDAY) == 4  # due in 7 days, in 1 day, a check-in, an approval
    assert goal_reminders.sweep(session, MONDAY) == 0
    assert goal_reminders.sweep(session, MONDAY + timedelta(hours=5)) == 0


def test_due_in_7_days_and_in_1_day_go_to_the_owner(session: Session, org: Org) -> None:
    ana, ben = org.reports
    week = goal(session, ana, due_date=TODAY + timedelta(days=7))
    tomorrow = goal(session, ben, due_date=TODAY + timedelta(days=1))
    goal(session, ana, due_date=TODAY + timedelta(days=6))
    goal(session, ana, due_date=TODAY + timedelta(days=7), status=GoalStatus.COMPLETED)
    goal(session, ana, due_date=TODAY + timedelta(days=7), status=GoalStatus.PROPOSED)
    goal(session, None, org.workspace, level=GoalLevel.COMPANY, due_date=TODAY + timedelta(days=7))
    gone = make_person(session, org.workspace, "UGONE", active=False, created_at=LONG_AGO)
    goal(session, gone, due_date=TODAY + timedelta(days=1))
    other = make_org(session, reports=1, team_id="T002")
    elsewhere = goal(session, other.reports[0], due_date=TODAY + timedelta(days=7))

    goal_reminders.sweep(session, MONDAY)

    assert queued(session, MessageKind.GOAL_DUE) == {
        (ana.id, f"goal:{week.id}:due-7d:2026-11-30"),
        (ben.id, f"goal:{tomorrow.id}:due-1d:2026-11-24"),
        (other.reports[0].id, f"goal:{elsewhere.id}:due-7d:2026-11-30"),
    }
    reminder = session.scalars(
        select(OutboxMessage).where(OutboxMessage.dedupe_key == f"goal:{week.id}:due-7d:2026-11-30")
    ).one()
    assert reminder.workspace_id == org.workspace.id
    assert reminder.payload == {"goal_id": week.id, "due": "2026-11-30", "days": 7}
    assert (reminder.not_before, reminder.working_hours, reminder.status) == (
        MONDAY,
        True,
        OutboxStatus.QUEUED,
    )
    before = queued(session, MessageKind.GOAL_DUE)
    # Six days later the 7-day reminders are not repeated; the 1-day ones come on their day.
    goal_reminders.sweep(session, MONDAY + timedelta(days=6))
    assert queued(session, MessageKind.GOAL_DUE) - before == {
        (ana.id, f"goal:{week.id}:due-1d:2026-11-30"),
        (other.reports[0].id, f"goal:{elsewhere.id}:due-1d:2026-11-30"),
    }


def test_a_new_due_date_is_a_new_occasion(session: Session, org: Org) -> None:
    ana = org.reports[0]
    moved = goal(session, ana, due_date=TODAY + timedelta(days=7))
    goal_reminders.sweep(session, MONDAY)
    moved.due_date = TODAY + timedelta(days=14)
    session.flush()
    goal_reminders.sweep(session, MONDAY + timedelta(days=7))
    assert {key for _, key in queued(session, MessageKind.GOAL_DUE)} == {
        f"goal:{moved.id}:due-7d:2026-11-30",
        f"goal:{moved.id}:due-7d:2026-12-07",
    }


def test_a_check_in_prompt_only_for_goals_without_a_recent_check_in(session: Session, org: Org) -> None:
    ana, ben = org.reports
    stale = goal(session, ana, last_checkin_at=MONDAY - timedelta(days=8))
    never = goal(session, ben, activated_at=MONDAY - timedelta(days=10))
    goal(session, ana, last_checkin_at=MONDAY - timedelta(days=2))  # checked in recently
    goal(session, ana, activated_at=MONDAY - timedelta(days=1))  # just agreed
    goal(session, ana, status=GoalStatus.PROPOSED, activated_at=None, created_at=LONG_AGO)
    goal(session, ana, status=GoalStatus.CANCELLED, last_checkin_at=LONG_AGO)

    goal_reminders.sweep(session, MONDAY)

    # The key names the day the cadence ran out, counted from the last check-in (or activation).
    assert queued(session, MessageKind.GOAL_CHECKIN) == {
        (ben.id, f"goal:{never.id}:checkin:2026-11-20"),
        (ana.id, f"goal:{stale.id}:checkin:2026-11-22"),
    }
    [prompt] = session.scalars(select(OutboxMessage).where(OutboxMessage.subject_id == ana.id)).all()
    assert prompt.payload == {"goal_id": stale.id, "days": 7}


def test_check_in_prompts_come_once_per_cadence_period_and_a_check_in_restarts_the_count(
    session: Session, org: Org
) -> None:
    ana = org.reports[0]
    quiet = goal(session, ana, last_checkin_at=MONDAY - timedelta(days=7, hours=1))
    assert goal_reminders.sweep(session, MONDAY) == 1
    # Every day of the next week (ISO week boundary included): nothing new.
    for day in range(1, 7):
        assert goal_reminders.sweep(session, MONDAY + timedelta(days=day)) == 0, day
    # Still silent a whole period later: the next prompt.
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=7)) == 1
    # A check-in starts the count afresh.
    quiet.last_checkin_at = MONDAY + timedelta(days=8)
    session.flush()
    for day in range(8, 15):
        assert goal_reminders.sweep(session, MONDAY + timedelta(days=day, hours=3)) == 0, day
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=15, hours=3)) == 1
    assert {key for _, key in queued(session, MessageKind.GOAL_CHECKIN)} == {
        f"goal:{quiet.id}:checkin:2026-11-23",
        f"goal:{quiet.id}:checkin:2026-11-30",
        f"goal:{quiet.id}:checkin:2026-12-08",
    }


def test_the_check_in_cadence_is_the_workspaces_setting(session: Session, org: Org) -> None:
    ana = org.reports[0]
    hr = make_person(session, org.workspace, "UHR", role=Role.HR_ADMIN, created_at=LONG_AGO)
    update_goal_settings(session, org.workspace, hr, progress_threshold="10", checkin_cadence_days="14")
    goal(session, ana, last_checkin_at=MONDAY - timedelta(days=10))
    fortnight = goal(session, ana, last_checkin_at=MONDAY - timedelta(days=15))
    other = make_org(session, reports=1, team_id="T002")  # the default: 7 days
    weekly = goal(session, other.reports[0], last_checkin_at=MONDAY - timedelta(days=10))

    goal_reminders.sweep(session, MONDAY)

    assert queued(session, MessageKind.GOAL_CHECKIN) == {
        (other.reports[0].id, f"goal:{weekly.id}:checkin:2026-11-20"),
        (ana.id, f"goal:{fortnight.id}:checkin:2026-11-22"),
    }
    assert session.scalars(select(OutboxMessage.payload).where(OutboxMessage.person_id == ana.id)).one() == {
        "goal_id": fortnight.id,
        "days": 14,
    }


def test_a_proposal_waiting_more_than_3_days_reminds_the_approver_once_per_proposal(
    session: Session, org: Org
) -> None:
    ana, ben = org.reports
    hr = make_person(session, org.workspace, "UHR", role=Role.HR_ADMIN, created_at=LONG_AGO)
    solo = make_person(session, org.workspace, "USOLO", created_at=LONG_AGO)  # no manager: HR decides
    waiting = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=3, hours=1))
    goal(session, ben, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=2, hours=23))
    unmanaged = goal(session, solo, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=5))
    gone = make_person(session, org.workspace, "UGONE", manager=org.manager, active=False)
    goal(session, gone, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=5))

    goal_reminders.sweep(session, MONDAY)

    stamp = int(waiting.proposed_at.timestamp())  # type: ignore[union-attr]
    solo_stamp = int(unmanaged.proposed_at.timestamp())  # type: ignore[union-attr]
    assert queued(session, MessageKind.GOAL_APPROVAL) == {
        (org.manager.id, f"goal:{waiting.id}:approval:{stamp}:person:{org.manager.id}"),
        (hr.id, f"goal:{unmanaged.id}:approval:{solo_stamp}:person:{hr.id}"),
    }
    reminder = session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == org.manager.id)).one()
    assert (reminder.subject_id, reminder.payload) == (ana.id, {"goal_id": waiting.id, "proposed": stamp})
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=2)) == 1  # Ben's, now over 3 days

    # Sent back and proposed again: a new waiting period, reminded again after 3 more days.
    waiting.status, waiting.proposed_at = GoalStatus.PROPOSED, MONDAY + timedelta(days=1)
    session.flush()
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=3)) == 0
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=4, hours=1)) == 1
    assert len(queued(session, MessageKind.GOAL_APPROVAL)) == 4


def grow_goals(session_factory: sessionmaker[Session], goals: int, team_id: str) -> None:
    """`goals` goals of every kind a reminder is about, over 10 owners with one manager."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=10, team_id=team_id)
        for index in range(goals):
            owner = org.reports[index % 10]
            shape = index % 4
            make_goal(
                session,
                org.workspace,
                owner=owner,
                due_date=TODAY + timedelta(days=(7, 1, 30, 30)[shape]),
                status=GoalStatus.PROPOSED if shape == 3 else GoalStatus.ACTIVE,
                proposed_at=MONDAY - timedelta(days=5) if shape == 3 else None,
                activated_at=None if shape == 3 else MONDAY - timedelta(days=2 if shape < 2 else 9),
                flush=False,
            )


def test_the_sweep_issues_the_same_statements_at_10_and_500_goals(
    engine: Engine, session_factory: sessionmaker[Session], count_statements: type[StatementCounter]
) -> None:
    grow_goals(session_factory, 10, "T10")
    with count_statements(engine) as small:
        queued_small = run_sweep(session_factory, goal_reminders.JOB, MONDAY)
    with unit_of_work(session_factory) as session:
        session.execute(OutboxMessage.__table__.delete())
        session.execute(Goal.__table__.delete())
    grow_goals(session_factory, 500, "T500")  # a second workspace; T10 stays, without goals
    with unit_of_work(session_factory) as session:
        session.execute(Workspace.__table__.delete().where(Workspace.team_id == "T10"))
    with count_statements(engine) as large:
        queued_large = run_sweep(session_factory, goal_reminders.JOB, MONDAY)
    assert (queued_small, queued_large) == (10, 500)
    assert large.count == small.count, (small.statements, large.statements)


# -- delivery --------------------------------------------------------------------------------------


def swept(session_factory: sessionmaker[Session], now: datetime = MONDAY) -> list[OutboxMessage]:
    run_sweep(session_factory, goal_reminders.JOB, now)
    return rows(session_factory)


def deliver(session_factory: sessionmaker[Session], sender: Any, at: datetime) -> DeliveryStats:
    """Deliver what is due at `at`, a second at a time, as the pacing to one DM a second needs."""
    delivery = Delivery(session_factory, sender)
    total = DeliveryStats()
    for second in range(5):
        total += delivery.drain(at + timedelta(seconds=second))
    return total


def action_values(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["action_id"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


@pytest.fixture
def committed_org(session_factory: sessionmaker[Session]) -> Org:
    with unit_of_work(session_factory) as session:
        return make_org(session, reports=2)


def test_each_reminder_carries_its_goal_buttons_and_snooze_only(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        due = goal(session, ana, title="Ship the <beta>", due_date=TODAY + timedelta(days=1))
        quiet = goal(session, ana, title="Quiet", last_checkin_at=MONDAY - timedelta(days=9))
        # Microseconds too: the database's proposed_at stamp in the key must match Python's.
        proposed_at = MONDAY - timedelta(days=4, microseconds=654321)
        proposal = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=proposed_at)
    by_kind = {message.kind: message.id for message in swept(session_factory)}
    sender = FakeSender()
    stats = deliver(session_factory, sender, MONDAY)
    assert (stats.sent, stats.cancelled, stats.failed) == (3, 0, 0)
    by_goal = {action_values(post.blocks).get("goal_view"): post for post in sender.posts}
    due_post, prompt, ask = by_goal[str(due.id)], by_goal[str(quiet.id)], by_goal[str(proposal.id)]

    assert due_post.channel == f"D{ana.slack_user_id}"
    assert "*Ship the &lt;beta&gt;* is due tomorrow (Nov 24, 2026)" in due_post.text
    assert action_values(due_post.blocks) == {
        "goal_check_in": str(due.id),
        "goal_view": str(due.id),
        "reminder_snooze": str(by_kind[MessageKind.GOAL_DUE]),
    }
    assert "*Quiet*: no update in the last 7 days" in prompt.text
    assert "Last check-in: Nov 14, 2026" in str(prompt.blocks)
    assert action_values(prompt.blocks) == {
        "goal_check_in": str(quiet.id),
        "goal_view": str(quiet.id),
        "reminder_snooze": str(by_kind[MessageKind.GOAL_CHECKIN]),
    }
    assert ask.channel == f"D{committed_org.manager.slack_user_id}"
    assert f"<@{ana.slack_user_id}>'s goal has waited 4 days for your approval" in ask.text
    assert action_values(ask.blocks) == {
        "goal_approve": str(proposal.id),
        "goal_request_changes": str(proposal.id),
        "goal_view": str(proposal.id),
        "reminder_snooze": str(by_kind[MessageKind.GOAL_APPROVAL]),
    }
    assert any(block.get("block_id") == "goal_decision" for block in ask.blocks)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def test_reminders_pass_slacks_block_kit_checks_over_http(
    session_factory: sessionmaker[Session], committed_org: Org, fake: FakeSlack
) -> None:
    ana = committed_org.reports[0]
    for person in (committed_org.manager, *committed_org.reports):
        fake.add_user(person.slack_user_id, person.name)
    with unit_of_work(session_factory) as session:
        long_title = ("Make onboarding *much* faster & friendlier <for> everyone " * 4)[:200]
        goal(session, ana, title=long_title, description="d" * 3000, due_date=TODAY + timedelta(days=7))
        goal(
            session,
            ana,
            title=long_title,
            kind=GoalKind.MILESTONE,
            last_checkin_at=MONDAY - timedelta(days=30),
        )
        goal(
            session, ana, title=long_title, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=9)
        )
    swept(session_factory)
    client = WebClient(token="xoxb-test", base_url=fake.url, timeout=5, retry_handlers=[])
    stats = deliver(session_factory, SlackSender(client), MONDAY)
    assert (stats.sent, stats.failed) == (3, 0)
    fake.assert_no_rejections()
    assert all(call.ok for call in fake.calls("chat.postMessage"))


def test_a_deadline_reads_in_the_recipients_own_time_zone(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana, ben = committed_org.reports
    with unit_of_work(session_factory) as session:
        session.get(Person, ana.id).tz = "Asia/Tokyo"  # type: ignore[union-attr]
        session.get(Person, ben.id).tz = "America/Los_Angeles"  # type: ignore[union-attr]
        goal(session, ana, due_date=TODAY + timedelta(days=1))
        goal(session, ben, due_date=TODAY + timedelta(days=1))
    swept(session_factory)  # Monday 10:00 UTC: 19:00 in Tokyo, 02:00 in Los Angeles
    sender = FakeSender()
    delivery = Delivery(session_factory, sender)
    assert delivery.drain(MONDAY).deferred == 2  # both outside their working hours
    # Tuesday 00:00 UTC: 09:00 on the due date in Tokyo, still Monday afternoon in Los Angeles.
    assert delivery.drain(MONDAY + timedelta(hours=14)).sent == 2
    texts = {post.channel: post.text for post in sender.posts}
    assert "is due today (Nov 24, 2026)" in texts[f"D{ana.slack_user_id}"]
    assert "is due tomorrow (Nov 24, 2026)" in texts[f"D{ben.slack_user_id}"]


def cancelled_reason(session_factory: sessionmaker[Session], message_id: int) -> str | None:
    message = row(session_factory, message_id)
    assert message.status is OutboxStatus.CANCELLED, (message.status, message.last_error)
    return message.last_error


def test_each_renderer_skips_a_reminder_that_became_moot(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        done = goal(session, ana, due_date=TODAY + timedelta(days=7))
        moved = goal(session, ana, due_date=TODAY + timedelta(days=1))
        checked = goal(session, ana, activated_at=MONDAY - timedelta(days=9))
        approved = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
        again = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=5))
    ids = {(m.kind, m.payload["goal_id"]): m.id for m in swept(session_factory)}
    assert len(ids) == 5
    with unit_of_work(session_factory) as session:
        session.get(Goal, done.id).status = GoalStatus.COMPLETED  # type: ignore[union-attr]
        session.get(Goal, moved.id).due_date = TODAY + timedelta(days=20)  # type: ignore[union-attr]
        session.get(Goal, checked.id).last_checkin_at = MONDAY - timedelta(hours=1)  # type: ignore[union-attr]
        session.get(Goal, approved.id).status = GoalStatus.ACTIVE  # type: ignore[union-attr]
        session.get(Goal, again.id).proposed_at = MONDAY - timedelta(hours=2)  # type: ignore[union-attr]
    sender = FakeSender()
    stats = deliver(session_factory, sender, MONDAY)
    assert (stats.sent, stats.cancelled) == (0, 5)
    assert sender.posts == []
    reasons = {key: cancelled_reason(session_factory, message_id) for key, message_id in ids.items()}
    assert reasons == {
        (MessageKind.GOAL_DUE, done.id): "the goal is completed",
        (MessageKind.GOAL_DUE, moved.id): "the goal's due date changed",
        (MessageKind.GOAL_CHECKIN, checked.id): "the goal was checked in on meanwhile",
        (MessageKind.GOAL_APPROVAL, approved.id): "the proposal was decided meanwhile",
        (MessageKind.GOAL_APPROVAL, again.id): (
            "the goal was proposed again since; that proposal has its own reminder"
        ),
    }


def test_an_approver_who_is_no_longer_the_manager_is_not_reminded(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
    [reminder] = swept(session_factory)
    with unit_of_work(session_factory) as session:
        other = make_person(session, committed_org.workspace, "UNEW", role=Role.MANAGER)
        session.get(Person, ana.id).manager_id = other.id  # type: ignore[union-attr]
    Delivery(session_factory, FakeSender()).drain(MONDAY)
    assert cancelled_reason(session_factory, reminder.id) == "the recipient can no longer approve this goal"


def test_a_snoozed_reminder_comes_back_and_still_checks_the_goal(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        quiet = goal(session, ana, activated_at=MONDAY - timedelta(days=9))
    [prompt] = swept(session_factory)
    sender = FakeSender()
    Delivery(session_factory, sender).drain(MONDAY)
    with unit_of_work(session_factory) as session:
        owner = session.get(Person, ana.id)
        assert owner is not None
        snooze(session, owner, prompt.id, MONDAY)
    Delivery(session_factory, sender).drain(MONDAY + timedelta(days=1))
    assert len(sender.posts) == 2  # the snoozed copy renders from the payload like the original
    with unit_of_work(session_factory) as session:
        snooze(session, owner, prompt.id + 1, MONDAY + timedelta(days=1))
        session.get(Goal, quiet.id).last_checkin_at = MONDAY + timedelta(days=1, hours=1)  # type: ignore[union-attr]
    Delivery(session_factory, sender).drain(MONDAY + timedelta(days=2))
    assert len(sender.posts) == 2
    assert rows(session_factory)[-1].status is OutboxStatus.CANCELLED


def test_a_proposal_whose_approver_has_left_reminds_hr(session: Session, org: Org) -> None:
    ana, _ben = org.reports
    hr = make_person(session, org.workspace, "UHR", role=Role.HR_ADMIN, created_at=LONG_AGO)
    waiting = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
    org.manager.active = False
    session.flush()

    goal_reminders.sweep(session, MONDAY)

    stamp = int(waiting.proposed_at.timestamp())  # type: ignore[union-attr]
    assert queued(session, MessageKind.GOAL_APPROVAL) == {
        (hr.id, f"goal:{waiting.id}:approval:{stamp}:person:{hr.id}"),
    }
