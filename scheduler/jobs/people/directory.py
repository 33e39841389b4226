"""The daily directory refresh: one `users.list` walk per workspace catches the events we missed.

`user_change` events keep people current as Slack changes them; an event lost while perfbot
was down (or sent before the app asked for it) would leave a wrong time zone or language
for good. Once a day each workspace's members are walked a page (200) at a time, each page
applied in its own short transaction. `users.list` is Tier 2 (about 20 calls a minute): on a
429 the walk stops where it is and resumes from that page once `Retry-After` has passed, on a
later tick. Nothing here sleeps. The schedule lives in this process, so a restarted clock
refreshes once at start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from handlers.directory import members_page
from models.db import SessionFactory, unit_of_work
from models.people import sync_profiles
from models.workspace import Workspace
from scheduler.policy import retry_after

log = logging.getLogger(__name__)

REFRESH_EVERY = timedelta(days=1)
RETRY_FAILED_AFTER = timedelta(hours=1)  # Slack unreachable or refusing: try again in an hour
MAX_PAGES_PER_TICK = 50  # a workspace of 10,000 members per tick, well inside Tier 2 for one walk

ClientFor = Callable[[Workspace], WebClient | None]


@dataclass
class _Walk:
    due_at: datetime
    cursor: str = ""  # "" starts from the first page


@dataclass
class RefreshStats:
    pages: int = 0
    changed: int = 0
    finished: int = 0  # workspaces whose walk completed on this tick
    deferred: list[str] = field(default_factory=list)  # why a walk paused ("ratelimited", an error code)


class DirectoryRefresh:
    def __init__(
        self,
        session_factory: SessionFactory,
        client_for: ClientFor,
        *,
        every: timedelta = REFRESH_EVERY,
    ) -> None:
        self.session_factory = session_factory
        self.client_for = client_for
        self.every = every
        self._walks: dict[int, _Walk] = {}

    def due_at(self, workspace_id: int) -> datetime | None:
        walk = self._walks.get(workspace_id)
        return walk.due_at if walk else None

    def tick(self, now: datetime) -> RefreshStats:
        """Walk every workspace whose refresh is due (the first tick: all of them)."""
        stats = RefreshStats()
        with self.session_factory() as session:
            workspaces = list(session.scalars(select(Workspace).order_by(Workspace.id)))
            session.expunge_all()
        for workspace in workspaces:
            walk = self._walks.setdefault(workspace.id, _Walk(due_at=now))
            if walk.due_at > now:
                continue
            client = self.client_for(workspace)
            if client is not None:
                self._walk(workspace, client, walk, now, stats)
        return stats

    def _walk(
        self, workspace: Workspace, client: WebClient, walk: _Walk, now: datetime, stats: RefreshStats
    ) -> None:
        for _ in range(MAX_PAGES_PER_TICK):
            try:
                page = members_page(client, walk.cursor)
            except SlackApiError as error:
                status = int(getattr(error.response, "status_code", 0) or 0)
                code = str(error.response.get("error") or f"HTTP {status}")
                if status == 429 or code == "ratelimited":
                    walk.due_at = now + timedelta(seconds=retry_after(error.response.headers))
                    stats.deferred.append("ratelimited")
                else:
                    walk.due_at, walk.cursor = now + RETRY_FAILED_AFTER, ""
                    stats.deferred.append(code)
                log.info("directory refresh of %s paused until %s: %s", workspace.team_id, walk.due_at, code)
                return
            except OSError as error:
                walk.due_at, walk.cursor = now + RETRY_FAILED_AFTER, ""
                stats.deferred.append(type(error).__name__)
                log.info(
                    "directory refresh of %s: Slack unreachable (%s)", workspace.team_id, type(error).__name__
                )
                return
            with unit_of_work(self.session_factory) as session:
                current = session.get(Workspace, workspace.id)
                if current is not None:
                    stats.changed += sync_profiles(session, current, page.profiles, locale_asked=True)
            stats.pages += 1
            walk.cursor = page.next_cursor
            if not page.next_cursor:
                walk.due_at = now + self.every
                stats.finished += 1
                log.info("directory refresh of %s done", workspace.team_id)
                return
        walk.due_at = now  # more pages: carry on at the next tick
