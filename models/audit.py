"""The audit log: who changed what, when, from what to what, and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


class AuditEntry(WorkspaceScoped, Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def record(
    session: Session,
    *,
    workspace_id: int,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """Write the entry now, in the session's transaction.

    One INSERT, not an object for the next flush: an operation that has flushed its change to
    learn its id (a new praise) would otherwise pay a second flush just for its audit entry.
    """
    session.execute(
        insert(AuditEntry.__table__),  # type: ignore[arg-type]
        [
            {
                "workspace_id": workspace_id,
                "actor_id": actor_id,
                "action": action,
                "entity_type": entity_type,
                "entity_id": entity_id,
                "before": before,
                "after": after,
                "reason": reason,
                "created_at": utcnow(),
            }
        ],
    )
