"""A Slack workspace (one installation) and the settings HR keeps for it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow

DEFAULT_VALUES = ["ownership", "teamwork", "customer", "craft", "courage"]


class Workspace(Base):
    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), unique=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200), default="")
    recognition_channel_id: Mapped[str | None] = mapped_column(String(32))
    company_values: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(DEFAULT_VALUES))
    default_locale: Mapped[str] = mapped_column(String(16), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
