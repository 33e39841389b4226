"""`/appeal` and filing: the command (modal, status, help), the release DM's "Appeal" button, and the
submission. Handling (HR, the manager, the appellant's answers) is in handling_listeners.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.appeals import handling_listeners, settings_listeners
from handlers.appeals.filing_views import FilingModal, appeal_help, filing_modal, read_filing, refusals_text
from handlers.appeals.ids import AppealButton, AppealCallback
from handlers.appeals.status_views import status_message
from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.commands import asks_for_help
from handlers.kit.replies import tell_from_action
from handlers.kit.submission import Done, submit
from models.appeals import appealable_parts, evidence_options, file_appeal, my_appeals, no_appeal_reason


def button_value(body: dict[str, Any]) -> int:
    raw = str(((body.get("actions") or [{}])[0]).get("value") or "")
    return int(raw) if raw.isdigit() else 0


def build_filing_modal(session: Session, actor: Actor, now: datetime, participant_id: int = 0) -> View | str:
    """The filing modal, or why nothing can be appealed now (words for the person)."""
    parts = appealable_parts(session, actor.workspace, actor.person, now)
    if parts and all(part.refusal is not None for part in parts):
        return actor.t("Nothing of your result can be appealed now:") + "\n" + refusals_text(actor.t, parts)
    if not parts:
        return actor.t(no_appeal_reason(session, actor.workspace, actor.person, now))
    participants = dict.fromkeys(part.participant_id for part in parts if part.refusal is None)
    evidence: dict[str, str] = {}
    for participant in participants:
        for value, label in evidence_options(session, actor.workspace, actor.person, participant):
            evidence.setdefault(value, label)
    return filing_modal(
        actor.t, FilingModal(parts=parts, evidence=list(evidence.items()), participant_id=participant_id)
    )


def register(app: App, deps: Deps) -> None:
    handling_listeners.register(app, deps)
    settings_listeners.register(app, deps)

    @app.command("/appeal")
    def handle_appeal_command(
        ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        words = (command.get("text") or "").split()
        verb = words[0].lower() if words else ""

        def answer(session: Session, actor: Actor) -> Done:
            t, now = actor.t, deps.clock()
            if not words:
                view = build_filing_modal(session, actor, now)
                if isinstance(view, View):
                    return Done().then(client.views_open, trigger_id=command["trigger_id"], view=view)
                reply = view
            elif verb == "status" and len(words) == 1:
                message = status_message(t, my_appeals(session, actor.workspace, actor.person, now))
                return Done(
                    answer={
                        "response_type": "ephemeral",
                        "text": message.text,
                        "blocks": message.blocks_json(),
                    }
                )
            elif asks_for_help(verb):
                reply = appeal_help(t)
            else:
                unknown = t("I do not know `/appeal {text}`.", text=" ".join(words)[:100])
                reply = f"{unknown}\n\n{appeal_help(t)}"
            return Done(answer={"response_type": "ephemeral", "text": reply})

        submit(deps, ack, client, context, answer)

    @app.action(AppealButton.OPEN)
    def handle_open_filing(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
    ) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            view = build_filing_modal(session, actor, deps.clock(), button_value(body))
            if isinstance(view, View):
                return Done().then(client.views_open, trigger_id=body["trigger_id"], view=view)
            return Done().then(tell_from_action(client, body, respond, actor.person.slack_user_id), view)

        submit(deps, ack, client, context, open_modal)

    @app.view(AppealCallback.FILE)
    def handle_filing(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def save(session: Session, actor: Actor) -> Done:
            data = read_filing(view["state"]["values"])
            appeal = file_appeal(session, actor.workspace, actor.person, data, deps.clock())
            return (
                Done()
                .then(deps.deliver_rows, list(appeal.messages))
                .then(deps.publish_home, client, deps, context)
            )

        submit(deps, ack, client, context, save)
