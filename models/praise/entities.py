"""Praise: one giver recognising one or more people, tagged with company values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow
from models.people import Person


class Praise(WorkspaceScoped, Base):
    __tablename__ = "praise"

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text)
    values: Mapped[list[str]] = mapped_column(JSON, default=list)
    quote: Mapped[str | None] = mapped_column(Text)
    # Where it was posted; empty until Slack has accepted the post.
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    delivery_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    giver: Mapped[Person] = relationship(lazy="raise")
    recipient_links: Mapped[list[PraiseRecipient]] = relationship(
        back_populates="praise",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="PraiseRecipient.position",
    )

    @property
    def recipients(self) -> list[Person]:
        return [link.person for link in self.recipient_links]


class PraiseRecipient(WorkspaceScoped, Base):
    __tablename__ = "praise_recipient"

    praise_id: Mapped[int] = mapped_column(ForeignKey("praise.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    praise: Mapped[Praise] = relationship(back_populates="recipient_links", lazy="raise")
    person: Mapped[Person] = relationship(lazy="raise")
