"""The outbox rows the feedback conversation writes. Dedupe keys name the occasion:

feedback:3:logged:2026-12-01T10:00:00+00:00      the log (or its change) to the employee
feedback:3:comment:17                            the employee's comment 17, to the manager
feedback:3:acknowledged                          the employee's acknowledgement, to the manager
feedback:action:8:due:2026-12-08:d-7             a development action's reminder to its owner,
                                                 7 days before (d-1, d0 on the day); a new due
                                                 date is a new date in the key
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.messaging import OutboxMessage, OutboxStatus

# Reminders for a development action are "days before its due date".
REMINDER_DAYS = (7, 1, 0)


class FeedbackMessage(enum.StrEnum):
    LOGGED = "feedback.logged"  # to the employee: the log, with "Add a comment" and "Acknowledge"
    COMMENTED = "feedback.commented"  # to the reviewing manager: the employee commented
    ACKNOWLEDGED = "feedback.acknowledged"  # to the reviewing manager: the employee acknowledged
    ACTION_DUE = "reminder.feedback.action"  # to an action's owner: 7 days, 1 day before, on the day


def action_prefix(action_id: int) -> str:
    return f"feedback:action:{action_id}:"


def cancel_reminders(session: Session, workspace_id: int, action_id: int, reason: str, now: datetime) -> int:
    """Cancel an action's reminders still queued (it was done, or removed from the log)."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.workspace_id == workspace_id,
            OutboxMessage.status == OutboxStatus.QUEUED,
            OutboxMessage.dedupe_key.startswith(action_prefix(action_id), autoescape=True),
        )
        .values(status=OutboxStatus.CANCELLED, last_error=reason, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
