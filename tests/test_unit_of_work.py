"""A unit of work is all or nothing, nested blocks included, on SQLite as on PostgreSQL."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.workspace import Workspace


def test_a_nested_block_is_rolled_back_with_its_unit_of_work(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError), unit_of_work(session_factory) as session:
        with session.begin_nested():  # e.g. registering someone met for the first time
            session.add(Workspace(team_id="T1"))
        session.add(Workspace(team_id="T2"))
        session.flush()
        raise RuntimeError("refused later in the same request")
    with session_factory() as session:
        assert session.scalars(select(Workspace.team_id)).all() == []


def test_a_nested_block_commits_with_its_unit_of_work(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        with session.begin_nested():
            session.add(Workspace(team_id="T1"))
        session.add(Workspace(team_id="T2"))
    with session_factory() as session:
        assert sorted(session.scalars(select(Workspace.team_id))) == ["T1", "T2"]
