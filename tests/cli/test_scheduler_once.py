"""`perfbot scheduler --once` tells cron the truth: non-zero when Slack could not be reached or
refused the token, zero for deferrals that are not failures, and why rows were deferred."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.migrate import upgrade
from bot.sandbox.slack import FakeSlack
from models.db import make_engine, make_session_factory, unit_of_work
from models.messaging import MessageKind, NewMessage, enqueue, enqueue_welcome
from models.praise.outbox import post_key
from tests.cli.helpers import run_perfbot, said, unreachable_slack
from tests.factories import make_person, make_workspace
from tests.scheduler.helpers import praise


def seed(tmp_path: Path, *, night_owl: bool = False) -> str:
    """A new database with one praise post due now (and, if asked, a welcome for someone asleep)."""
    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    with unit_of_work(make_session_factory(engine)) as session:
        workspace = make_workspace(session, "T001")
        giver = make_person(session, workspace, "U1", locale="en-US")
        given = praise(session, giver, [make_person(session, workspace, "U2")], now)
        # Its channel post, as Slack left it in the outbox (its DM went out with the request).
        post = NewMessage(
            workspace.id,
            MessageKind.PRAISE_POST,
            post_key(given.id),
            now - timedelta(seconds=1),
            channel_id="C_KUDOS",
            payload={"praise_id": given.id},
            working_hours=False,
        )
        enqueue(session, [post], now)
        if night_owl:
            # Wherever 02:00 is now: outside anyone's working hours on any day.
            offset = (2 - now.hour) % 24
            offset = offset - 24 if offset > 14 else offset
            zone = f"Etc/GMT{-offset:+d}" if offset else "UTC"
            enqueue_welcome(session, make_person(session, workspace, "U3", tz=zone), now)
    engine.dispose()
    return url


def test_slack_unreachable_exits_3_and_the_summary_says_why_the_row_waits(tmp_path: Path) -> None:
    url = seed(tmp_path)
    settings = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-1-cron", "SLACK_API_URL": unreachable_slack()}
    result = run_perfbot(["scheduler", "--once"], tmp_path, settings)
    assert result.returncode == 3
    assert result.stdout.strip().endswith("deferred 1 (Slack unreachable 1), failed 0")
    [line] = said(result.stderr)
    assert line.startswith("perfbot: could not reach Slack at http://127.0.0.1:")
    assert "stay queued for the next run" in line


def test_a_rejected_token_exits_3_naming_the_setting(tmp_path: Path) -> None:
    url = seed(tmp_path)
    with FakeSlack() as fake:
        fake.fail("chat.postMessage", "invalid_auth", times=5)
        settings = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-1-revoked", "SLACK_API_URL": fake.url}
        result = run_perfbot(["scheduler", "--once"], tmp_path, settings)
    assert result.returncode == 3
    assert "failed 1" in result.stdout
    [line] = said(result.stderr)
    assert line.startswith("perfbot: Slack refused SLACK_BOT_TOKEN (invalid_auth)")


def test_working_hours_are_a_deferral_not_a_failure(tmp_path: Path) -> None:
    url = seed(tmp_path, night_owl=True)
    with FakeSlack() as fake:
        settings = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-1-cron", "SLACK_API_URL": fake.url}
        result = run_perfbot(["scheduler", "--once"], tmp_path, settings)
        assert [call.args["channel"] for call in fake.calls("chat.postMessage")] == ["C_KUDOS"]
    assert (result.returncode, said(result.stderr)) == (0, [])
    assert result.stdout.strip().endswith("sent 1, deferred 1 (working hours 1), failed 0")
