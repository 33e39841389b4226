"""Every failure an operator can cause or meet: one line saying what is wrong and what to do, a
non-zero exit status, and the traceback only at LOG_LEVEL=DEBUG. Each runs the real command."""

from __future__ import annotations

import socket
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.sandbox.slack import FakeSlack
from tests.cli.helpers import (
    closed_port,
    run_perfbot,
    said,
    unreachable_slack,
)
from tests.conftest import POSTGRES_URL

TOKENS = {"SLACK_BOT_TOKEN": "xoxb-1-test", "SLACK_SIGNING_SECRET": "0123456789abcdef"}


def one_line(result: subprocess.CompletedProcess[str], status: int) -> str:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    [line] = said(result.stderr)
    assert line.startswith("perfbot: ")
    return line


def test_all_missing_settings_are_named_at_once(tmp_path: Path) -> None:
    line = one_line(run_perfbot(["serve"], tmp_path), 2)
    assert (
        line == "perfbot: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are not set; they are needed for this command"
    )


def test_malformed_and_missing_settings_are_named_together(tmp_path: Path) -> None:
    settings = {"SLACK_BOT_TOKEN": "secret-but-wrong", "LOG_LEVEL": "LOUD"}
    line = one_line(run_perfbot(["socket"], tmp_path, settings), 2)
    assert "SLACK_BOT_TOKEN is malformed" in line and "LOG_LEVEL is malformed" in line
    assert "SLACK_APP_TOKEN is not set" in line and "secret-but-wrong" not in line


def test_the_readmes_placeholder_tokens_are_named_as_placeholders(tmp_path: Path) -> None:
    settings = {"SLACK_BOT_TOKEN": "xoxb-…", "SLACK_APP_TOKEN": "xapp-…"}
    line = one_line(run_perfbot(["socket"], tmp_path, settings), 2)
    assert "UnicodeEncodeError" not in line
    assert "SLACK_BOT_TOKEN is malformed" in line and "xoxb-… is a placeholder" in line
    assert "SLACK_APP_TOKEN is malformed" in line and "xapp-… is a placeholder" in line


def test_an_unsupported_database_scheme(tmp_path: Path) -> None:
    line = one_line(run_perfbot(["db", "upgrade"], tmp_path, {"DATABASE_URL": "mysql://u:pw@db/perfbot"}), 2)
    assert "DATABASE_URL is malformed" in line and "mysql is not supported" in line and "pw" not in line


def test_an_sqlite_file_in_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "perfbot.db"
    line = one_line(run_perfbot(["outbox"], tmp_path, {"DATABASE_URL": f"sqlite:///{missing}"}), 2)
    assert f"folder that does not exist ({missing.parent})" in line and "create the folder" in line


def test_a_refused_database_connection(tmp_path: Path) -> None:
    url = f"postgresql://perfbot:hunter2@127.0.0.1:{closed_port()}/perfbot"
    line = one_line(run_perfbot(["db", "upgrade"], tmp_path, {"DATABASE_URL": url}), 3)
    assert "connection refused" in line and "is PostgreSQL running there?" in line
    assert "hunter2" not in line


def test_the_traceback_comes_with_log_level_debug_only(tmp_path: Path) -> None:
    url = f"postgresql://perfbot@127.0.0.1:{closed_port()}/perfbot"
    quiet = run_perfbot(["db", "upgrade"], tmp_path, {"DATABASE_URL": url})
    loud = run_perfbot(["db", "upgrade"], tmp_path, {"DATABASE_URL": url, "LOG_LEVEL": "DEBUG"})
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr
    assert loud.returncode == quiet.returncode == 3
    assert said(quiet.stderr)[-1] == loud.stderr.strip().splitlines()[-1]


def test_a_database_that_does_not_exist(tmp_path: Path) -> None:
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL runs are skipped")
    name = f"perfbot_missing_{uuid.uuid4().hex[:8]}"
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    line = one_line(run_perfbot(["db", "upgrade"], tmp_path, {"DATABASE_URL": url}), 3)
    assert f"the database {name} does not exist" in line and f"createdb {name}" in line


def test_slack_unreachable_for_a_command_that_needs_it(tmp_path: Path) -> None:
    settings = {**TOKENS, "SLACK_API_URL": unreachable_slack()}
    result = run_perfbot(["org", "grant-hr", "hr@example.com"], tmp_path, settings)
    assert result.returncode == 2 and "Traceback" not in result.stderr  # as `org` documents
    [line] = said(result.stderr)
    assert line == "perfbot: could not reach Slack for auth.test (URLError)"


def test_slack_refusing_the_token_for_a_command_that_needs_it(tmp_path: Path) -> None:
    with FakeSlack() as fake:
        fake.fail("auth.test", "invalid_auth", times=5)
        settings = {**TOKENS, "SLACK_API_URL": fake.url}
        result = run_perfbot(["org", "grant-hr", "hr@example.com"], tmp_path, settings)
    assert result.returncode == 2 and "Traceback" not in result.stderr  # as `org` documents
    assert said(result.stderr) == ["perfbot: Slack refused auth.test: invalid_auth"]


def test_serve_on_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["serve", "--host", "127.0.0.1", "--port", str(port)]
        line = one_line(run_perfbot(argv, tmp_path, TOKENS), 2)
    assert line.startswith(f"perfbot: cannot listen on 127.0.0.1:{port} (Address already in use)")
