"""The appeal settings modal (HR): opened by `/perf appeals settings`, its country and region pickers,
and saving it (every problem on its field; audited by the domain)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.appeals.ids import COUNTRY, SUBDIVISION, AppealCallback, Field
from handlers.appeals.settings_views import (
    chosen_country,
    country_options,
    lead_user,
    read_settings,
    settings_modal,
    subdivision_options,
)
from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.kit.submission import Done, submit
from models.appeals import appeal_settings, update_appeal_settings
from models.db import unit_of_work
from models.errors import DomainError
from models.i18n import N_
from models.people import Person, people_by_slack_ids, require_settings_access


def open_appeal_settings(session: Session, actor: Actor) -> View:
    require_settings_access(actor.person, actor.workspace)
    settings = appeal_settings(actor.workspace)
    lead = session.get(Person, settings.hr_lead_id) if settings.hr_lead_id is not None else None
    return settings_modal(actor.t, settings, lead.slack_user_id if lead is not None else None)


def _lead_id(session: Session, actor: Actor, user_id: str | None) -> int | None:
    if user_id is None:
        return None
    lead = people_by_slack_ids(session, actor.workspace, [user_id]).get(user_id)
    if lead is None:
        raise DomainError(N_("The HR lead must be an HR admin of this workspace."), field=Field.HR_LEAD)
    return lead.id


def register(app: App, deps: Deps) -> None:
    @app.options(COUNTRY)
    def handle_country_search(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        with unit_of_work(deps.session_factory) as session:
            t = load_actor(session, client, context).t
        ack(options=[option.to_dict() for option in country_options(t, str(body.get("value") or ""))])

    @app.options(SUBDIVISION)
    def handle_subdivision_search(ack: Ack, body: dict[str, Any]) -> None:
        values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
        found = subdivision_options(chosen_country(values), str(body.get("value") or ""))
        ack(options=[option.to_dict() for option in found])

    @app.view(AppealCallback.SETTINGS)
    def handle_settings(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def save(session: Session, actor: Actor) -> Done:
            require_settings_access(actor.person, actor.workspace)
            state = view["state"]["values"]
            data = read_settings(state, _lead_id(session, actor, lead_user(state)))
            update_appeal_settings(session, actor.workspace, actor.person, data, deps.clock())
            return Done()

        submit(deps, ack, client, context, save)
