"""`perfbot cycle outcome ID --email E --by HR_EMAIL …`: HR records an outcome from the command line;
options not given keep what is recorded; another tier needs --reason; only HR."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.cli import main
from models.audit import AuditEntry
from models.db import make_engine, make_session_factory, unit_of_work
from models.reviews import ReviewOutcome, participant_of, save_manager_review
from models.reviews.manager_review import ManagerReviewInput
from tests.reviews.helpers import NOW, launched_cycle, make_review_org


def test_cli_outcome_records_merges_and_refuses(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_database
    factory = make_session_factory(make_engine(url))
    with unit_of_work(factory) as session:
        org = make_review_org(session, peers=1)
        cycle = launched_cycle(session, org)
        participant = participant_of(session, cycle, org.olive)
        assert participant is not None
        data = ManagerReviewInput(ratings={"results": 2, "collaboration": 2, "growth": 2}, summary="ok")
        save_manager_review(session, org.boss, cycle, participant, data, NOW, submit=True)
        cycle_id = cycle.id
    base = ["cycle", "outcome", str(cycle_id), "--email", "uolive@example.com", "--team", "T001"]
    capsys.readouterr()
    assert main([*base, "--by", "uboss@example.com", "--promotion", "yes"]) == 1
    assert "Only HR admins record outcomes" in capsys.readouterr().err
    hr = ["--by", "uhr@example.com"]
    assert main([*base, *hr, "--tier", "top"]) == 1
    assert "Say why the tier differs" in capsys.readouterr().err
    assert main([*base, *hr, "--training", "yes", "--training-label", "Negotiation"]) == 0
    assert capsys.readouterr().out.strip() == (
        "outcome of uolive@example.com: tier reduced (from final rating 2), promotion no, "
        "training yes (Negotiation), transfer no (audited)"
    )
    assert main([*base, *hr, "--tier", "standard", "--reason", "Covered a vacancy all half"]) == 0
    assert "tier standard (overridden), promotion no, training yes (Negotiation)" in capsys.readouterr().out
    assert main([*base, *hr, "--transfer", "yes"]) == 0  # the tier and its reason stay
    assert "tier standard (overridden)" in capsys.readouterr().out
    with factory() as session:
        outcome = session.scalars(select(ReviewOutcome)).one()
        assert (outcome.tier_override, outcome.override_reason) == ("standard", "Covered a vacancy all half")
        assert outcome.training and outcome.transfer and not outcome.promotion
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "review.outcome")).all()
        assert len(entries) == 3
