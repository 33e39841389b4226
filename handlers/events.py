"""Events API plumbing: dropping Slack's retries of events already handled, and people joining."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from handlers.context import load_workspace
from handlers.deps import Deps
from handlers.directory import profile_from_user
from models.db import unit_of_work
from models.messaging import claim_event, enqueue_welcome
from models.people import register_person, sync_profiles

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.middleware
    def drop_duplicate_events(body: dict[str, Any], context: BoltContext, next: Any) -> BoltResponse | None:
        """Deduplicate on event_id: a retry whose first delivery was handled has no second effect,
        while a retry whose first delivery never arrived is processed as new."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if not event_id:
            return next()  # type: ignore[no-any-return]
        with unit_of_work(deps.session_factory) as session:
            workspace = load_workspace(session, context)
            fresh = claim_event(session, workspace_id=workspace.id, event_id=event_id, now=deps.clock())
        if not fresh:
            log.info("event %s already handled; dropping the retry", event_id)
            return BoltResponse(status=200, body="", headers={"X-Slack-No-Retry": "1"})
        return next()  # type: ignore[no-any-return]

    @app.event("team_join")
    def handle_team_join(event: dict[str, Any], context: BoltContext) -> None:
        user = event.get("user") or {}
        if not user.get("id") or user.get("is_bot"):
            return
        with unit_of_work(deps.session_factory) as session:
            workspace = load_workspace(session, context)
            person = register_person(session, workspace, profile_from_user(user))
            session.flush()
            enqueue_welcome(session, person, deps.clock())

    @app.event("user_change")
    def handle_user_change(event: dict[str, Any], context: BoltContext) -> None:
        """Keep time zone, language and active flag current for people we already know."""
        user = event.get("user") or {}
        if not user.get("id"):
            return
        with unit_of_work(deps.session_factory) as session:
            workspace = load_workspace(session, context)
            # The event's user object carries a locale only for apps that asked for locales.
            sync_profiles(session, workspace, [profile_from_user(user)], locale_asked=False)
