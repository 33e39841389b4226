"""People as Slack knows them: the workspace's members (`users.list`) and whoever we meet first.

Requests read people from the database only; Slack is asked (`users.info`) about someone
perfbot has never heard of, and that answer registers them. The org import and the daily
refresh walk `users.list` instead of asking person by person.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from models.errors import Problem
from models.i18n import N_
from models.people import Person, Profile, SlackMembers, people_by_slack_ids, register_person
from models.workspace import Workspace

log = logging.getLogger(__name__)

MEMBERS_PAGE = 200  # users.list's recommended page size (Tier 2: about 20 pages a minute)


def profile_from_user(user: dict[str, Any]) -> Profile:
    profile = user.get("profile") or {}
    name = (
        profile.get("real_name")
        or user.get("real_name")
        or profile.get("display_name")
        or user.get("name", "")
    )
    return Profile(
        user_id=user["id"],
        name=name,
        email=profile.get("email"),
        tz=user.get("tz"),
        locale=user.get("locale"),
        is_bot=bool(user.get("is_bot")) or user.get("id") == "USLACKBOT",
        deleted=bool(user.get("deleted")),
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
    )


@dataclass(frozen=True)
class MembersPage:
    profiles: list[Profile]
    next_cursor: str  # "" after the last page


def members_page(client: WebClient, cursor: str = "") -> MembersPage:
    """One page of `users.list` with languages; a 429 raises SlackApiError for the caller to defer."""
    response = client.users_list(limit=MEMBERS_PAGE, include_locale=True, cursor=cursor or None)
    members = response.get("members") or []
    next_cursor = (response.get("response_metadata") or {}).get("next_cursor") or ""
    return MembersPage([profile_from_user(dict(user)) for user in members], str(next_cursor))


def walk_members(client: WebClient) -> Iterator[Profile]:
    """Every member of the workspace, page by page (the client's retry handlers decide about 429)."""
    cursor = ""
    while True:
        page = members_page(client, cursor)
        yield from page.profiles
        if not page.next_cursor:
            return
        cursor = page.next_cursor


def list_members(client: WebClient) -> SlackMembers:
    return SlackMembers.of(walk_members(client))


def fetch_profile(client: WebClient, user_id: str) -> Profile | None:
    try:
        response = client.users_info(user=user_id, include_locale=True)
    except SlackApiError as error:
        if error.response.get("error") in ("user_not_found", "user_not_visible"):
            return None
        raise
    return profile_from_user(response["user"])


@dataclass
class Resolved:
    people: dict[str, Person]
    refused: list[Problem]


def resolve_people(
    session: Session, client: WebClient, workspace: Workspace, user_ids: Iterable[str], *, field: str
) -> Resolved:
    """Known people in one query; anyone unknown is asked about once and registered (bots are refused)."""
    ids = list(dict.fromkeys(user_ids))
    known = people_by_slack_ids(session, workspace, ids)
    unknown = [user_id for user_id in ids if user_id not in known]
    # Looked up side by side: ten sequential users.info calls could eat the 3-second ack.
    with ThreadPoolExecutor(max_workers=min(len(unknown), 10) or 1) as pool:
        profiles = dict(
            zip(unknown, pool.map(lambda user_id: fetch_profile(client, user_id), unknown), strict=True)
        )
    refused: list[Problem] = []
    for user_id in unknown:
        profile = profiles[user_id]
        if profile is None:
            refused.append(
                Problem(N_("I cannot find <@{user}> in this workspace."), field, {"user": user_id})
            )
        elif profile.is_bot:
            refused.append(
                Problem(
                    N_("{name} is a bot; praise goes to people."), field, {"name": profile.name or user_id}
                )
            )
        else:
            known[user_id] = register_person(session, workspace, profile)
    return Resolved(people=known, refused=refused)


def ensure_person(session: Session, client: WebClient, workspace: Workspace, user_id: str) -> Person:
    """The person behind a request: from the database, or registered from `users.info` on first contact.

    Someone perfbot knows costs no Slack call, whatever is missing from their profile: the org
    import, `user_change` events and the daily refresh keep it current.
    """
    person = people_by_slack_ids(session, workspace, [user_id]).get(user_id)
    if person is not None:
        return person
    profile = fetch_profile(client, user_id) or Profile(user_id=user_id, name="")
    return register_person(session, workspace, profile)


def is_slack_admin(client: WebClient, user_id: str) -> bool:
    profile = fetch_profile(client, user_id)
    return bool(profile and profile.is_admin)
