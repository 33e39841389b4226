"""People's control over what perfbot sends them on its own (snooze, mute), and the welcome DM.

These are domain operations on the outbox, called from Slack buttons, `/perf settings`,
`team_join` and the org import alike; delivery renders and sends what they queue.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from models import audit
from models.errors import DomainError, NotFound
from models.i18n import N_
from models.messaging.outbox import (
    NUDGE_PREFIX,
    MessageKind,
    NewMessage,
    OutboxMessage,
    OutboxStatus,
    can_snooze,
    enqueue,
)
from models.people import Person

SNOOZE_FOR = timedelta(days=1)
MUTED_REASON = "recipient muted nudges"


def welcome_key(person_id: int) -> str:
    return f"welcome:person:{person_id}"


def enqueue_welcome(session: Session, person: Person, now: datetime) -> int:
    """Queue the welcome DM for someone new to the workspace (flushed, so it has an id); 1 if new."""
    return enqueue_welcomes(session, [person], now)


def enqueue_welcomes(session: Session, people: Iterable[Person], now: datetime) -> int:
    """Welcome DMs for many newcomers (an org import) in one statement; each person is welcomed once ever."""
    rows = [
        NewMessage(
            workspace_id=person.workspace_id,
            person_id=person.id,
            kind=MessageKind.WELCOME,
            dedupe_key=welcome_key(person.id),
            not_before=now,
        )
        for person in people
        if person.active
    ]
    return enqueue(session, rows, now)


def snooze(session: Session, person: Person, message_id: int, now: datetime) -> datetime:
    """Send `person` the message again a day later; returns when. Clicking twice snoozes once."""
    message = session.get(OutboxMessage, message_id)
    if message is None or message.workspace_id != person.workspace_id or message.person_id != person.id:
        raise NotFound(
            N_(
                "That reminder can no longer be snoozed; nothing is lost. "
                "Type `/goal list` to see what is due."
            )
        )
    if not can_snooze(message.kind):
        raise DomainError(N_("This message cannot be snoozed."))
    until = now + SNOOZE_FOR
    enqueue(
        session,
        [
            NewMessage(
                workspace_id=message.workspace_id,
                person_id=person.id,
                subject_id=message.subject_id,
                kind=message.kind,
                # Keyed on the snoozed row: a double click or a retried request snoozes once.
                dedupe_key=f"snooze:{message.id}",
                payload=message.payload,
                not_before=until,
                working_hours=True,
            )
        ],
        now,
    )
    return until


def set_mute_nudges(session: Session, person: Person, muted: bool, now: datetime) -> int:
    """Turn positive-feedback nudges off (cancelling queued ones; how many) or back on."""
    before = person.mute_nudges
    person.mute_nudges = muted
    cancelled = 0
    if muted:
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.workspace_id == person.workspace_id,
                OutboxMessage.person_id == person.id,
                OutboxMessage.status == OutboxStatus.QUEUED,
                OutboxMessage.kind.startswith(NUDGE_PREFIX, autoescape=True),
            )
            .values(status=OutboxStatus.CANCELLED, last_error=MUTED_REASON, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        cancelled = int(result.rowcount)  # type: ignore[attr-defined]
    if before != muted:
        audit.record(
            session,
            workspace_id=person.workspace_id,
            actor_id=person.id,
            action="person.mute_nudges",
            entity_type="person",
            entity_id=person.id,
            before={"mute_nudges": before},
            after={"mute_nudges": muted},
        )
    return cancelled
