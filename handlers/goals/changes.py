"""Changing an agreed goal in Slack: Edit (the goal modal, prefilled) and Cancel goal (a modal that
asks why). Both are offered only to those the domain allows, and both end in the domain operation
(`update_goal`, `cancel_goal`), which refuses anyone else: committed before the ack, DMs after it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.goals.cancel_views import CancelState, cancel_modal, cancelled_text
from handlers.goals.common import details_view, open_edit_modal, origin_of, required_goal_id, show_modal
from handlers.goals.delivery import Report, deliver, notices_of, warning_lines
from handlers.goals.format import local_today
from handlers.goals.ids import GoalAction, GoalCallback
from handlers.goals.notice_views import read_comment
from handlers.kit.replies import tell_in_channel, update_view
from handlers.kit.submission import Done, submit
from models.db import unit_of_work
from models.goals.service import load_goal
from models.goals.workflow import cancel_goal, require_cancellable


def register(app: App, deps: Deps) -> None:
    @app.action(GoalAction.EDIT)
    def handle_edit_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        open_edit_modal(client, deps, context, body, ack=ack)

    @app.action(GoalAction.CANCEL)
    def handle_cancel_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        goal_id = required_goal_id(body)
        origin = origin_of(body)
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            goal, owner = load_goal(session, actor.workspace, actor.person, goal_id)
            require_cancellable(actor.person, goal, owner)
            state = CancelState(
                goal_id=goal.id,
                channel_id=origin.channel_id,
                details_view_id=origin.details_view_id,
                from_home=origin.from_home,
            )
            today = local_today(deps.clock(), actor.person.tz)
            view = cancel_modal(actor.t, goal, owner, actor.person, today, state)
        ack()
        show_modal(client, body, view)

    @app.view(GoalCallback.CANCEL_MODAL)
    def handle_cancel_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = CancelState.load(view.get("private_metadata"))
        reason = read_comment(view["state"]["values"])

        def cancel(session: Session, actor: Actor) -> Done:
            outcome = cancel_goal(
                session, actor.workspace, actor.person, state.goal_id, now=deps.clock(), reason=reason
            )
            t, told = actor.t, bool(outcome.notices)
            report = Report(
                lines=[
                    cancelled_text(t, outcome.goal, outcome.owner, actor.person, told),
                    *warning_lines(t, outcome.warnings),
                ],
                messages=notices_of(outcome),
            )
            reply = tell_in_channel(client, actor.person.slack_user_id, state.channel_id)
            done = Done().then(deliver, deps.deliver_rows, report, t, reply)
            if state.details_view_id:
                details = details_view(session, actor, deps, outcome.goal.id, from_home=state.from_home)
                done.then(update_view, client, state.details_view_id, details)
            if state.from_home:
                done.then(deps.publish_home, client, deps, context)
            return done

        submit(deps, ack, client, context, cancel)
