"""A small organisation to set goals in: HR, a sales manager with two reports, another manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from models.people import Person, Role
from models.workspace import Workspace
from tests.factories import make_person, make_workspace

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
DUE = date(2025, 6, 30)


@dataclass
class Org:
    workspace: Workspace
    hr: Person  # HR admin, no manager
    boss: Person  # manages Sales; Olive's and Tina's manager
    olive: Person  # an employee in Sales
    tina: Person  # a team lead (manager) in Sales, reporting to Boss
    other: Person  # a manager in Support
    peer: Person  # an employee in Sales who reports to the other manager


def build_org(session: Session, team_id: str = "T001") -> Org:
    workspace = make_workspace(session, team_id)
    hr = make_person(session, workspace, f"{team_id}HR", name="Hana", role=Role.HR_ADMIN, department="People")
    boss = make_person(session, workspace, f"{team_id}BOSS", name="Bo", role=Role.MANAGER, department="Sales")
    olive = make_person(session, workspace, f"{team_id}OLIVE", name="Olive", manager=boss, department="Sales")
    tina = make_person(
        session, workspace, f"{team_id}TINA", name="Tina", role=Role.MANAGER, manager=boss, department="Sales"
    )
    other = make_person(
        session, workspace, f"{team_id}OTHER", name="Otto", role=Role.MANAGER, department="Support"
    )
    peer = make_person(session, workspace, f"{team_id}PEER", name="Pia", manager=other, department="Sales")
    return Org(workspace, hr, boss, olive, tina, other, peer)


@pytest.fixture
def org(session: Session) -> Org:
    return build_org(session)
