"""The outbox rows review cycles write, and the SQL pieces that let the database build them in bulk.

Launch DMs and stage reminders are written with INSERT … SELECT, so their cost in statements does
not grow with the headcount. Dedupe keys name the occasion:

    cycle:7:launch:person:42                     the launch DM
    cycle:7:self_assessment:participant:9:d-3    3 days before that stage's deadline (d0: on the day,
                                                 d2: 2 days after); a new deadline is a new date in
                                                 the key (`…:2026-07-10:d-1`)
    cycle:7:peer:nomination:15:request           the peer's review request
    cycle:7:release:result:9                     the result DM at release (feedback: the manager's DM)
"""

from __future__ import annotations

import enum
import json
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, String, cast, literal, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import JSON

from models.messaging import OutboxMessage, OutboxStatus


class ReviewMessage(enum.StrEnum):
    LAUNCH = "review.launch"  # to every participant: what is asked and by when
    NOMINATIONS = "review.nominations"  # to the reviewing manager: approve, remove or add peers
    PEER_REQUEST = "review.peer_request"  # to an approved peer
    PEER_DECLINED = "review.peer_declined"  # to the reviewee: nominate someone else
    SELF_REMINDER = "reminder.review.self"
    NOMINATION_REMINDER = "reminder.review.nomination"
    PEER_REMINDER = "reminder.review.peer"
    MANAGER_REQUEST = "review.manager_request"  # to the reviewing manager: one per report, "Write review"
    CALIBRATED = "review.calibrated"  # to the reviewing manager: HR changed a final rating, and why
    OVERDUE = "review.overdue"  # to the manager (HR for someone without one): still owed after 3 days
    RESULT = "review.result"  # to the employee at release: the result, its breakdown, the appeal window
    FEEDBACK_ASK = "review.feedback_ask"  # to the reviewing manager at release: hold the 1:1, log it
    MANAGER_REMINDER = "reminder.review.manager"  # to the reviewing manager owing a manager review
    MANAGER_OVERDUE = "review.manager_overdue"  # to HR admins: manager reviews still owed after the deadline
    CALIBRATION_REMINDER = "reminder.review.calibration"  # to HR admins: results still to calibrate
    RELEASE_REMINDER = "reminder.review.release"  # to HR admins: results not released yet


class json_constant(FunctionElement[Any]):
    """JSON text (a constant, or built per row) as a JSON value in an INSERT … SELECT."""

    type = JSON()
    inherit_cache = True


@compiles(json_constant)
@compiles(json_constant, "sqlite")
def _json_constant_sqlite(element: json_constant, compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    return str(compiler.process(argument, **kw))


@compiles(json_constant, "postgresql")
def _json_constant_postgresql(element: json_constant, compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    return f"CAST({compiler.process(argument, **kw)} AS JSON)"


def constant_payload(**values: Any) -> json_constant:
    return json_constant(literal(json.dumps(values, sort_keys=True), String))


def row_payload(target: SQLColumnExpression[Any], **values: Any) -> json_constant:
    """{"target": <an integer column of the row>, **values}, the JSON text built by the database."""
    head = json.dumps(values, sort_keys=True)[:-1]
    return json_constant(key_of(head + (", " if values else "") + '"target": ', target, "}"))


def key_of(*parts: SQLColumnExpression[Any] | str) -> ColumnElement[str]:
    """A dedupe key from constant text and columns, concatenated by the database."""
    pieces = [literal(part, String) if isinstance(part, str) else cast(part, String) for part in parts]
    key: ColumnElement[str] = pieces[0]
    for piece in pieces[1:]:
        key = key + piece
    return key


def cancel_queued(session: Session, workspace_id: int, key_prefix: str, reason: str, now: datetime) -> int:
    """Cancel what is still queued under a key prefix (reminders for something just submitted)."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.workspace_id == workspace_id,
            OutboxMessage.status == OutboxStatus.QUEUED,
            OutboxMessage.dedupe_key.startswith(key_prefix, autoescape=True),
        )
        .values(status=OutboxStatus.CANCELLED, last_error=reason, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def reminder_prefix(cycle_id: int, stage: str, participant_or_nomination: int) -> str:
    return f"cycle:{cycle_id}:{stage}:{participant_or_nomination}:"
