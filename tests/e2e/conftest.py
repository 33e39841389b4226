"""The real app behind the production HTTP entry, talking to a fake Slack, on each test database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.sandbox.slack import FakeSlack
from bot.settings import Settings
from bot.wsgi import make_wsgi_app
from models.db import unit_of_work
from models.people import Role
from models.workspace import Workspace
from tests.e2e.harness import SignedSlackClient, serve_wsgi
from tests.factories import make_person

SIGNING_SECRET = "e2e-signing-secret"
BOT_TOKEN = "xoxb-e2e-token"


@dataclass
class Stack:
    fake: FakeSlack
    slack: SignedSlackClient
    session_factory: sessionmaker[Session]
    engine: Engine
    base_url: str

    def seed(self, *people: tuple[str, str], hr: str | None = None, **workspace_fields: object) -> Workspace:
        """A workspace with these (user id, name) people known to both perfbot and the fake Slack."""
        with unit_of_work(self.session_factory) as session:
            workspace = Workspace(team_id=self.fake.team_id, **workspace_fields)
            session.add(workspace)
            session.flush()
            for user_id, name in people:
                self.fake.add_user(user_id, name, email=f"{name.lower()}@example.com")
                make_person(
                    session,
                    workspace,
                    user_id,
                    name=name,
                    role=Role.HR_ADMIN if user_id == hr else Role.EMPLOYEE,
                )
        return workspace


def settings_for(fake: FakeSlack, database_url: str = "sqlite://") -> Settings:
    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake.url,
        database_url=database_url,
    )


@pytest.fixture
def stack(engine: Engine, session_factory: sessionmaker[Session]) -> Iterator[Stack]:
    with FakeSlack() as fake:
        app = build_app(settings_for(fake), session_factory)
        with serve_wsgi(make_wsgi_app(app)) as base_url:
            yield Stack(
                fake,
                SignedSlackClient(base_url, SIGNING_SECRET, fake=fake),
                session_factory,
                engine,
                base_url,
            )
        fake.assert_no_rejections()


def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait for work the app does after its ack (listeners run on their own threads)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached within the timeout")
        time.sleep(0.02)
