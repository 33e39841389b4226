"""The cycle export: one row per participant with numbers and yes/no only; never a peer reviewer's name
or id, never free text; spreadsheet-safe; the same statements at 10 and 100 participants; and the CLI
`perfbot export cycle ID --format csv`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.cli import main
from models.db import make_engine, make_session_factory, unit_of_work
from models.export import write_csv
from models.people import Person, Role
from models.reviews import (
    OutcomeInput,
    ReviewCycle,
    SelfAssessmentInput,
    cycle_export,
    decide_nominations,
    nominate_peers,
    participant_of,
    record_outcome,
    save_manager_review,
    save_self_assessment,
    submit_peer_review,
)
from models.reviews.calibration import change_final_rating
from models.reviews.manager_review import ManagerReviewInput
from tests.conftest import StatementCounter
from tests.factories import make_person
from tests.reviews.helpers import NOW, ReviewOrg, launched_cycle, make_review_org
from tests.reviews.test_calibration_counts import grow

SECRETS = (
    "SECRET-SELF",
    "SECRET-COMMENT",
    "SECRET-SUMMARY",
    "SECRET-PEER-ANSWER",
    "SECRET-CALIBRATION-REASON",
    "SECRET-TIER-REASON",
    "SECRET-TRAINING-LABEL",
)


def rated(level: int) -> ManagerReviewInput:
    return ManagerReviewInput(
        ratings={"results": level, "collaboration": level, "growth": level - 1},
        comments={"results": "SECRET-COMMENT"},
        summary="SECRET-SUMMARY",
    )


def scene(session: Session) -> tuple[ReviewOrg, ReviewCycle, Person]:
    """Olive: self-assessed, three peer reviews (the minimum), reviewed, calibrated, outcome with another
    tier. The peers are not reviewed in this cycle, so their names can only leak as reviewers.
    A person named "@x" in a department named "=cmd()" under a manager named "+Mgr" has no peers."""
    org = make_review_org(session, peers=3)
    mgr = make_person(session, org.workspace, "UMGR", name="+Mgr", role=Role.MANAGER, department="=cmd()")
    x = make_person(session, org.workspace, "UX", name="@x", manager=mgr, department="=cmd()")
    excluded = [peer.email for peer in org.peers]
    cycle = launched_cycle(session, org, participants={"exclude": excluded}, peers={"min": 3, "max": 5})
    olive = participant_of(session, cycle, org.olive)
    other = participant_of(session, cycle, x)
    assert olive is not None and other is not None
    save_self_assessment(
        session,
        org.olive,
        cycle,
        SelfAssessmentInput(
            ratings={"results": 4, "collaboration": 4, "growth": 4},
            comments={"results": "SECRET-SELF"},
            accomplishments="SECRET-SELF",
        ),
        NOW,
        submit=True,
    )
    nominate_peers(session, org.olive, cycle, org.peers, NOW)
    asked = decide_nominations(session, org.boss, cycle, olive.id, org.peers, NOW)
    for nomination, peer, rating in zip(asked, org.peers, (3, 4, 4), strict=True):
        ratings: dict[str, int | None] = {"collaboration": rating, "communication": 5, "reliability": 2}
        submit_peer_review(session, peer, nomination.id, ratings, {"well": "SECRET-PEER-ANSWER"}, NOW)
    save_manager_review(session, org.boss, cycle, olive, rated(4), NOW, submit=True)
    change_final_rating(session, org.hr, cycle, olive, 5, "SECRET-CALIBRATION-REASON", NOW)
    outcome = OutcomeInput(
        tier="standard",
        reason="SECRET-TIER-REASON",
        promotion=True,
        training=True,
        training_label="SECRET-TRAINING-LABEL",
    )
    record_outcome(session, org.hr, cycle, olive, outcome, NOW)
    save_manager_review(session, mgr, cycle, other, rated(3), NOW, submit=True)
    return org, cycle, x


def as_csv(session: Session, cycle: ReviewCycle) -> str:
    table = cycle_export(session, cycle)
    stream = io.StringIO(newline="")
    write_csv(stream, table.header, table.rows)
    return stream.getvalue()


def by_employee(text: str) -> dict[str, dict[str, str]]:
    return {row["employee"]: row for row in csv.DictReader(io.StringIO(text))}


def test_one_row_per_participant_with_numbers_and_the_outcome(session: Session) -> None:
    _, cycle, _ = scene(session)
    rows = by_employee(as_csv(session, cycle))
    assert set(rows) == {"Hana", "Bo", "Olive", "'+Mgr", "'@x"}
    olive = rows["Olive"]
    assert (
        olive["department"] == "Sales" and olive["manager"] == "Bo" and olive["email"] == "uolive@example.com"
    )
    assert [olive[f"rating {key}"] for key in ("results", "collaboration", "growth")] == ["4", "4", "3"]
    assert olive["goal achievement %"] == ""  # no goals in the period: criteria only
    assert [olive[f"peer {k}"] for k in ("collaboration", "communication", "reliability")] == [
        "3.67",
        "5.00",
        "2.00",
    ]
    assert olive["final score"] == "3.67" and olive["final rating"] == "5"
    assert olive["calibration change"] == "yes"
    assert (olive["bonus tier"], olive["tier overridden"]) == ("standard", "yes")
    assert (olive["promotion"], olive["training"], olive["transfer"], olive["outcome recorded"]) == (
        "yes",
        "yes",
        "no",
        "yes",
    )
    # reviewed, no peers, no outcome yet: the tier the rating maps to, peers blank
    x = rows["'@x"]
    assert x["peer collaboration"] == "" and x["calibration change"] == "no"
    assert (x["final rating"], x["bonus tier"], x["tier overridden"]) == ("3", "standard", "no")
    assert (x["promotion"], x["outcome recorded"]) == ("", "no")
    # not reviewed: nothing but who they are
    hana = rows["Hana"]
    assert hana["final rating"] == hana["bonus tier"] == hana["calibration change"] == ""


def test_no_reviewer_names_or_ids_and_no_free_text(session: Session) -> None:
    org, cycle, _ = scene(session)
    text = as_csv(session, cycle)
    for secret in SECRETS:
        assert secret not in text
    for peer in org.peers:
        assert peer.name not in text and peer.slack_user_id not in text
        assert peer.email is not None and peer.email not in text
    header = next(csv.reader(io.StringIO(text)))
    assert not [column for column in header if "id" in column.split() or "review" in column]


def test_spreadsheet_safe(session: Session) -> None:
    _, cycle, _ = scene(session)
    x = by_employee(as_csv(session, cycle))["'@x"]
    assert (x["department"], x["manager"]) == ("'=cmd()", "'+Mgr")


def test_the_same_statements_at_10_and_100_participants(session: Session, engine: Engine) -> None:
    org = make_review_org(session, peers=2)
    cycle = launched_cycle(session, org)
    grow(session, org, cycle, 0, 10)
    with StatementCounter(engine) as small:
        table = cycle_export(session, cycle)
    assert len(table.rows) > 10
    grow(session, org, cycle, 100, 100)
    with StatementCounter(engine) as large:
        table = cycle_export(session, cycle)
    assert len(table.rows) > 100
    assert 1 <= small.count == large.count <= 3, (small.statements, large.statements)


def test_cli_export_cycle_csv(cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = cli_database
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        _, cycle, _ = scene(session)
        cycle_id = cycle.id
    capsys.readouterr()
    assert main(["export", "cycle", str(cycle_id), "--format", "csv", "--team", "T001"]) == 0
    out = capsys.readouterr().out
    rows = by_employee(out)
    assert rows["Olive"]["bonus tier"] == "standard" and rows["'@x"]["department"] == "'=cmd()"
    assert not any(secret in out for secret in SECRETS)
    target = tmp_path / "cycle.csv"
    assert main(["export", "cycle", str(cycle_id), "--output", str(target), "--team", "T001"]) == 0
    written = target.read_bytes().decode("utf-8")
    assert written.startswith("\ufeff") and written[1:] == out
    assert main(["export", "cycle", "999", "--team", "T001"]) == 1
