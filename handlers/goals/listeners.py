"""Goal listeners: `/goal` and its listings, the goal modal, the parent search, the "More" pages.

Every way to set a goal (`/goal`, "New goal" on Home or in a list, "Revise", "Edit") ends in the same modal
and the same submission, which calls `create_goal` or `revise_goal` (an edit, proposed again
for a revised draft). The goal is committed before the ack; the DMs it causes are sent after it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.directory import resolve_people
from handlers.goals import changes as goal_changes
from handlers.goals import checkin
from handlers.goals import review as goal_review
from handlers.goals.common import details_view, from_home, message_channel, open_goal_modal
from handlers.goals.delivery import Report, deliver, notices_of, warning_lines
from handlers.goals.form import GoalForm, GoalModalState, chosen_level, read_goal_form, saved_text
from handlers.goals.format import local_today
from handlers.goals.ids import GoalAction, GoalCallback
from handlers.goals.list_views import goal_usage, my_goals_page, team_page
from handlers.goals.tree_views import tree_page
from handlers.goals.views import parent_options
from handlers.kit.commands import asks_for_help
from handlers.kit.message import SlackMessage
from handlers.kit.replies import tell_in_channel, update_view
from handlers.kit.submission import Done, submit
from models.db import unit_of_work
from models.errors import DomainError
from models.goals.alignment import PARENT_LEVELS
from models.goals.permissions import can_cancel_goal, can_edit_goal
from models.goals.queries import goal_tree, my_goals, search_goals, team_goals
from models.goals.service import GoalOutcome, NoticeKind, create_goal
from models.goals.validation import GoalInput
from models.goals.workflow import revise_goal
from models.i18n import N_

LISTINGS = {"list": "list", "mine": "list", "team": "team", "tree": "tree"}


def register(app: App, deps: Deps) -> None:
    goal_review.register(app, deps)
    goal_changes.register(app, deps)
    checkin.register(app, deps)

    @app.command("/goal")
    def handle_goal_command(
        ack: Ack, body: dict[str, Any], command: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        words = (command.get("text") or "").split()
        verb = words[0].lower() if words else ""
        if verb in ("", "new", "add", "create"):
            state = GoalModalState(channel_id=command.get("channel_id"))
            open_goal_modal(client, deps, context, body, ack=ack, state=state)
            return
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            t = actor.t
            if asks_for_help(verb):
                text, blocks = goal_usage(t), None
            elif verb in LISTINGS and len(words) == 1:
                page = listing_page(session, actor, deps, LISTINGS[verb], 0)
                text, blocks = page.text, page.blocks
            else:
                unknown = t("I do not know `/goal {text}`.", text=" ".join(words)[:100])
                text, blocks = f"{unknown}\n\n{goal_usage(t)}", None
        ack(response_type="ephemeral", text=text, blocks=blocks)

    @app.action(GoalAction.NEW_GOAL)
    def handle_new_goal_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = GoalModalState(channel_id=message_channel(body), from_home=from_home(body))
        open_goal_modal(client, deps, context, body, ack=ack, state=state)

    @app.options(GoalAction.PARENT)
    def handle_parent_search(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        view = body.get("view") or {}
        state = GoalModalState.load(view.get("private_metadata"))
        level = state.level
        if state.goal_id is None:
            level = chosen_level((view.get("state") or {}).get("values") or {}, state.level)
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            levels = PARENT_LEVELS[level]
            found = (
                search_goals(session, actor.person, str(body.get("value") or ""), levels=levels)
                if levels
                else []
            )
            options = parent_options(actor.t, [option for option in found if option.id != state.goal_id])
        ack(options=options)

    @app.view(GoalCallback.GOAL_MODAL)
    def handle_goal_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = GoalModalState.load(view.get("private_metadata"))
        form = read_goal_form(view["state"]["values"])

        def save(session: Session, actor: Actor) -> Done:
            outcome = save_goal(session, client, actor, state, form, deps)
            approvers = [n.recipient for n in outcome.notices if n.kind is NoticeKind.PROPOSAL_TO_APPROVE]
            report = Report(
                lines=[
                    saved_text(actor.t, outcome.goal, outcome.owner, approvers, actor.person),
                    *warning_lines(actor.t, outcome.warnings),
                ],
                messages=notices_of(outcome),
            )
            reply = tell_in_channel(client, actor.person.slack_user_id, state.channel_id)
            done = Done().then(deliver, deps.deliver_rows, report, actor.t, reply)
            if state.details_view_id:  # edited from the goal's View modal, which shows again
                details = details_view(session, actor, deps, outcome.goal.id, from_home=state.from_home)
                done.then(update_view, client, state.details_view_id, details)
            if state.from_home:
                done.then(deps.publish_home, client, deps, context)
            return done

        submit(deps, ack, client, context, save)

    @app.action(GoalAction.MORE)
    def handle_more_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
    ) -> None:
        value = str(((body.get("actions") or [{}])[0]).get("value") or "")
        listing, _, raw_page = value.partition(":")
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            page = listing_page(
                session,
                actor,
                deps,
                LISTINGS.get(listing, "list"),
                int(raw_page) if raw_page.isdigit() else 0,
            )
        ack()
        respond(text=page.text, blocks=page.blocks, response_type="ephemeral", replace_original=False)


def listing_page(session: Session, actor: Actor, deps: Deps, listing: str, page: int) -> SlackMessage:
    """One page of `/goal list`, `/goal team` or `/goal tree`; each a fixed number of statements."""
    today = local_today(deps.clock(), actor.person.tz)
    if listing == "team":
        team = team_goals(session, actor.person, today=today)
        return team_page(actor.t, team.attention, team.others, today, page)
    if listing == "tree":
        return tree_page(actor.t, list(goal_tree(session, actor.person).walk()), today, page)
    mine = my_goals(session, actor.person)
    person = actor.person  # the owner of every goal in the list
    return my_goals_page(
        actor.t,
        mine,
        today,
        page,
        editable={s.goal.id for s in mine.goals if can_edit_goal(person, s.goal, person)},
        cancellable={s.goal.id for s in mine.goals if can_cancel_goal(person, s.goal, person)},
    )


def _owner_id(session: Session, client: WebClient, actor: Actor, user_id: str | None) -> int | None:
    if not user_id or user_id == actor.person.slack_user_id:
        return None
    resolved = resolve_people(session, client, actor.workspace, [user_id], field="owner")
    if user_id not in resolved.people:
        raise DomainError(N_("Choose a person in this workspace, not a bot."), field="owner")
    return resolved.people[user_id].id


def _parent_id(raw: str | None) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise DomainError(N_("Choose a goal you can see in this workspace."), field="parent")
    return int(raw)


def save_goal(
    session: Session, client: WebClient, actor: Actor, state: GoalModalState, form: GoalForm, deps: Deps
) -> GoalOutcome:
    """Create, or revise (an edit; the owner's revised draft is proposed again)."""
    now = deps.clock()
    editing = state.goal_id is not None
    data = GoalInput(
        title=form.title,
        level=state.level if editing else (form.level or state.level),
        due_date=form.due_date,
        kind=form.kind or "metric",
        description=form.description,
        owner_id=None if editing else _owner_id(session, client, actor, form.owner_user_id),
        department=None if editing else (form.department or "").strip() or None,
        parent_id=_parent_id(form.parent),
        unit=form.unit,
        direction=form.direction,
        baseline=form.baseline,
        target=form.target,
        weight=form.weight,
        start_date=form.start_date,
        visibility=form.visibility or "public",
    )
    if state.goal_id is None:
        return create_goal(session, actor.workspace, actor.person, data, now=now)
    return revise_goal(session, actor.workspace, actor.person, state.goal_id, data, now=now)
