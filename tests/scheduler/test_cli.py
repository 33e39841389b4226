"""`perfbot scheduler` and `perfbot outbox`: arguments, the outbox listing and retrying a failed message."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.cli import main
from bot.cli_scheduler import add_commands, print_outbox, retry_message
from bot.migrate import upgrade
from bot.sandbox.slack import FakeSlack
from models.db import make_engine, make_session_factory, unit_of_work
from models.messaging import REQUEST_LEASE, claim_due, defer, enqueue_welcome, mark_failed
from models.praise import PraiseRequest, give_praise
from tests.factories import make_person, make_workspace
from tests.scheduler.helpers import MONDAY, make_org, rows


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="perfbot")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_the_commands_parse() -> None:
    assert parse("scheduler").handler.__name__ == "run_scheduler"
    assert parse("scheduler", "--once").once is True
    assert parse("outbox").handler.__name__ == "run_outbox_list"
    retry = parse("outbox", "retry", "42")
    assert (retry.handler.__name__, retry.id) == ("run_outbox_retry", 42)


def test_outbox_lists_queued_deferred_and_failed_with_reasons(
    session_factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    assert print_outbox(session_factory) == 0
    assert "the outbox is empty" in capsys.readouterr().out
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2)
        for person in [org.manager, *org.reports]:
            enqueue_welcome(session, person, MONDAY)
    with unit_of_work(session_factory) as session:
        first, second, _ = claim_due(session, MONDAY, "w", 10, timedelta(minutes=5))
        mark_failed(session, first.id, "chat.postMessage: channel_not_found", MONDAY, attempted=True)
        defer(
            session,
            second.id,
            MONDAY + timedelta(hours=8),
            "waiting for the recipient's working hours",
            MONDAY,
        )
    assert print_outbox(session_factory) == 0
    out = capsys.readouterr().out
    assert "failed    welcome" in out and "UMGR" in out and "chat.postMessage: channel_not_found" in out
    assert "deferred  welcome" in out and "waiting for the recipient's working hours" in out
    assert "1 deferred, 1 failed, 1 sending" in out


def test_outbox_retry_queues_a_failed_message_and_refuses_others(
    session_factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=1)
        enqueue_welcome(session, org.manager, MONDAY)
        enqueue_welcome(session, org.reports[0], MONDAY)
    with unit_of_work(session_factory) as session:
        failed = claim_due(session, MONDAY, "w", 1, timedelta(minutes=5))[0]
        mark_failed(session, failed.id, "HTTP 500 (gave up after 6 attempts)", MONDAY, attempted=True)
    assert retry_message(session_factory, failed.id) == 0
    assert f"outbox message {failed.id} (welcome) is queued again" in capsys.readouterr().out
    again = next(m for m in rows(session_factory) if m.id == failed.id)
    assert (again.status, again.attempts, again.last_error) == ("queued", 0, None)
    assert retry_message(session_factory, failed.id) == 1
    assert "is still waiting to be sent; only failed messages can be sent again." in capsys.readouterr().err
    assert retry_message(session_factory, 999) == 1
    assert "There is no message 999 in the queue." in capsys.readouterr().err


def test_outbox_retry_speaks_the_shells_language(
    session_factory: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert retry_message(session_factory, 999) == 1
    assert "perfbot: 待发送队列中没有消息 999。" in capsys.readouterr().err


def test_scheduler_once_delivers_what_is_due_and_prints_the_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole command, as cron runs it: migrate, sweep, deliver through Slack, summarise."""
    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    engine = make_engine(url)
    upgrade(engine)
    # A praise whose request died before delivering it: its lease ran out a second ago.
    given_at = datetime.now(UTC) - REQUEST_LEASE - timedelta(seconds=1)
    with unit_of_work(make_session_factory(engine)) as session:
        workspace = make_workspace(session, "T001")
        giver = make_person(session, workspace, "U1", locale="en-US")
        recipient = make_person(session, workspace, "U2")
        request = PraiseRequest([recipient], "hi", channel_id="C_KUDOS")
        give_praise(session, workspace, giver, request, now=given_at)
    engine.dispose()
    with FakeSlack() as fake:
        for name, value in {
            "DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-cli",
            "SLACK_API_URL": fake.url,
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        assert main(["scheduler", "--once"]) == 0
        [post] = [call for call in fake.calls("chat.postMessage") if call.args["channel"] == "C_KUDOS"]
        assert "<@U1>" in post.args["text"]
    assert "sent 2" in capsys.readouterr().out  # the post and the DM, both in the outbox
