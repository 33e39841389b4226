"""Fakes and builders for scheduler tests: a scripted Sender, a small org, a fixed Monday."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.messaging import OutboxMessage
from models.people import Person, Role
from models.praise import Praise, PraiseRecipient
from models.workspace import Workspace
from scheduler.sender import Outcome, SlackAnswer
from tests.factories import make_person, make_workspace

# Monday of ISO week 2026-W48, 10:00 UTC: inside default working hours in UTC.
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LONG_AGO = MONDAY - timedelta(days=365)


@dataclass
class Post:
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    ts: str


@dataclass
class FakeSender:
    """Records calls; answers OK unless answers were scripted. Thread-safe, for two-worker tests."""

    posts: list[Post] = field(default_factory=list)
    opens: list[str] = field(default_factory=list)
    post_answers: deque[SlackAnswer] = field(default_factory=deque)
    open_answers: deque[SlackAnswer] = field(default_factory=deque)
    before_post: Any = None  # called with (channel) before answering, e.g. to check the database
    lock: threading.Lock = field(default_factory=threading.Lock)

    def open_dm(self, user_id: str) -> SlackAnswer:
        with self.lock:
            self.opens.append(user_id)
            if self.open_answers:
                return self.open_answers.popleft()
        return SlackAnswer(Outcome.OK, channel=f"D{user_id}")

    def post_message(self, channel: str, text: str, blocks: list[dict[str, Any]]) -> SlackAnswer:
        if self.before_post is not None:
            self.before_post(channel)
        with self.lock:
            if self.post_answers:
                answer = self.post_answers.popleft()
                if not answer.ok:
                    return answer
            ts = f"{1700000000 + len(self.posts)}.000100"
            self.posts.append(Post(channel, text, blocks, ts))
        return SlackAnswer(Outcome.OK, channel=channel, ts=ts)

    def permalink(self, channel: str, ts: str) -> str | None:
        return f"https://fake.slack.com/archives/{channel}/p{ts.replace('.', '')}"


@dataclass
class Org:
    workspace: Workspace
    manager: Person
    reports: list[Person]


def make_org(session: Session, reports: int = 2, *, team_id: str = "T001", **workspace_fields: Any) -> Org:
    """A workspace with one manager and `reports` direct reports, all with us for a year."""
    workspace = make_workspace(session, team_id, **workspace_fields)
    manager = make_person(session, workspace, "UMGR", name="Mona", role=Role.MANAGER, created_at=LONG_AGO)
    people = [
        make_person(
            session, workspace, f"UR{index:03d}", name=f"Report {index}", manager=manager, created_at=LONG_AGO
        )
        for index in range(reports)
    ]
    return Org(workspace, manager, people)


def praise(
    session: Session, giver: Person, recipients: list[Person], at: datetime, values: list[str] | None = None
) -> Praise:
    item = Praise(
        workspace_id=giver.workspace_id,
        giver_id=giver.id,
        message="thanks",
        values=values or [],
        created_at=at,
    )
    item.recipient_links = [
        PraiseRecipient(workspace_id=giver.workspace_id, person_id=person.id, position=index)
        for index, person in enumerate(recipients)
    ]
    session.add(item)
    session.flush()
    return item


def rows(session_factory: sessionmaker[Session]) -> list[OutboxMessage]:
    """Every outbox row as committed (a fresh session, so nothing cached)."""
    with session_factory() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def row(session_factory: sessionmaker[Session], message_id: int) -> OutboxMessage:
    with session_factory() as session:
        found = session.get(OutboxMessage, message_id)
        assert found is not None
        return found
