"""Publishing the App Home tab."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from handlers.appeals import appeals_home
from handlers.context import load_actor
from handlers.deps import Deps
from handlers.feedback import load_home_actions
from handlers.goals import load_home_goals, local_today
from handlers.home.views import home_view
from handlers.reviews import load_review_home
from models.db import unit_of_work
from models.praise import praise_given, praise_received


def publish_home(client: WebClient, deps: Deps, context: BoltContext) -> None:
    with unit_of_work(deps.session_factory) as session:
        actor = load_actor(session, client, context)
        today = local_today(deps.clock(), actor.person.tz)
        goals = load_home_goals(session, actor.person, today=today)
        view = home_view(
            actor.t,
            actor.person,
            praise_received(session, actor.person),
            praise_given(session, actor.person),
            goals,
            load_review_home(session, actor.person, deps.clock()),
            load_home_actions(session, actor.person, today),
            appeals_home(session, actor.workspace, actor.person, actor.t, deps.clock()),
        )
        user_id = actor.person.slack_user_id
    client.views_publish(user_id=user_id, view=view)


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def handle_app_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return  # the Messages tab: nothing to publish
        publish_home(client, deps, context)
