"""The outbox rows appeals write. Every payload names the appeal only; the text is rendered at delivery.

Dedupe keys name the occasion:

    appeal:7:assigned:42:<at>          the assignee's DM (one per assignment)
    appeal:7:filed                     the appellant's confirmation
    appeal:7:decision:d-2:2026-12-11   the assignee's reminder for that deadline (d0, d+1, …)
    appeal:7:escalated:2026-12-11      the HR lead (or each HR admin) told, once per deadline
    appeal:7:request:3:d0              the pending statement request's / question's reminder
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from models.appeals.entities import AppealRow
from models.messaging import NewMessage, enqueue_for_request


class AppealMessage(enum.StrEnum):
    ASSIGNED = "appeal.assigned"  # to the assignee: everything needed to decide
    UNASSIGNED = "appeal.unassigned"  # to the HR lead (or every HR admin): nobody could be assigned
    FILED = "appeal.filed"  # to the appellant: received, by when to expect an answer
    STATEMENT_REQUEST = "appeal.statement_request"  # to the reviewing manager
    QUESTION = "appeal.question"  # to the appellant: HR asks a question
    ANSWERED = "appeal.answered"  # to the assignee: the statement or the answer came in
    DECIDED = "appeal.decided"  # to the appellant: the decision and its reasoning
    OUTCOME = "appeal.outcome"  # to the reviewing manager: the outcome only
    WITHDRAWN = "appeal.withdrawn"  # to the assignee
    REOPENED = "appeal.reopened"  # to the appellant
    DECISION_REMINDER = "reminder.appeal.decision"  # to the assignee: 2 days before, on the day, after
    ESCALATED = "appeal.escalated"  # to the HR lead (or every HR admin): past the deadline
    REQUEST_REMINDER = "reminder.appeal.request"  # to the manager or the employee: an answer is due


def queue(
    session: Session,
    appeal: AppealRow,
    kind: AppealMessage,
    recipients: Iterable[int | None],
    occasion: str,
    now: datetime,
    *,
    working_hours: bool = True,
    **payload: object,
) -> list[int]:
    """DMs caused by a request, one per recipient, delivered after the ack (or by the scheduler)."""
    rows = [
        NewMessage(
            workspace_id=appeal.workspace_id,
            person_id=person_id,
            subject_id=appeal.appellant_id,
            kind=kind,
            not_before=now,
            working_hours=working_hours,
            dedupe_key=f"appeal:{appeal.id}:{occasion}:{person_id}",
            payload={"appeal_id": appeal.id, **payload},
        )
        for person_id in dict.fromkeys(recipients)
        if person_id is not None
    ]
    return enqueue_for_request(session, rows, now)
