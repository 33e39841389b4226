"""Time zones by IANA name, as Slack gives them; never raises for a bad or missing name."""

from __future__ import annotations

from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str | None, fallback: str | None = "UTC") -> tzinfo:
    """The zone for an IANA name; an unknown or malformed one gives the fallback, then UTC. Never raises."""
    for candidate in (name, fallback):
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return UTC
