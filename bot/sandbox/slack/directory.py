"""The fake workspace's people and conversations, in the shapes Slack's Web API returns them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.sandbox.slack.bodies import is_true
from bot.sandbox.slack.records import Answer, error, ok

CREATED = 1_700_000_000  # every fake conversation was created at this Unix time


@dataclass
class FakeUser:
    id: str
    name: str
    email: str | None
    tz: str
    locale: str
    is_bot: bool
    deleted: bool
    is_admin: bool
    is_owner: bool

    def tz_offset(self) -> int:
        offset = datetime.now(UTC).astimezone(ZoneInfo(self.tz)).utcoffset()
        return int(offset.total_seconds()) if offset else 0

    def to_slack(self, team_id: str, *, include_locale: bool) -> dict[str, Any]:
        """`users.info`'s `user` object (email only where the fake knows one, as with users:read.email)."""
        handle = self.name.lower().replace(" ", ".")
        profile: dict[str, Any] = {
            "real_name": self.name,
            "real_name_normalized": self.name,
            "display_name": handle,
            "display_name_normalized": handle,
            "team": team_id,
        }
        if self.email:
            profile["email"] = self.email
        user: dict[str, Any] = {
            "id": self.id,
            "team_id": team_id,
            "name": handle,
            "real_name": self.name,
            "deleted": self.deleted,
            "tz": self.tz,
            "tz_offset": self.tz_offset(),
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": CREATED,
            "profile": profile,
        }
        if include_locale:
            user["locale"] = self.locale
        return user


@dataclass
class FakeChannel:
    id: str
    name: str
    bot_is_member: bool
    is_private: bool = False

    def to_slack(self) -> dict[str, Any]:
        """`conversations.info`'s `channel` object for a public or private channel."""
        return {
            "id": self.id,
            "name": self.name,
            "name_normalized": self.name,
            "is_channel": not self.is_private,
            "is_group": self.is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": self.is_private,
            "is_archived": False,
            "is_general": self.name == "general",
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "is_member": self.bot_is_member,
            "created": CREATED,
            "creator": "",
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
        }


def dm_channel_id(user_id: str) -> str:
    """The app's DM with a person: a stable `D…` id derived from the user id (U123 → D123)."""
    return "D" + user_id[1:]


def im_to_slack(channel_id: str, user_id: str | None) -> dict[str, Any]:
    return {
        "id": channel_id,
        "created": CREATED,
        "is_im": True,
        "is_org_shared": False,
        "user": user_id,
        "is_user_deleted": False,
        "priority": 0,
    }


# -- users.* ----------------------------------------------------------------------------
USERS_PAGE_MAX = 1000  # users.list's largest page
LISTED_AT = 1_700_000_000  # users.list's cache_ts


def users_info(users: dict[str, FakeUser], team_id: str, args: dict[str, Any]) -> Answer:
    user = users.get(str(args.get("user")))
    if user is None:
        return error("user_not_found")
    return ok(user=user.to_slack(team_id, include_locale=is_true(args.get("include_locale"))))


def users_list(users: dict[str, FakeUser], team_id: str, args: dict[str, Any]) -> Answer:
    """Every member, bots and deactivated accounts included, a page at a time (cursor = offset)."""
    try:
        members = list(users.values())
        # Without a limit Slack answers everyone at once (fine for small teams only).
        limit = min(int(args.get("limit") or len(members) or 1), USERS_PAGE_MAX)
        offset = int(args.get("cursor") or 0)
    except ValueError:
        return error("invalid_cursor")
    if offset < 0:
        return error("invalid_cursor")
    page = members[offset : offset + limit]
    locale = is_true(args.get("include_locale"))
    next_cursor = str(offset + limit) if offset + limit < len(members) else ""
    return ok(
        members=[user.to_slack(team_id, include_locale=locale) for user in page],
        cache_ts=LISTED_AT,
        response_metadata={"next_cursor": next_cursor},
    )


def users_lookup_by_email(users: dict[str, FakeUser], team_id: str, args: dict[str, Any]) -> Answer:
    email = str(args.get("email", "")).lower()
    user = next((u for u in users.values() if u.email and u.email.lower() == email), None)
    if user is None:
        return error("users_not_found")
    return ok(user=user.to_slack(team_id, include_locale=False))
