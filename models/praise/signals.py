"""Positive signals: small wins the model noticed (goal progress, a completed goal, a check-in).

Any domain area records them with `record_signal`; the scheduler's recognition nudge
reads them with `recent_signals` and names the latest one in its message, for example
"Ana moved 'Cut response time' from 40% to 65% this week".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


class PositiveSignal(WorkspaceScoped, Base):
    __tablename__ = "positive_signal"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # A message id from models.i18n (e.g. N_("{name} moved '{goal}' from {before} to {after} this week"))
    # and its parameters, so the nudge renders it in the manager's language.
    kind: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(String(300))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def record_signal(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    kind: str,
    message: str,
    params: dict[str, Any] | None = None,
    occurred_at: datetime,
) -> PositiveSignal:
    signal = PositiveSignal(
        workspace_id=workspace_id,
        person_id=person_id,
        kind=kind,
        message=message,
        params=dict(params or {}),
        occurred_at=occurred_at,
    )
    session.add(signal)
    return signal


def recent_signals(
    session: Session, workspace_id: int, person_ids: Iterable[int], since: datetime
) -> dict[int, PositiveSignal]:
    """The newest signal per person since `since`, in one query."""
    ids = list(person_ids)
    if not ids:
        return {}
    rows = session.scalars(
        select(PositiveSignal)
        .where(
            PositiveSignal.workspace_id == workspace_id,
            PositiveSignal.person_id.in_(ids),
            PositiveSignal.occurred_at >= since,
        )
        .order_by(PositiveSignal.occurred_at.asc(), PositiveSignal.id.asc())
    )
    newest: dict[int, PositiveSignal] = {}
    for signal in rows:
        newest[signal.person_id] = signal
    return newest
