"""The outbox table: writing once per dedupe key, leasing due rows, and every row ending with a reason."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.errors import DomainError, NotFound
from models.messaging import (
    MessageKind,
    NewMessage,
    OutboxStatus,
    cancel,
    claim_due,
    defer,
    enqueue,
    mark_failed,
    mark_sent,
    retry,
)
from tests.factories import make_workspace
from tests.scheduler.helpers import MONDAY, row, rows

LEASE = timedelta(minutes=5)


def new(workspace_id: int, key: str, **fields: object) -> NewMessage:
    return NewMessage(
        workspace_id=workspace_id,
        kind=fields.pop("kind", MessageKind.WELCOME),  # type: ignore[arg-type]
        dedupe_key=key,
        not_before=fields.pop("not_before", MONDAY),  # type: ignore[arg-type]
        channel_id="C1",
        **fields,  # type: ignore[arg-type]
    )


def seed(session_factory: sessionmaker[Session], count: int, **fields: object) -> int:
    with unit_of_work(session_factory) as session:
        workspace = make_workspace(session)
        enqueue(session, [new(workspace.id, f"k{i}", **fields) for i in range(count)], MONDAY)
        return workspace.id


def test_writing_the_same_dedupe_key_twice_is_a_no_op(session: Session) -> None:
    workspace = make_workspace(session)
    first = enqueue(session, [new(workspace.id, "a"), new(workspace.id, "b")], MONDAY)
    again = enqueue(session, [new(workspace.id, "b"), new(workspace.id, "c"), new(workspace.id, "c")], MONDAY)
    assert (first, again) == (2, 1)
    assert enqueue(session, [], MONDAY) == 0


def test_dedupe_keys_are_per_workspace(session: Session) -> None:
    one, two = make_workspace(session, "T1"), make_workspace(session, "T2")
    assert enqueue(session, [new(one.id, "same"), new(two.id, "same")], MONDAY) == 2


def test_claim_takes_only_due_rows_and_leases_them(session_factory: sessionmaker[Session]) -> None:
    workspace_id = seed(session_factory, 3)
    with unit_of_work(session_factory) as session:
        enqueue(session, [new(workspace_id, "later", not_before=MONDAY + timedelta(hours=1))], MONDAY)
    with unit_of_work(session_factory) as session:
        claimed = claim_due(session, MONDAY, "w1", limit=10, lease=LEASE)
        assert [m.dedupe_key for m in claimed] == ["k0", "k1", "k2"]
        assert {m.status for m in claimed} == {OutboxStatus.SENDING}
        assert {m.lease_until for m in claimed} == {MONDAY + LEASE}
    with unit_of_work(session_factory) as session:
        assert claim_due(session, MONDAY + timedelta(minutes=1), "w2", limit=10, lease=LEASE) == []


def test_a_worker_killed_after_claiming_leaves_its_rows_to_be_taken_after_the_lease(
    session_factory: sessionmaker[Session],
) -> None:
    seed(session_factory, 2)
    with unit_of_work(session_factory) as session:
        claim_due(session, MONDAY, "dead-worker", limit=10, lease=LEASE)
    # The worker dies here: nothing else happens to its rows.
    with unit_of_work(session_factory) as session:
        assert claim_due(session, MONDAY + LEASE - timedelta(seconds=1), "w2", limit=10, lease=LEASE) == []
    with unit_of_work(session_factory) as session:
        taken = claim_due(session, MONDAY + LEASE + timedelta(seconds=1), "w2", limit=10, lease=LEASE)
        assert [(m.dedupe_key, m.claimed_by) for m in taken] == [("k0", "w2"), ("k1", "w2")]


def test_claim_respects_the_limit_in_due_order(session_factory: sessionmaker[Session]) -> None:
    seed(session_factory, 5)
    with unit_of_work(session_factory) as session:
        assert [m.dedupe_key for m in claim_due(session, MONDAY, "w", limit=2, lease=LEASE)] == ["k0", "k1"]


def test_outcomes_record_channel_reason_and_attempts(session_factory: sessionmaker[Session]) -> None:
    seed(session_factory, 4)
    with unit_of_work(session_factory) as session:
        a, b, c, d = claim_due(session, MONDAY, "w", limit=10, lease=LEASE)
        ids = a.id, b.id, c.id, d.id
    later = MONDAY + timedelta(minutes=1)
    with unit_of_work(session_factory) as session:
        mark_sent(session, ids[0], channel="D1", ts="1.2", now=later)
        defer(session, ids[1], later + timedelta(seconds=30), "HTTP 503", later, attempted=True)
        mark_failed(session, ids[2], "channel_not_found", later, attempted=True)
        cancel(session, ids[3], "nothing to send", later)
    sent, deferred, failed, cancelled = (row(session_factory, i) for i in ids)
    assert (sent.status, sent.sent_channel, sent.sent_ts, sent.sent_at, sent.attempts) == (
        OutboxStatus.SENT,
        "D1",
        "1.2",
        later,
        1,
    )
    assert (deferred.status, deferred.not_before, deferred.last_error, deferred.attempts) == (
        OutboxStatus.QUEUED,
        later + timedelta(seconds=30),
        "HTTP 503",
        1,
    )
    assert (failed.status, failed.last_error, failed.lease_until) == (
        OutboxStatus.FAILED,
        "channel_not_found",
        None,
    )
    assert (cancelled.status, cancelled.last_error, cancelled.attempts) == (
        OutboxStatus.CANCELLED,
        "nothing to send",
        0,
    )


def test_retry_queues_a_failed_row_again_and_refuses_others(session_factory: sessionmaker[Session]) -> None:
    seed(session_factory, 2)
    with unit_of_work(session_factory) as session:
        failed, waiting = claim_due(session, MONDAY, "w", limit=1, lease=LEASE)[0], None
        mark_failed(session, failed.id, "HTTP 500 (gave up after 6 attempts)", MONDAY, attempted=True)
        waiting = next(m for m in rows(session_factory) if m.id != failed.id)
    later = MONDAY + timedelta(hours=2)
    with unit_of_work(session_factory) as session:
        again = retry(session, failed.id, later)
        assert (again.status, again.attempts, again.not_before, again.last_error) == (
            OutboxStatus.QUEUED,
            0,
            later,
            None,
        )
    with unit_of_work(session_factory) as session, pytest.raises(DomainError):
        retry(session, waiting.id, later)
    with unit_of_work(session_factory) as session, pytest.raises(NotFound):
        retry(session, 999_999, later)


def test_two_workers_on_postgresql_never_claim_the_same_row(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-only behaviour: SKIP LOCKED between concurrent transactions")
    seed(session_factory, 400)
    start = threading.Barrier(2)
    claimed: dict[str, list[int]] = {"a": [], "b": []}

    def work(name: str) -> None:
        start.wait()
        while True:
            with unit_of_work(session_factory) as session:
                batch = claim_due(session, MONDAY, name, limit=7, lease=LEASE)
                if not batch:
                    return
                claimed[name].extend(m.id for m in batch)

    threads = [threading.Thread(target=work, args=(name,)) for name in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not set(claimed["a"]) & set(claimed["b"])
    assert len(claimed["a"]) + len(claimed["b"]) == 400
    assert claimed["a"] and claimed["b"], "both workers should have had a share"
