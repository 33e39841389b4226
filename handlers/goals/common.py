"""What the goal and check-in listeners share: reading a button's goal and where it was clicked,
opening a modal from anywhere, the goal's View modal, and opening the goal modal (one path for
`/goal`, "New goal", "Revise" and "Edit")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.goals.checkin_views import DetailsState, details_modal
from handlers.goals.form import GoalModalState
from handlers.goals.format import local_today
from handlers.goals.ids import GoalCallback
from handlers.goals.views import goal_modal
from models.db import unit_of_work
from models.errors import DomainError, NotFound, PermissionDenied
from models.goals.checkins import checkin_history
from models.goals.entities import GoalLevel
from models.goals.permissions import (
    can_cancel_goal,
    can_check_in,
    can_comment_on_goal,
    can_create_goal,
    can_edit_goal,
)
from models.goals.queries import GoalOption, short_title
from models.goals.service import edit_refusal, load_goal
from models.i18n import N_
from models.people import Role


def button_value(body: dict[str, Any]) -> str:
    return str(((body.get("actions") or [{}])[0]).get("value") or "")


def button_goal_id(body: dict[str, Any]) -> int | None:
    value = button_value(body)
    return int(value) if value.isdigit() else None


def required_goal_id(body: dict[str, Any]) -> int:
    goal_id = button_goal_id(body)
    if goal_id is None:
        raise DomainError(N_("That goal does not exist or is not visible to you."), field="goal")
    return goal_id


def from_home(body: dict[str, Any]) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def message_channel(body: dict[str, Any]) -> str | None:
    """The channel of the message a button sits on, to answer there; None in a modal or on Home."""
    if (body.get("container") or {}).get("type") != "message":
        return None
    channel = (body.get("channel") or {}).get("id")
    return channel if isinstance(channel, str) else None


def show_modal(client: WebClient, body: dict[str, Any], view: View) -> None:
    """Open the modal, or push it onto the one the click came from (a modal can't open another)."""
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


@dataclass(frozen=True)
class Origin:
    """Where a goal button was clicked: a message (its channel), the goal's View modal, or Home."""

    channel_id: str | None = None  # the message's channel, to answer there
    details_view_id: str | None = None  # the View modal, to refresh once the change is saved
    from_home: bool = False  # Home, directly or through the View modal opened there


def origin_of(body: dict[str, Any]) -> Origin:
    view = body.get("view") or {}
    if view.get("type") == "modal" and view.get("callback_id") == GoalCallback.DETAILS_MODAL:
        metadata = DetailsState.load(view.get("private_metadata"))
        view_id = view.get("id")
        return Origin(
            details_view_id=view_id if isinstance(view_id, str) else None,
            from_home=metadata.from_home,
        )
    return Origin(channel_id=message_channel(body), from_home=from_home(body))


def details_view(
    session: Session, actor: Actor, deps: Deps, goal_id: int, *, from_home: bool = False
) -> View:
    """The goal's View modal as the actor sees it: details, history, and the buttons they may use."""
    history = checkin_history(session, actor.workspace, actor.person, goal_id)
    person, goal, owner = actor.person, history.goal, history.owner
    may_edit = can_edit_goal(person, goal, owner)
    return details_modal(
        actor.t,
        history,
        local_today(deps.clock(), person.tz),
        person.tz,
        may_check_in=can_check_in(person, goal, owner),
        may_comment=can_comment_on_goal(person, goal, owner),
        may_revise=may_edit and goal.owner_id == person.id,
        may_edit=may_edit,
        may_cancel=can_cancel_goal(person, goal, owner),
        from_home=from_home,
    )


def allowed_levels(actor: Actor) -> list[GoalLevel]:
    person = actor.person
    levels = [GoalLevel.INDIVIDUAL]
    if can_create_goal(person, GoalLevel.TEAM, department=person.department) or person.is_hr_admin:
        levels.append(GoalLevel.TEAM)
    if can_create_goal(person, GoalLevel.COMPANY):
        levels.append(GoalLevel.COMPANY)
    return levels


def _parent_option(session: Session, actor: Actor, parent_id: int | None) -> GoalOption | None:
    if parent_id is None:
        return None
    try:
        parent, _ = load_goal(session, actor.workspace, actor.person, parent_id)
    except NotFound:
        return None  # no longer visible: the modal starts without it
    return GoalOption(parent.id, parent.level, short_title(parent.title))


def goal_modal_for(
    session: Session, actor: Actor, deps: Deps, state: GoalModalState, goal_id: int | None
) -> View:
    """The create modal (goal_id None) or the edit modal of a goal the actor may change."""
    today = local_today(deps.clock(), actor.person.tz)
    if goal_id is None:
        person = actor.person
        return goal_modal(
            actor.t,
            state=state,
            today=today,
            levels=allowed_levels(actor),
            # Managers (and HR admins, who may manage people too) can set a goal for a direct report.
            ask_owner=person.role is Role.MANAGER or person.is_hr_admin,
            ask_department=person.is_hr_admin,
            actor_user_id=person.slack_user_id,
        )
    history = checkin_history(session, actor.workspace, actor.person, goal_id, limit=20)
    goal, owner = history.goal, history.owner
    if not can_edit_goal(actor.person, goal, owner):
        raise PermissionDenied(edit_refusal(actor.person, goal), field="goal")
    request = history.change_request
    return goal_modal(
        actor.t,
        state=state.model_copy(update={"goal_id": goal.id, "level": goal.level}),
        today=today,
        goal=goal,
        owner=owner,
        parent=_parent_option(session, actor, goal.parent_id),
        change_request=request.body if request is not None else None,
    )


def open_goal_modal(
    client: WebClient,
    deps: Deps,
    context: BoltContext,
    body: dict[str, Any],
    *,
    ack: Ack,
    state: GoalModalState,
    goal_id: int | None = None,
) -> None:
    with unit_of_work(deps.session_factory) as session:
        actor = load_actor(session, client, context)
        view = goal_modal_for(session, actor, deps, state, goal_id)
    ack()
    show_modal(client, body, view)


def open_edit_modal(
    client: WebClient, deps: Deps, context: BoltContext, body: dict[str, Any], *, ack: Ack
) -> None:
    """ "Revise" (the owner's draft) and "Edit" (an agreed goal): the goal modal, prefilled, for the
    goal on the button; pushed onto the goal's View modal when clicked there, which is redrawn after."""
    goal_id = required_goal_id(body)
    origin = origin_of(body)
    state = GoalModalState(
        goal_id=goal_id,
        channel_id=origin.channel_id,
        from_home=origin.from_home,
        details_view_id=origin.details_view_id,
    )
    open_goal_modal(client, deps, context, body, ack=ack, state=state, goal_id=goal_id)
