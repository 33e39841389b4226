"""Dates and times in the reader's own time zone and language."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date, format_datetime

from models.i18n import Translator
from models.zones import zone


def local_datetime(t: Translator, moment: datetime, tz: str | None) -> str:
    """e.g. "Nov 24, 2026, 9:30 AM" or "2026年11月24日 09:30", in the reader's zone."""
    return str(format_datetime(moment.astimezone(zone(tz)), format="medium", locale=t.locale))


def local_date(t: Translator, moment: datetime, tz: str | None) -> str:
    return str(format_date(moment.astimezone(zone(tz)), format="medium", locale=t.locale))
