"""`perfbot cycle create/list/show/launch/status` from the command line: output, exit codes, a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from bot.cli import main
from models.audit import AuditEntry
from models.db import make_engine, make_session_factory, unit_of_work
from models.messaging import OutboxMessage
from models.reviews import CycleStatus, ReviewCycle
from tests.factories import make_person, make_workspace
from tests.reviews.helpers import definition_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return url


def people(url: str) -> None:
    assert main(["cycle", "list", "--team", "T001"]) == 1  # migrates; no workspace yet
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        workspace = make_workspace(session, "T001")
        for index in range(3):
            make_person(session, workspace, f"U{index}", name=f"Person {index}")


def test_create_from_the_example_prints_the_id_and_launch_queues_dms(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    people(database_url)
    capsys.readouterr()
    assert (
        main(["cycle", "create", str(ROOT / "docs/cycle-example.yaml"), "--start", "today", "--team", "T001"])
        == 0
    )
    cycle_id = int(capsys.readouterr().out.strip())
    assert main(["cycle", "list", "--team", "T001"]) == 0
    assert f"{cycle_id}\tdraft" in capsys.readouterr().out
    assert main(["cycle", "show", str(cycle_id), "--team", "T001"]) == 0
    shown = capsys.readouterr().out
    assert "criteria: Results (results), Collaboration (collaboration), Growth (growth)" in shown
    assert "peers: 3 to 5" in shown
    assert main(["cycle", "launch", str(cycle_id), "--team", "T001"]) == 0
    assert "3 participants" in capsys.readouterr().out
    assert main(["cycle", "status", str(cycle_id), "--team", "T001"]) == 0
    status = capsys.readouterr().out
    assert "self_assessment" in status and "0 done, 3 owed" in status
    assert "owed by: Person 0, Person 1, Person 2" in status
    session = make_session_factory(make_engine(database_url))()
    assert session.get(ReviewCycle, cycle_id).status is CycleStatus.LAUNCHED  # type: ignore[union-attr]
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 3
    assert main(["cycle", "launch", str(cycle_id), "--team", "T001"]) == 1
    assert "launched already" in capsys.readouterr().err


def test_a_bad_file_is_refused_whole_with_every_problem(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people(database_url)
    data = definition_data(weights={"goals": 50, "criteria": 40})
    data["criteria"] = [
        {"key": "a", "name": "A", "description": "a"},
        {"key": "b", "name": "B", "description": "b"},
        {"key": "c", "name": "C", "description": "c", "standards": ["1", "2", "3", "4"]},
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    capsys.readouterr()
    assert main(["cycle", "create", str(bad), "--team", "T001"]) == 2
    err = capsys.readouterr().err
    assert "criteria[2].standards: 5 levels needed, 4 given" in err
    assert "weights: the weights add up to 90, not 100" in err
    assert main(["cycle", "list", "--team", "T001"]) == 0
    assert capsys.readouterr().out == ""


def test_a_bad_start_date_is_refused(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cycle", "create", str(ROOT / "docs/cycle-example.yaml"), "--start", "soon"]) == 2
    assert "--start soon" in capsys.readouterr().err


def test_extend_and_reassign_are_audited(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    people(database_url)
    capsys.readouterr()
    assert (
        main(["cycle", "create", str(ROOT / "docs/cycle-example.yaml"), "--start", "today", "--team", "T001"])
        == 0
    )
    cycle_id = capsys.readouterr().out.strip()
    assert main(["cycle", "extend", cycle_id, "self_assessment", "2099-01-01", "--team", "T001"]) == 1
    assert "not running" in capsys.readouterr().err
    assert main(["cycle", "launch", cycle_id, "--team", "T001"]) == 0
    args = ["cycle", "extend", cycle_id, "self_assessment", "2099-01-01", "--person", "u0@example.com"]
    assert main([*args, "--reason", "leave", "--team", "T001"]) == 0
    assert "now due 2099-01-01 for u0@example.com" in capsys.readouterr().out
    assert main(["cycle", "reassign", cycle_id, "u0@example.com", "u1@example.com", "--team", "T001"]) == 0
    assert (
        main(["cycle", "reassign", cycle_id, "u0@example.com", "nobody@example.com", "--team", "T001"]) == 1
    )
    session = make_session_factory(make_engine(database_url))()
    actions = set(session.scalars(select(AuditEntry.action)))
    assert {"review_cycle.extend_deadline", "review_participant.reassign_manager"} <= actions
