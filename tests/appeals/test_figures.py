"""Per-cycle figures and the export: count, share adjusted, median working days to decision; CSV with
no free text and no names, spreadsheet-safe; HR only. And no appeal text in an INFO log line."""

from __future__ import annotations

import csv
import io
import logging
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from bot.cli import main
from models.appeals import (
    Outcome,
    answer_statement,
    appeal_stats,
    ask_statement,
    decide_appeal,
    export_rows,
    hr_queue,
    my_appeals,
    withdraw_appeal,
)
from models.db import make_engine, make_session_factory, unit_of_work
from models.errors import PermissionDenied
from scheduler.jobs.appeals.reminders import sweep
from tests.appeals.helpers import REASON, file, make_scene
from tests.reviews.helpers import NOW

SECRET = "Confidential: my manager's <!channel> remark in the 1:1."


def test_figures_and_export(session: Session) -> None:
    scene = make_scene(session)
    hana, hugo = scene.hr
    first = file(session, scene, "results", at=NOW)  # Monday 30 November, to Hana
    second = file(session, scene, "growth", at=NOW)  # to Hugo
    third = file(session, scene, "collaboration", at=NOW)
    decide_appeal(
        session,
        scene.workspace,
        hana,
        first.id,
        Outcome.ADJUSTED,
        "Fair.",
        4,
        datetime(2026, 12, 3, 10, tzinfo=UTC),
    )
    decide_appeal(
        session,
        scene.workspace,
        hugo,
        second.id,
        Outcome.UPHELD,
        "Stands.",
        None,
        datetime(2026, 12, 1, 10, tzinfo=UTC),
    )
    withdraw_appeal(session, scene.workspace, scene.olive, third.id, NOW)
    stats = appeal_stats(session, scene.workspace, hana, scene.cycle.id)
    assert (stats.count, stats.decided, stats.adjusted) == (3, 2, 1)
    assert stats.share_adjusted == Decimal("0.50") and stats.median_working_days == Decimal("2.0")
    assert export_rows(session, scene.workspace, scene.cycle.id) == [
        ["results", "decided", 3, "adjusted"],
        ["growth", "decided", 1, "upheld"],
        ["collaboration", "withdrawn", None, None],
    ]
    with pytest.raises(PermissionDenied):
        appeal_stats(session, scene.workspace, scene.boss, scene.cycle.id)


def test_queue_and_my_appeals(session: Session) -> None:
    scene = make_scene(session)
    hana = scene.hr[0]
    first = file(session, scene, "results", at=NOW)
    file(session, scene, "growth", at=datetime(2026, 12, 1, 9, tzinfo=UTC))
    queue = hr_queue(session, scene.workspace, hana, datetime(2026, 12, 15, 10, tzinfo=UTC))
    assert [item.part_label for item in queue] == ["Results", "Growth"]  # oldest first
    assert [item.working_days_left for item in queue] == [-1, 0] and queue[0].overdue
    assert queue[0].assignee_name == "Hana" and queue[1].assignee_name == "Hugo"
    assert hr_queue(session, scene.workspace, scene.chief, NOW) == []  # above Olive: not theirs to see
    with pytest.raises(PermissionDenied):
        hr_queue(session, scene.workspace, scene.boss, NOW)
    mine = my_appeals(session, scene.workspace, scene.olive, NOW)
    assert [m.id for m in mine][-1] == first.id
    # Due on 14 and 15 December, days that end at midnight UTC (the workspace's zone): 08:00 the next
    # morning in Shanghai, where the answer is expected by the 15th and the 16th.
    assert {m.expected_by for m in mine} == {date(2026, 12, 14), date(2026, 12, 15)}
    scene.olive.tz = "Asia/Shanghai"
    shanghai = my_appeals(session, scene.workspace, scene.olive, NOW)
    assert {m.expected_by for m in shanghai} == {date(2026, 12, 15), date(2026, 12, 16)}


def test_no_info_log_line_carries_appeal_text(session: Session, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    scene = make_scene(session)
    appeal = file(session, scene, reason=SECRET + " " + REASON, outcome_sought=SECRET, at=NOW)
    hana = scene.hr[0]
    ask_statement(session, scene.workspace, hana, appeal.id, SECRET, True, date(2026, 12, 3), NOW)
    answer_statement(session, scene.workspace, scene.boss, appeal.id, SECRET, NOW)
    decide_appeal(session, scene.workspace, hana, appeal.id, Outcome.REJECTED, SECRET, None, NOW)
    sweep(session, datetime(2026, 12, 15, 10, tzinfo=UTC))
    leaked = [r for r in caplog.records if r.levelno >= logging.INFO and "Confidential" in r.getMessage()]
    assert leaked == []


def test_cli_export_is_spreadsheet_safe_and_has_no_text(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_database
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        scene = make_scene(session)
        appeal = file(session, scene, reason="=HYPERLINK(evil) " + REASON, at=NOW)
        decide_appeal(
            session, scene.workspace, scene.hr[0], appeal.id, Outcome.UPHELD, "=cmd|' /C calc'!A0", None, NOW
        )
        cycle_id = scene.cycle.id
    capsys.readouterr()
    assert main(["export", "appeals", "--cycle", str(cycle_id), "--format", "csv", "--team", "T001"]) == 0
    out = capsys.readouterr().out
    assert list(csv.reader(io.StringIO(out))) == [
        ["part", "state", "working_days_to_decision", "outcome"],
        ["results", "decided", "0", "upheld"],
    ]
    assert "HYPERLINK" not in out and "calc" not in out and "Olive" not in out
    assert main(["export", "appeals", "--cycle", str(cycle_id), "--format", "text", "--team", "T001"]) == 0
    assert "1 appeals, 1 decided, 0 adjusted (0% of decided)" in capsys.readouterr().out
    assert main(["export", "appeals", "--cycle", "999", "--team", "T001"]) == 1
