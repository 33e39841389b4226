"""The one submission path: committed before the ack, after-ack work after it, nothing kept on refusal."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import Any

import pytest
from slack_bolt import BoltContext
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.submission import Done, submit
from models.audit import AuditEntry
from models.errors import DomainError
from tests.factories import make_person, make_workspace


class InlineExecutor(Executor):
    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@pytest.fixture
def deps(session_factory: sessionmaker[Session]) -> Deps:
    with session_factory.begin() as session:
        make_person(session, make_workspace(session), "UANA", name="Ana", locale="en")
    return Deps(session_factory=session_factory, after_ack=InlineExecutor())


CONTEXT = {"team_id": "T001", "user_id": "UANA"}


def audit_count(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_the_change_is_committed_before_the_ack_and_the_after_work_follows(
    deps: Deps, session_factory: sessionmaker[Session]
) -> None:
    events: list[str] = []

    def operation(session: Session, actor: Actor) -> Done:
        session.add(AuditEntry(workspace_id=actor.workspace.id, action="test", entity_type="test"))
        return Done(answer={"text": "saved"}).then(events.append, "after")

    def ack(**answer: Any) -> None:
        events.append(f"ack {answer} committed={audit_count(session_factory)}")

    submit(deps, ack, None, BoltContext(CONTEXT), operation)  # type: ignore[arg-type]
    assert events == ["ack {'text': 'saved'} committed=1", "after"]


def test_a_refusal_keeps_nothing_and_leaves_the_answer_to_the_error_handler(
    deps: Deps, session_factory: sessionmaker[Session]
) -> None:
    acks: list[dict[str, Any]] = []

    def operation(session: Session, actor: Actor) -> Done:
        session.add(AuditEntry(workspace_id=actor.workspace.id, action="test", entity_type="test"))
        session.flush()
        raise DomainError("Write a comment.", field="comment")

    with pytest.raises(DomainError):
        submit(deps, lambda **answer: acks.append(answer), None, BoltContext(CONTEXT), operation)  # type: ignore[arg-type]
    assert acks == []
    assert audit_count(session_factory) == 0
