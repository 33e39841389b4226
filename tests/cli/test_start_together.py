"""Processes started together on a new database bring it up to date once, without racing."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from bot.migrate import upgrade
from models.db import make_engine
from tests.cli.helpers import perfbot_command, perfbot_environment, unreachable_slack
from tests.conftest import POSTGRES_URL, postgres_schema

TRIALS = 4


@pytest.mark.parametrize("trial", range(TRIALS))
def test_three_processes_started_at_once_on_a_new_sqlite_file_all_succeed(tmp_path: Path, trial: int) -> None:
    # The race the lock closes: `perfbot outbox & perfbot scheduler --once` beside a release step
    # on a new file failed with "table workspace already exists" in most trials before.
    environment = perfbot_environment(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / f'new-{trial}.db'}",
        SLACK_BOT_TOKEN="xoxb-1-test",
        SLACK_API_URL=unreachable_slack(),
    )
    commands = [("outbox",), ("db", "upgrade"), ("scheduler", "--once")]
    processes = [
        subprocess.Popen(
            perfbot_command(*argv),
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in commands
    ]
    failures = []
    for argv, process in zip(commands, processes, strict=True):
        _out, err = process.communicate(timeout=120)
        if process.returncode:
            failures.append((argv, process.returncode, err))
    assert failures == []


def _migrate_at_once(engines: list[Engine]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(len(engines))

    def run(engine: Engine) -> None:
        start.wait()
        try:
            upgrade(engine)
        except BaseException as error:  # collected, asserted below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        if thread.is_alive():  # without the lock, PostgreSQL's two CREATE TABLEs can wait on each other
            errors.append(TimeoutError("an upgrade did not finish within 60 s"))
    return errors


def test_two_upgrades_at_once_on_a_new_postgresql_schema_both_succeed() -> None:
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL runs are skipped")
    with postgres_schema(POSTGRES_URL) as engine:
        with engine.connect() as connection:
            schema_name = connection.execute(text("SELECT current_schema()")).scalar_one()
        others = [
            make_engine(POSTGRES_URL, connect_args={"options": f"-c search_path={schema_name}"})
            for _ in range(2)
        ]
        try:
            assert _migrate_at_once([engine, *others]) == []
            assert "workspace" in inspect(engine).get_table_names()
        finally:
            for other in others:
                other.dispose()


def test_two_upgrades_at_once_on_a_new_sqlite_file_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    engines = [make_engine(url) for _ in range(3)]
    try:
        assert _migrate_at_once(engines) == []
        assert "workspace" in inspect(engines[0]).get_table_names()
    finally:
        for engine in engines:
            engine.dispose()
