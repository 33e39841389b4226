"""Agreeing on goals in Slack: Approve, Request changes (with a comment), Comment, and Revise.

The approver's DM is settled in place after a decision (its buttons replaced by the outcome);
the owner hears the decision in a DM of their own, in their language.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.goals.common import open_edit_modal, required_goal_id, show_modal
from handlers.goals.delivery import Report, deliver, notices_of, warning_lines
from handlers.goals.format import local_today, quote
from handlers.goals.ids import GoalAction, GoalCallback
from handlers.goals.notice_views import (
    ReplyState,
    changes_modal,
    comment_modal,
    read_comment,
    settled_proposal,
)
from handlers.kit.replies import tell_from_action, tell_in_channel, update_message
from handlers.kit.submission import Done, submit
from models.db import unit_of_work
from models.goals.service import load_goal
from models.goals.workflow import (
    approve_goal,
    comment_on_goal,
    request_changes,
    require_commenter,
    require_decider,
    require_proposed,
)


def _message_of(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """(channel, ts) of the message a button sits on; (None, None) in a modal or on Home."""
    container = body.get("container") or {}
    if container.get("type") != "message":
        return None, None
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    return channel, container.get("message_ts") or (body.get("message") or {}).get("ts")


def register(app: App, deps: Deps) -> None:
    @app.action(GoalAction.APPROVE)
    def handle_approve_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
    ) -> None:
        goal_id = required_goal_id(body)
        now = deps.clock()

        def approve(session: Session, actor: Actor) -> Done:
            outcome = approve_goal(session, actor.workspace, actor.person, goal_id, now=now)
            t, user_id = actor.t, actor.person.slack_user_id
            owner = outcome.owner
            settled = settled_proposal(
                t,
                outcome.goal,
                owner,
                local_today(now, actor.person.tz),
                t(":white_check_mark: You approved this goal; {name} has been told.", name=owner.mention)
                if owner is not None
                else t(":white_check_mark: You approved this goal."),
            )
            report = Report(
                lines=warning_lines(t, outcome.warnings),
                messages=notices_of(outcome),
            )
            reply = tell_from_action(client, body, respond, user_id)
            return (
                Done()
                .then(update_message, client, *_message_of(body), settled)
                .then(deliver, deps.deliver_rows, report, t, reply)
            )

        submit(deps, ack, client, context, approve)

    @app.action(GoalAction.REQUEST_CHANGES)
    def handle_request_changes_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        goal_id = required_goal_id(body)
        channel_id, message_ts = _message_of(body)
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            goal, owner = load_goal(session, actor.workspace, actor.person, goal_id)
            # The same refusals request_changes would give, before the comment is asked for.
            require_decider(actor.person, goal, owner)
            require_proposed(goal)
            today = local_today(deps.clock(), actor.person.tz)
            view = changes_modal(
                actor.t,
                goal,
                owner,
                today,
                ReplyState(goal_id=goal.id, channel_id=channel_id, message_ts=message_ts),
            )
        ack()
        show_modal(client, body, view)

    @app.view(GoalCallback.CHANGES_MODAL)
    def handle_changes_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = ReplyState.load(view.get("private_metadata"))
        comment = read_comment(view["state"]["values"])
        now = deps.clock()

        def send_back(session: Session, actor: Actor) -> Done:
            outcome = request_changes(session, actor.workspace, actor.person, state.goal_id, comment, now=now)
            t = actor.t
            what = t(":pencil2: You asked for changes:") + "\n" + quote(comment.strip(), 1000)
            settled = settled_proposal(
                t, outcome.goal, outcome.owner, local_today(now, actor.person.tz), what
            )
            report = Report(messages=notices_of(outcome))
            reply = tell_in_channel(client, actor.person.slack_user_id, None)
            return (
                Done()
                .then(update_message, client, state.channel_id, state.message_ts, settled)
                .then(deliver, deps.deliver_rows, report, t, reply)
            )

        submit(deps, ack, client, context, send_back)

    @app.action(GoalAction.COMMENT)
    def handle_comment_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        goal_id = required_goal_id(body)
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            goal, owner = load_goal(session, actor.workspace, actor.person, goal_id)
            require_commenter(actor.person, goal, owner)
            today = local_today(deps.clock(), actor.person.tz)
            view = comment_modal(actor.t, goal, owner, today, ReplyState(goal_id=goal.id))
        ack()
        show_modal(client, body, view)

    @app.view(GoalCallback.COMMENT_MODAL)
    def handle_comment_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = ReplyState.load(view.get("private_metadata"))
        comment = read_comment(view["state"]["values"])

        def comment_on(session: Session, actor: Actor) -> Done:
            outcome = comment_on_goal(
                session, actor.workspace, actor.person, state.goal_id, comment, now=deps.clock()
            )
            lines = [] if outcome.notices else [actor.t("Your comment is saved with the goal.")]
            report = Report(lines=lines, messages=notices_of(outcome))
            reply = tell_in_channel(client, actor.person.slack_user_id, None)
            return Done().then(deliver, deps.deliver_rows, report, actor.t, reply)

        submit(deps, ack, client, context, comment_on)

    @app.action(GoalAction.REVISE)
    def handle_revise_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        open_edit_modal(client, deps, context, body, ack=ack)
