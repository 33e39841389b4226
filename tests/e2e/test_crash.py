"""No message a request causes is lost when the web process dies.

`perfbot serve` runs as an operator runs it (a subprocess in its own process group, gunicorn and
its worker) against the fake Slack, whose `chat.postMessage` keeps the first post in flight. The
request is acknowledged, the post is on the wire, and the whole process group is SIGKILLed: Slack
never takes that post. After a restart, `perfbot scheduler --once` leaves the dead request's rows
alone while their lease holds, and once it has run out sends each message exactly once.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot.migrate import upgrade
from bot.sandbox.slack import FakeSlack
from bot.sandbox.slack.records import Call
from models.db import make_engine, make_session_factory
from models.goals import Goal, GoalStatus
from models.messaging import REQUEST_LEASE, OutboxMessage, OutboxStatus
from models.praise import Praise
from tests.conftest import POSTGRES_URL, postgres_schema
from tests.e2e.conftest import BOT_TOKEN, SIGNING_SECRET, Stack
from tests.e2e.harness import SignedSlackClient
from tests.e2e.test_goal_support import BOSS, OLIVE, goal_form, opened, seed_org

PERFBOT = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]
IN_FLIGHT = 30.0  # seconds the fake keeps the first post on the wire: far longer than the test needs


@dataclass
class Database:
    url: str  # as the perfbot processes are given it
    engine: Engine
    session_factory: sessionmaker[Session]


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database the test and the perfbot processes share."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL runs are skipped")
        with postgres_schema(POSTGRES_URL) as engine:
            with engine.connect() as connection:
                schema = connection.execute(text("SHOW search_path")).scalar_one()
            upgrade(engine)
            url = engine.url.render_as_string(hide_password=False)
            url += "?options=" + quote(f"-c search_path={schema}")
            yield Database(url, engine, make_session_factory(engine))
        return
    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield Database(url, engine, make_session_factory(engine))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(fake: FakeSlack, database: Database) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "DATABASE_"))}
    env.update(
        DATABASE_URL=database.url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.url,
        LOG_LEVEL="WARNING",
    )
    return env


class Served:
    """`perfbot serve` in a process group of its own (gunicorn's master and worker)."""

    def __init__(self, fake: FakeSlack, database: Database, workdir: Path) -> None:
        self.port = free_port()
        self.log = (workdir / f"serve-{self.port}.log").open("wb")
        self.process = subprocess.Popen(
            [*PERFBOT, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1"],
            env=environment(fake, database),
            cwd=workdir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the kill takes the worker too
        )
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._wait_until_healthy()

    def _wait_until_healthy(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"perfbot serve exited with {self.process.returncode}")
            try:
                with urlopen(f"{self.base_url}/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("perfbot serve did not become healthy")

    def kill(self) -> None:
        """SIGKILL the whole process group: no handler runs, nothing is flushed or handed back."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


@contextmanager
def serving(fake: FakeSlack, database: Database, workdir: Path) -> Iterator[Served]:
    served = Served(fake, database, workdir)
    try:
        yield served
    finally:
        if served.process.poll() is None:
            served.kill()


def scheduler_once(fake: FakeSlack, database: Database, workdir: Path) -> str:
    done = subprocess.run(
        [*PERFBOT, "scheduler", "--once"],
        env=environment(fake, database),
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def lease_runs_out(database: Database) -> None:
    """What waiting out REQUEST_LEASE (two minutes) does to the dead request's rows, without the wait."""
    with database.session_factory.begin() as session:
        leased = session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.SENDING)
        ).all()
        assert leased and all(row.lease_until is not None for row in leased)
        for row in leased:
            # Leased to the request for two minutes (renewed when its after-ack work took the row over).
            assert REQUEST_LEASE <= row.lease_until - row.created_at < REQUEST_LEASE + timedelta(seconds=10)  # type: ignore[operator]
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.SENDING)
            .values(lease_until=datetime.now(UTC) - timedelta(seconds=1))
        )


def kill_while_in_flight(fake: FakeSlack, served: Served, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while fake.wire.in_flight("chat.postMessage") < 1:
        assert time.monotonic() < deadline, "no chat.postMessage reached Slack"
        time.sleep(0.01)
    served.kill()
    while fake.wire.dropped("chat.postMessage") < 1:  # the fake saw the caller hang up
        assert time.monotonic() < deadline, "the post in flight was not dropped"
        time.sleep(0.01)


def posts(fake: FakeSlack, *channels: str) -> list[Call]:
    """Messages Slack took into any of these channels (a DM by user id or by its D… channel)."""
    return [
        call
        for call in fake.calls("chat.postMessage")
        if call.ok and (call.args["channel"] in channels or (call.response or {}).get("channel") in channels)
    ]


def stack_for(fake: FakeSlack, database: Database, base_url: str) -> Stack:
    slack = SignedSlackClient(base_url, SIGNING_SECRET, fake=fake)
    return Stack(fake, slack, database.session_factory, database.engine, base_url)


def test_a_praise_in_flight_when_the_web_process_dies_is_posted_and_dmed_exactly_once(
    database: Database, tmp_path: Path
) -> None:
    with FakeSlack() as fake:
        with serving(fake, database, tmp_path) as served:
            stack = stack_for(fake, database, served.base_url)
            stack.seed(("U1", "Gia"), ("U2", "Alice"))
            fake.wire.hold("chat.postMessage", IN_FLIGHT)  # the channel post, the first message sent
            answer = stack.slack.command("/praise", "<@U2|alice> thanks for the migration", "U1", "C_TEAM")
            assert answer.status == 200  # acknowledged: the praise is committed
            kill_while_in_flight(fake, served)
        assert posts(fake, "C_TEAM", "U2", fake.dm_channel_id("U2")) == []
        with database.session_factory() as session:
            praise = session.scalars(select(Praise)).one()
            assert praise.message_ts is None

        with serving(fake, database, tmp_path):  # restarted: the web process serves again
            assert scheduler_once(fake, database, tmp_path).startswith("queued 0, sent 0,")  # leased
            lease_runs_out(database)
            assert scheduler_once(fake, database, tmp_path) == "queued 0, sent 2, deferred 0, failed 0"
            assert scheduler_once(fake, database, tmp_path).startswith("queued 0, sent 0,")

        [post] = posts(fake, "C_TEAM")
        assert "<@U1>" in post.args["text"] and "migration" in post.args["text"]
        [dm] = posts(fake, "U2", fake.dm_channel_id("U2"))
        assert "praised you" in dm.args["text"]
        with database.session_factory() as session:
            assert session.scalars(select(Praise)).one().message_ts == post.response["ts"]  # type: ignore[index]
        fake.assert_no_rejections()


def test_a_goal_proposal_in_flight_when_the_web_process_dies_reaches_the_manager_exactly_once(
    database: Database, tmp_path: Path
) -> None:
    with FakeSlack() as fake:
        with serving(fake, database, tmp_path) as served:
            stack = stack_for(fake, database, served.base_url)
            seed_org(stack)
            stack.slack.command("/goal", "", OLIVE, channel_id="C_SALES")
            view = opened(stack)
            fake.wire.hold("chat.postMessage", IN_FLIGHT)  # the approval request to Olive's manager
            submitted = stack.slack.view_submission(
                view, goal_form(view, title="Win back 40 customers"), OLIVE
            )
            assert (submitted.status, submitted.body) == (200, "")  # the modal closed: committed
            kill_while_in_flight(fake, served)
        assert posts(fake, BOSS, fake.dm_channel_id(BOSS)) == []
        with database.session_factory() as session:
            assert session.scalars(select(Goal.status)).one() is GoalStatus.PROPOSED

        with serving(fake, database, tmp_path):
            assert scheduler_once(fake, database, tmp_path).startswith("queued 0, sent 0,")
            lease_runs_out(database)
            assert scheduler_once(fake, database, tmp_path) == "queued 0, sent 1, deferred 0, failed 0"
            assert scheduler_once(fake, database, tmp_path).startswith("queued 0, sent 0,")

        [request] = posts(fake, BOSS, fake.dm_channel_id(BOSS))
        assert "proposes a goal for your approval" in request.args["text"]
        assert "Win back 40 customers" in str(request.args["blocks"])
        fake.assert_no_rejections()
