"""`/perf`: help, settings and HR administration."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.appeals import appeals_command
from handlers.context import Actor
from handlers.deps import Deps
from handlers.directory import is_slack_admin, resolve_people
from handlers.kit.commands import MENTION, asks_for_help
from handlers.kit.submission import Done, submit
from handlers.perf.views import perf_help
from handlers.reviews import calibration_command, cycle_command, outcome_command
from handlers.settings import open_settings
from models.errors import DomainError
from models.i18n import N_
from models.people import Person, grant_hr_admin


def register(app: App, deps: Deps) -> None:
    @app.command("/perf")
    def handle_perf_command(
        ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        words = (command.get("text") or "").split()
        verb = words[0].lower() if words else "help"

        def answer(session: Session, actor: Actor) -> Done:
            t = actor.t
            if verb == "settings":
                view = open_settings(session, actor)
                return Done().then(client.views_open, trigger_id=command["trigger_id"], view=view)
            if verb == "cycle":
                return cycle_command(session, actor, words[1:], client, command, deps.clock())
            if verb == "appeals":
                return appeals_command(session, actor, words[1:], client, command, deps)
            if verb == "calibration":
                return calibration_command(session, actor, words[1:], deps)
            if verb == "outcome":
                return outcome_command(session, actor, words[1:], client, command)
            if asks_for_help(verb):
                reply = perf_help(t)
            elif verb == "admin" and len(words) >= 3 and words[1].lower() == "grant":
                target = grant_from_command(session, client, actor, " ".join(words[2:]))
                reply = t("{name} is now an HR admin.", name=target.mention)
            else:
                unknown = t("I do not know `/perf {text}`.", text=" ".join(words)[:100])
                reply = f"{unknown}\n\n{perf_help(t)}"
            return Done(answer={"response_type": "ephemeral", "text": reply})

        submit(deps, ack, client, context, answer)


def grant_from_command(session: Session, client: WebClient, actor: Actor, text: str) -> Person:
    user_ids = MENTION.findall(text)
    if len(user_ids) != 1:
        raise DomainError(N_("Name one person: `/perf admin grant @someone`."))
    resolved = resolve_people(session, client, actor.workspace, user_ids, field="user")
    if resolved.refused:
        raise DomainError.of(resolved.refused)
    target = resolved.people[user_ids[0]]
    # Asking Slack is only needed when the HR role itself does not already allow it.
    slack_admin = not actor.person.is_hr_admin and is_slack_admin(client, actor.person.slack_user_id)
    return grant_hr_admin(session, actor.workspace, actor.person, target, is_slack_admin=slack_admin)
