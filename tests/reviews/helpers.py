"""Builders for review tests: an org (HR, a manager, reports, colleagues) and a cycle around a fixed `NOW`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from models.people import Person, Role
from models.reviews import CycleDefinition, ReviewCycle, check_definition, create_cycle, launch_cycle
from models.workspace import Workspace
from tests.factories import make_person, make_workspace

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # a Monday, inside default working hours
TODAY = NOW.date()


def definition_data(start: date = TODAY, **changes: Any) -> dict[str, Any]:
    """A cycle whose stages close 7, 7, 14, 21, 28, 35 days after `start`."""
    data: dict[str, Any] = {
        "name": "H2 review",
        "period_start": (start - timedelta(days=180)).isoformat(),
        "period_end": start.isoformat(),
        "deadlines": {
            "self_assessment": (start + timedelta(days=7)).isoformat(),
            "peer_nomination": (start + timedelta(days=7)).isoformat(),
            "peer_reviews": (start + timedelta(days=14)).isoformat(),
            "manager_review": (start + timedelta(days=21)).isoformat(),
            "calibration": (start + timedelta(days=28)).isoformat(),
            "release": (start + timedelta(days=35)).isoformat(),
        },
    }
    data.update(changes)
    return data


def definition(**changes: Any) -> CycleDefinition:
    return check_definition(definition_data(**changes))


@dataclass
class ReviewOrg:
    workspace: Workspace
    hr: Person
    boss: Person
    olive: Person  # a report of boss
    peers: list[Person]  # colleagues of olive, reports of boss too


def make_review_org(session: Session, peers: int = 5, team_id: str = "T001") -> ReviewOrg:
    workspace = make_workspace(session, team_id)
    hr = make_person(session, workspace, "UHR", name="Hana", role=Role.HR_ADMIN, department="People")
    boss = make_person(session, workspace, "UBOSS", name="Bo", role=Role.MANAGER, department="Sales")
    olive = make_person(session, workspace, "UOLIVE", name="Olive", manager=boss, department="Sales")
    colleagues = [
        make_person(session, workspace, f"UP{index}", name=f"Peer {index}", manager=boss, department="Sales")
        for index in range(peers)
    ]
    return ReviewOrg(workspace, hr, boss, olive, colleagues)


def launched_cycle(session: Session, org: ReviewOrg, **changes: Any) -> ReviewCycle:
    cycle = create_cycle(session, org.workspace, org.hr, definition(**changes))
    launch_cycle(session, org.workspace, org.hr, cycle.id, NOW)
    session.flush()
    return cycle
