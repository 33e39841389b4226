"""Event ids already handled, so a retried Events API delivery has no second effect."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import String, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


class ProcessedEvent(WorkspaceScoped, Base):
    __tablename__ = "processed_event"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def claim_event(session: Session, *, workspace_id: int, event_id: str, now: datetime) -> bool:
    """Record the event as handled; False when an earlier delivery already claimed it."""
    if session.scalar(select(ProcessedEvent.event_id).where(ProcessedEvent.event_id == event_id)):
        return False
    try:
        with session.begin_nested():
            session.execute(
                insert(ProcessedEvent).values(workspace_id=workspace_id, event_id=event_id, received_at=now)
            )
    except IntegrityError:  # a concurrent delivery of the same event won the race
        return False
    return True


def forget_events_before(session: Session, cutoff: datetime) -> int:
    """Slack stops retrying after about five minutes; older ids only take space."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


RETENTION = timedelta(days=1)
