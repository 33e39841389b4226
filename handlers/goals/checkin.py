"""Check-in listeners: `/checkin`, the "Check in" buttons, the check-in modal, and "View" (a goal's
details and history). Every way in ends in `models.checkin_service.check_in`; a check-in that
turns a goal at risk or off track DMs the manager at once, after the ack.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.goals.checkin_views import CheckinModalState, checkin_modal, read_checkin_form
from handlers.goals.common import (
    button_goal_id,
    details_view,
    from_home,
    message_channel,
    required_goal_id,
    show_modal,
)
from handlers.goals.delivery import Report, deliver, notices_of
from handlers.goals.format import HEALTH_ICONS, HEALTH_LABELS, progress_bar
from handlers.goals.ids import GoalAction, GoalCallback
from handlers.goals.list_views import checkin_usage
from handlers.kit import words
from handlers.kit.commands import asks_for_help
from handlers.kit.replies import tell_in_channel
from handlers.kit.submission import Done, submit
from models.db import unit_of_work
from models.errors import DomainError
from models.goals.checkins import CheckinInput, CheckinOutcome, check_in
from models.goals.entities import Goal, GoalStatus
from models.goals.queries import MAX_OPTIONS, my_goals
from models.goals.service import load_goal
from models.i18n import N_, Translator


def register(app: App, deps: Deps) -> None:
    @app.command("/checkin")
    def handle_checkin_command(
        ack: Ack, body: dict[str, Any], command: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        text = (command.get("text") or "").strip()
        if not text:
            state = CheckinModalState(channel_id=command.get("channel_id"))
            open_checkin_modal(client, deps, context, body, ack=ack, state=state)
            return
        with unit_of_work(deps.session_factory) as session:
            t = load_actor(session, client, context).t
        if asks_for_help(text):
            ack(response_type="ephemeral", text=checkin_usage(t))
            return
        unknown = t("I do not know `/checkin {text}`.", text=text[:100])
        ack(response_type="ephemeral", text=f"{unknown}\n\n{checkin_usage(t)}")

    @app.action(GoalAction.CHECK_IN)
    def handle_check_in_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = CheckinModalState(
            goal_id=button_goal_id(body), channel_id=message_channel(body), from_home=from_home(body)
        )
        open_checkin_modal(client, deps, context, body, ack=ack, state=state)

    @app.view(GoalCallback.CHECKIN_MODAL)
    def handle_checkin_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = CheckinModalState.load(view.get("private_metadata"))
        form = read_checkin_form(view["state"]["values"])

        def record(session: Session, actor: Actor) -> Done:
            if form.goal_id is None:
                raise DomainError(N_("Choose the goal you are checking in on."), field="goal")
            data = CheckinInput(
                status=form.status,
                value=form.value,
                done=form.done,
                complete=form.done,
                note=form.note,
                blockers=form.blockers,
            )
            outcome = check_in(session, actor.workspace, actor.person, form.goal_id, data, now=deps.clock())
            report = Report(
                lines=[checked_in_text(actor.t, outcome)],
                messages=notices_of(outcome),
            )
            reply = tell_in_channel(client, actor.person.slack_user_id, state.channel_id)
            done = Done().then(deliver, deps.deliver_rows, report, actor.t, reply)
            if state.from_home:
                done.then(deps.publish_home, client, deps, context)
            return done

        submit(deps, ack, client, context, record)

    @app.action(GoalAction.VIEW)
    def handle_view_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        goal_id = required_goal_id(body)
        with unit_of_work(deps.session_factory) as session:
            actor = load_actor(session, client, context)
            view = details_view(session, actor, deps, goal_id, from_home=from_home(body))
        ack()
        show_modal(client, body, view)


def open_checkin_modal(
    client: WebClient,
    deps: Deps,
    context: BoltContext,
    body: dict[str, Any],
    *,
    ack: Ack,
    state: CheckinModalState,
) -> None:
    """The person's active goals to pick from; the button's goal preselected (whatever its status:
    a closed goal is refused on submission, on the goal field)."""
    with unit_of_work(deps.session_factory) as session:
        actor = load_actor(session, client, context)
        goals: list[Goal] = [
            summary.goal
            for summary in my_goals(session, actor.person).goals
            if summary.goal.status is GoalStatus.ACTIVE
        ][:MAX_OPTIONS]
        selected = None
        if state.goal_id is not None:
            selected, _ = load_goal(session, actor.workspace, actor.person, state.goal_id)
        if not goals and selected is None:
            raise DomainError(N_("You have no active goals to check in on. Type `/goal` to set one."))
        view = checkin_modal(actor.t, goals, selected, state)
    ack()
    show_modal(client, body, view)


def checked_in_text(t: Translator, outcome: CheckinOutcome) -> str:
    goal, checkin = outcome.goal, outcome.checkin
    health = f"{HEALTH_ICONS[checkin.health]} {t(HEALTH_LABELS[checkin.health])}"
    text = t(
        "Checked in on {title}: `{bar}` · {health}",
        title=words.title(t, goal.title),
        bar=progress_bar(checkin.progress_after),
        health=health,
    )
    if goal.status is GoalStatus.COMPLETED:
        text += "\n" + t(":tada: The goal is completed.")
    if outcome.manager_to_alert is not None:
        text += "\n" + t("{name} has been told, with your note.", name=outcome.manager_to_alert.mention)
    return text
