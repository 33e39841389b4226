"""The demo organisation: Slack's side (people, channels) and perfbot's, loaded the way a company does.

perfbot's side goes through the org import from a CSV (matched to the Slack stand-in's
members from one users.list walk, as `perfbot org import` does) and the domain operations a
person's clicks would run.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib.resources import files

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.sandbox.seed_reviews import released_cycle
from bot.sandbox.slack import FakeSlack
from models.db import SessionFactory, unit_of_work
from models.goals import CheckinInput, GoalInput, approve_goal, check_in, create_goal
from models.messaging import MessageKind, OutboxMessage, enqueue_welcomes
from models.people import Person, read_org_csv
from models.people import apply_org_file as import_people
from models.people.org_import import SlackMembers
from models.praise import PraiseRequest, give_praise
from models.reviews import check_definition, create_cycle, launch_cycle
from models.settings.service import WorkspaceSettingsInput, update_settings
from models.workspace import Workspace, find_workspace, get_or_create_workspace

CHANNELS = (("C0GENERAL", "general"), ("C0KUDOS", "kudos"), ("C0ENG", "engineering"), ("C0SALES", "sales"))
RECOGNITION_CHANNEL = "C0KUDOS"
COMPANY_VALUES = ["ownership", "craft", "kindness", "customers"]


@dataclass(frozen=True)
class DemoPerson:
    user_id: str
    email: str
    name: str
    tz: str
    locale: str
    is_admin: bool


def _demo_file(name: str) -> str:
    return files("bot.sandbox").joinpath("demo", name).read_text(encoding="utf-8")


def demo_people() -> list[DemoPerson]:
    names = {row["email"]: row["name"] for row in csv.DictReader(io.StringIO(_demo_file("people.csv")))}
    return [
        DemoPerson(
            row["slack_user_id"],
            row["email"],
            names[row["email"]],
            row["tz"],
            row["locale"],
            row["is_admin"] == "true",
        )
        for row in csv.DictReader(io.StringIO(_demo_file("slack_users.csv")))
    ]


def fill_slack(slack: FakeSlack) -> None:
    """The demo workspace as Slack knows it: people with their zones and languages, and channels."""
    for person in demo_people():
        slack.add_user(
            person.user_id,
            person.name,
            email=person.email,
            tz=person.tz,
            locale=person.locale,
            is_admin=person.is_admin,
        )
    for channel_id, name in CHANNELS:
        slack.add_channel(channel_id, name, bot_is_member=True)


def seed_demo(session_factory: SessionFactory, team_id: str, members: SlackMembers, now: datetime) -> bool:
    """Load the demo organisation into an empty database; False when it is already there."""
    with unit_of_work(session_factory) as session:
        if find_workspace(session, team_id) is not None:
            return False
        workspace = get_or_create_workspace(session, team_id)
        report = import_people(session, workspace, read_org_csv(_demo_file("people.csv")), members)
        if report.failures:
            reasons = "; ".join(f"line {f.line}: {f.reason}" for f in report.failures)
            raise RuntimeError(f"the demo organisation did not import: {reasons}")
        enqueue_welcomes(session, report.new_people, now)
    with unit_of_work(session_factory) as session:
        workspace = session.scalars(select(Workspace).where(Workspace.team_id == team_id)).one()
        _settings_goals_and_praise(session, workspace, now)
        # The demo's history happened before the sandbox started: the posts and DMs it caused are
        # not waiting to be sent (the domain operations wrote them to the outbox as they do).
        session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.workspace_id == workspace.id,
                OutboxMessage.kind.in_(
                    [MessageKind.PRAISE_POST, MessageKind.PRAISE_DM, MessageKind.GOAL_NOTICE]
                ),
            )
        )
    with unit_of_work(session_factory) as session:
        workspace = session.scalars(select(Workspace).where(Workspace.team_id == team_id)).one()
        released_cycle(session, workspace, _people(session, workspace), now)
    with unit_of_work(session_factory) as session:
        workspace = session.scalars(select(Workspace).where(Workspace.team_id == team_id)).one()
        _review_cycle(session, workspace, _people(session, workspace)["grace"], now)
    return True


def _review_cycle(session: Session, workspace: Workspace, hr: Person, now: datetime) -> None:
    """A review cycle in progress, as HR would launch it: self-assessments due in five days, the
    cycle's period the half year behind; the launch DMs go out as the sandbox starts."""
    today = now.date()

    def days(n: int) -> str:
        return (today + timedelta(days=n)).isoformat()

    definition = check_definition(
        {
            "name": "Half-year performance review",
            "period_start": days(-182),
            "period_end": days(-1),
            "deadlines": {
                "self_assessment": days(5),
                "peer_nomination": days(5),
                "peer_reviews": days(12),
                "manager_review": days(19),
                "calibration": days(26),
                "release": days(30),
            },
        }
    )
    cycle = create_cycle(session, workspace, hr, definition)
    launch_cycle(session, workspace, hr, cycle.id, now)


def _people(session: Session, workspace: Workspace) -> dict[str, Person]:
    found = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    return {person.email.split(".")[0] if person.email else person.slack_user_id: person for person in found}


def _settings_goals_and_praise(session: Session, workspace: Workspace, now: datetime) -> None:
    who = _people(session, workspace)
    grace, omar, sofia = who["grace"], who["omar"], who["sofia"]
    update_settings(
        session, workspace, grace, WorkspaceSettingsInput(COMPANY_VALUES, RECOGNITION_CHANNEL, "en")
    )
    today = now.date()

    def days_ago(days: int) -> datetime:
        return now - timedelta(days=days)

    company = create_goal(
        session,
        workspace,
        grace,
        GoalInput(
            title="Grow annual recurring revenue to $12M",
            level="company",
            due_date=today + timedelta(days=120),
            unit="$M",
            baseline=8,
            target=12,
            start_date=today - timedelta(days=60),
        ),
        now=days_ago(60),
    ).goal
    engineering = create_goal(
        session,
        workspace,
        omar,
        GoalInput(
            title="Cut p95 page load to 800 ms",
            level="team",
            due_date=today + timedelta(days=90),
            unit="ms",
            baseline=1400,
            target=800,
            parent_id=company.id,
            start_date=today - timedelta(days=45),
        ),
        now=days_ago(45),
    ).goal
    sales = create_goal(
        session,
        workspace,
        sofia,
        GoalInput(
            title="Close 40 new accounts",
            level="team",
            due_date=today + timedelta(days=90),
            unit="accounts",
            baseline=0,
            target=40,
            parent_id=company.id,
            start_date=today - timedelta(days=45),
        ),
        now=days_ago(45),
    ).goal

    # Ana proposed, Omar approved, and she checks in weekly: her next check-in is due tomorrow.
    ana = create_goal(
        session,
        workspace,
        who["ana"],
        GoalInput(
            title="Cache the product catalogue API",
            level="individual",
            due_date=today + timedelta(days=40),
            unit="ms",
            baseline=900,
            target=300,
            weight=60,
            parent_id=engineering.id,
            start_date=today - timedelta(days=20),
        ),
        now=days_ago(20),
    ).goal
    approve_goal(session, workspace, omar, ana.id, now=days_ago(19))
    check_in(
        session,
        workspace,
        who["ana"],
        ana.id,
        CheckinInput(status="on_track", value=700, note="Read path cached."),
        now=days_ago(13),
    )
    check_in(
        session,
        workspace,
        who["ana"],
        ana.id,
        CheckinInput(status="on_track", value=520, note="Write path next."),
        now=days_ago(6),
    )

    # Chen Mei's goal is at risk; her manager has heard about it.
    chen = create_goal(
        session,
        workspace,
        who["chen"],
        GoalInput(
            title="Move the nightly reports to the new warehouse",
            level="individual",
            kind="milestone",
            due_date=today + timedelta(days=25),
            parent_id=engineering.id,
            start_date=today - timedelta(days=30),
        ),
        now=days_ago(30),
    ).goal
    approve_goal(session, workspace, omar, chen.id, now=days_ago(29))
    check_in(
        session,
        workspace,
        who["chen"],
        chen.id,
        CheckinInput(
            status="at_risk", note="Two reports still read the old tables.", blockers="Waiting for access"
        ),
        now=days_ago(3),
    )

    # Ben's proposal has waited four days for Omar: the scheduler reminds Omar, with Approve.
    create_goal(
        session,
        workspace,
        who["ben"],
        GoalInput(
            title="Ship the new onboarding flow",
            level="individual",
            kind="milestone",
            due_date=today + timedelta(days=60),
            parent_id=engineering.id,
        ),
        now=days_ago(4),
    )

    # Sofia set a goal for Eva that is due in eight days: a week-before reminder comes tomorrow.
    create_goal(
        session,
        workspace,
        sofia,
        GoalInput(
            title="Renew the three largest accounts",
            level="individual",
            owner_id=who["eva"].id,
            due_date=today + timedelta(days=8),
            unit="accounts",
            baseline=0,
            target=3,
            parent_id=sales.id,
            start_date=today - timedelta(days=20),
        ),
        now=days_ago(20),
    )

    give_praise(
        session,
        workspace,
        omar,
        PraiseRequest(
            [who["ana"]],
            "Thanks for untangling the catalogue cache before the launch!",
            ["ownership", "craft"],
        ),
        now=days_ago(2),
    )
    give_praise(
        session,
        workspace,
        who["gita"],
        PraiseRequest(
            [who["frank"], who["hugo"]], "That renewal call was a masterclass in listening.", ["customers"]
        ),
        now=days_ago(1),
    )
    give_praise(
        session,
        workspace,
        who["ben"],
        PraiseRequest([who["chen"]], "谢谢你帮我排查数据管道！", ["kindness"]),
        now=days_ago(1),
    )
