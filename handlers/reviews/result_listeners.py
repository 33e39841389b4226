"""Reading a released result: "View result" (in the result DM and on App Home) and `/review result`
open the "Your result" view. Before release the employee is refused (models.reviews.permissions)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.submission import Done, submit
from handlers.reviews.ids import ReviewButton
from handlers.reviews.result_views import result_view
from models.errors import NotFound
from models.i18n import N_
from models.reviews import ReviewParticipant, get_cycle
from models.reviews.result import my_released, result_for


def open_my_result(session: Session, actor: Actor, client: WebClient, trigger_id: str) -> Done:
    """`/review result`: my newest released result, or why there is none."""
    released = my_released(session, actor.person, limit=1)
    if not released:
        raise NotFound(N_("No result of yours has been released yet."))
    cycle, participant = released[0]
    result = result_for(session, actor.person, cycle, participant, actor.person.tz)
    if result is None:
        raise NotFound(N_("No result of yours has been released yet."))
    return Done().then(client.views_open, trigger_id=trigger_id, view=result_view(actor.t, result))


def register(app: App, deps: Deps) -> None:
    @app.action(ReviewButton.VIEW_RESULT)
    def handle_view_result(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        raw = str(((body.get("actions") or [{}])[0]).get("value") or "")

        def open_view(session: Session, actor: Actor) -> Done:
            participant = session.get(ReviewParticipant, int(raw)) if raw.isdigit() else None
            if participant is None or participant.workspace_id != actor.workspace.id:
                raise NotFound(N_("That review is no longer available."))
            cycle = get_cycle(session, actor.workspace, participant.cycle_id)
            result = result_for(session, actor.person, cycle, participant, actor.person.tz)  # checks who
            if result is None:
                raise NotFound(N_("There is no submitted manager review to show yet."))
            return Done().then(
                client.views_open, trigger_id=body["trigger_id"], view=result_view(actor.t, result)
            )

        submit(deps, ack, client, context, open_view)
