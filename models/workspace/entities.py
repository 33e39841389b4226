"""A Slack workspace (one installation) and the settings HR keeps for it."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import JSON, String, Time, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow
from models.workspace.working_hours import WorkingHours

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

    # Scheduler settings (HR changes them in /perf settings). Server defaults let a migration
    # add the columns to existing workspaces.
    # Zone for channel messages (the digest) and for anyone whose own Slack zone is unusable.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # Proactive messages go out only in [work_day_start, work_day_end) on work_days (0 = Monday),
    # read on each recipient's wall clock.
    work_day_start: Mapped[time] = mapped_column(Time(), default=time(9), server_default="09:00:00")
    work_day_end: Mapped[time] = mapped_column(Time(), default=time(18), server_default="18:00:00")
    work_days: Mapped[list[int]] = mapped_column(
        JSON, default=lambda: [0, 1, 2, 3, 4], server_default=text("'[0, 1, 2, 3, 4]'")
    )
    # A manager is nudged about a report nobody has recognised for this many days.
    nudge_after_days: Mapped[int] = mapped_column(default=21, server_default="21")
    # Messages the scheduler may post into this workspace per minute, all channels together.
    send_budget_per_minute: Mapped[int] = mapped_column(default=300, server_default="300")
    # When the weekly recognition digest goes out, on the workspace's own clock (0 = Monday).
    digest_weekday: Mapped[int] = mapped_column(default=4, server_default="4")
    digest_hour: Mapped[int] = mapped_column(default=15, server_default="15")
    # Appeals: decision days, public holidays, company days off, HR lead, pausing (models.appeals.settings).
    appeal_settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default=text("'{}'"))

    @property
    def working_hours(self) -> WorkingHours:
        return WorkingHours.of(self.work_day_start, self.work_day_end, self.work_days)
