"""Giving praise: the rules every way in (command, modal, shortcut) goes through."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import audit
from models.errors import DomainError, PermissionDenied, Problem
from models.i18n import N_
from models.people import Person
from models.praise.entities import Praise, PraiseRecipient
from models.praise.outbox import queue_praise_messages
from models.praise.permissions import can_give_praise
from models.workspace import Workspace

MAX_RECIPIENTS = 10
MAX_MESSAGE = 1000
MAX_QUOTE = 500


@dataclass(frozen=True)
class PraiseRequest:
    """Praise as the giver asked for it; `refused` carries recipients the directory already ruled out."""

    recipients: Sequence[Person]
    # As Slack writes text: `&`, `<` and `>` as entities, mentions as markup (a slash command's
    # text as it arrives; modal input escaped by the listener), so every praise reads one way.
    message: str
    values: Sequence[str] = ()
    quote: str | None = None
    refused: Sequence[Problem] = field(default_factory=tuple)
    # Where the giver was (the command's channel, or one chosen in the form); the workspace's
    # recognition channel, when HR has set one, wins.
    channel_id: str | None = None


@dataclass(frozen=True)
class GivenPraise:
    """The stored praise, where it is posted (None: nowhere to post) and its outbox rows."""

    praise: Praise
    channel_id: str | None
    outbox: list[int]


def typed_length(message: str) -> int:
    """The length the giver typed: an escaped `&amp;` is one character to them."""
    return len(message.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


def too_many_recipients() -> Problem:
    return Problem(N_("Praise at most {limit} people at once."), "recipients", {"limit": MAX_RECIPIENTS})


def value_key(text: str) -> str:
    """How a tag is compared with a value: width and case do not matter ("＃Ｏｗｎｅｒ" is "#owner")."""
    return unicodedata.normalize("NFKC", text).lstrip("#").casefold()


def match_values(workspace: Workspace, requested: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split requested tags into the workspace's spelling of known values and unknown ones.

    Chinese is written without spaces, so "#担当谢谢" names the value 担当 when nothing longer
    fits: a value followed by more text counts when that text does not go on with a Latin
    letter or digit (so "#ownerships" is not "ownership").
    """
    known = {value_key(value): value for value in workspace.company_values}
    by_length = sorted(known, key=len, reverse=True)
    matched: list[str] = []
    unknown: list[str] = []
    for tag in requested:
        key = value_key(tag)
        value = known.get(key) or next(
            (known[k] for k in by_length if key.startswith(k) and not key[len(k)].isascii()), None
        )
        if value is None:
            unknown.append(unicodedata.normalize("NFKC", tag).lstrip("#"))
        elif value not in matched:
            matched.append(value)
    return matched, unknown


def unknown_values(workspace: Workspace, requested: Sequence[str]) -> list[str]:
    """The requested tags that are none of the workspace's values (the praise is given without them)."""
    return match_values(workspace, requested)[1]


def check_praise(
    workspace: Workspace, giver: Person, request: PraiseRequest
) -> tuple[list[Person], list[str]]:
    """Every problem with the request at once, each on its field; the cleaned recipients and values."""
    if not can_give_praise(giver, workspace):
        raise PermissionDenied(
            N_(
                "Your account is deactivated in perfbot, so you cannot give praise. "
                "If that is a mistake, ask HR."
            )
        )
    problems: list[Problem] = list(request.refused)
    recipients = list({person.id: person for person in request.recipients}.values())
    if any(person.id == giver.id for person in recipients):
        problems.append(Problem(N_("You cannot praise yourself; pick someone else."), "recipients"))
    for person in recipients:
        if person.workspace_id != workspace.id:
            problems.append(Problem(N_("That person is not in this workspace."), "recipients"))
        elif not person.active:
            problems.append(
                Problem(
                    N_("{name} is deactivated and cannot receive praise."),
                    "recipients",
                    {"name": person.name},
                )
            )
    if not recipients and not request.refused:
        problems.append(Problem(N_("Name at least one person to praise."), "recipients"))
    elif len(recipients) > MAX_RECIPIENTS:
        problems.append(too_many_recipients())
    message = request.message.strip()
    if not message:
        problems.append(Problem(N_("Write a message saying what they did."), "message"))
    elif (length := typed_length(message)) > MAX_MESSAGE:
        problems.append(
            Problem(
                N_("Keep the message to {limit} characters (it has {length})."),
                "message",
                {"limit": MAX_MESSAGE, "length": length},
            )
        )
    # A #tag that is not a value does not stop a kind message: it stays text, and the giver is told.
    values, _unknown = match_values(workspace, request.values)
    if problems:
        raise DomainError.of(problems)
    return recipients, values


def give_praise(
    session: Session, workspace: Workspace, giver: Person, request: PraiseRequest, *, now: datetime
) -> GivenPraise:
    """Store the praise and, in the same transaction, its channel post and the recipients' DMs."""
    recipients, values = check_praise(workspace, giver, request)
    quote = request.quote.strip()[:MAX_QUOTE] if request.quote else None
    praise = Praise(
        workspace_id=workspace.id,
        giver_id=giver.id,
        message=request.message.strip(),
        values=values,
        quote=quote or None,
        created_at=now,
    )
    praise.giver = giver
    praise.recipient_links = [
        PraiseRecipient(workspace_id=workspace.id, person=person, position=index)
        for index, person in enumerate(recipients)
    ]
    session.add(praise)
    session.flush()
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=giver.id,
        action="praise.give",
        entity_type="praise",
        entity_id=praise.id,
        after={"recipients": [person.id for person in recipients], "values": values},
    )
    channel_id = workspace.recognition_channel_id or request.channel_id or None
    return GivenPraise(praise, channel_id, queue_praise_messages(session, praise, channel_id, now=now))


def record_delivery(
    praise: Praise, *, channel_id: str | None, message_ts: str | None, errors: Sequence[str]
) -> None:
    if channel_id and message_ts:
        praise.channel_id = channel_id
        praise.message_ts = message_ts
    praise.delivery_error = "; ".join(errors)[:500] or None


def _with_people() -> tuple[object, ...]:
    return (
        selectinload(Praise.giver),
        selectinload(Praise.recipient_links).selectinload(PraiseRecipient.person),
    )


def load_praise(session: Session, workspace: Workspace, praise_id: int) -> Praise | None:
    return session.scalar(
        select(Praise)
        .where(Praise.workspace_id == workspace.id, Praise.id == praise_id)
        .options(*_with_people())  # type: ignore[arg-type]
    )


def praise_received(session: Session, person: Person, limit: int = 5) -> list[Praise]:
    received = (
        select(PraiseRecipient.praise_id)
        .where(PraiseRecipient.workspace_id == person.workspace_id, PraiseRecipient.person_id == person.id)
        .scalar_subquery()
    )
    return list(
        session.scalars(
            select(Praise)
            .where(Praise.workspace_id == person.workspace_id, Praise.id.in_(received))
            .order_by(Praise.created_at.desc(), Praise.id.desc())
            .limit(limit)
            .options(*_with_people())  # type: ignore[arg-type]
        )
    )


def praise_given(session: Session, person: Person, limit: int = 5) -> list[Praise]:
    return list(
        session.scalars(
            select(Praise)
            .where(Praise.workspace_id == person.workspace_id, Praise.giver_id == person.id)
            .order_by(Praise.created_at.desc(), Praise.id.desc())
            .limit(limit)
            .options(*_with_people())  # type: ignore[arg-type]
        )
    )
