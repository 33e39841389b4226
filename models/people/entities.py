"""People in a workspace: who they are, who they report to and what they may do."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


class Role(enum.StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    HR_ADMIN = "hr_admin"


class Person(WorkspaceScoped, Base):
    __tablename__ = "person"
    __table_args__ = (
        UniqueConstraint("workspace_id", "slack_user_id"),
        UniqueConstraint("workspace_id", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200), default="")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda r: [m.value for m in r]),
        default=Role.EMPLOYEE,
    )
    department: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    locale: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    # Listed by HR's org import. Only such people are deactivated when a later import omits
    # them; someone registered on first contact (a contractor, a guest) is left alone.
    in_org_chart: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The app's DM channel with this person, from conversations.open (Tier 3): asked once, then reused.
    dm_channel_id: Mapped[str | None] = mapped_column(String(32))
    # The person turned off positive-feedback nudges ("Mute these nudges"); deadline reminders still come.
    mute_nudges: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    # raise_on_sql: a manager already in the session is found without a query; anything else
    # must be loaded with the person (joinedload), never one query per person.
    manager: Mapped[Person | None] = relationship(remote_side=[id], lazy="raise_on_sql")

    @property
    def is_hr_admin(self) -> bool:
        return self.role is Role.HR_ADMIN

    @property
    def mention(self) -> str:
        return f"<@{self.slack_user_id}>"
