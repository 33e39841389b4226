"""Praise listeners: `/praise`, the "Give praise" and "Praise this message" shortcuts, and the modal.

Every way in ends in `models.praise.service.give_praise`, which commits the praise with its post
and DMs in the outbox before the ack; they are delivered after it (handlers.praise.delivery).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from handlers.directory import resolve_people
from handlers.kit.commands import asks_for_help
from handlers.kit.replies import tell_in_channel
from handlers.kit.submission import Done, submit
from handlers.kit.text import escape_mrkdwn
from handlers.praise.delivery import deliver_praise
from handlers.praise.ids import Action, Block, Callback
from handlers.praise.parse import parse_praise_text
from handlers.praise.views import PraiseModalState, praise_modal, praise_usage, unknown_tags_note
from models.db import unit_of_work
from models.errors import DomainError, Problem
from models.i18n import N_
from models.praise.service import (
    MAX_QUOTE,
    MAX_RECIPIENTS,
    GivenPraise,
    PraiseRequest,
    give_praise,
    too_many_recipients,
    unknown_values,
)


def register(app: App, deps: Deps) -> None:
    @app.command("/praise")
    def handle_praise_command(
        ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
    ) -> None:
        text = (command.get("text") or "").strip()
        if not text:
            open_praise_modal(
                client, deps, context, command["trigger_id"], ack=ack, channel_id=command.get("channel_id")
            )
            return

        def give_or_help(session: Session, actor: Actor) -> Done:
            if asks_for_help(text):
                return Done(answer={"response_type": "ephemeral", "text": praise_usage(actor.t)})
            given, unknown = _give_from_text(
                session, client, actor, text, command.get("channel_id"), deps=deps
            )
            tag_note = unknown_tags_note(actor.t, unknown, actor.workspace.company_values)

            def reply(message: str) -> None:
                respond(text=f"{message}\n{tag_note}" if tag_note else message, response_type="ephemeral")

            return Done().then(deliver_praise, deps, actor.workspace, given, reply=reply)

        submit(deps, ack, client, context, give_or_help)

    @app.shortcut(Callback.GIVE_PRAISE_SHORTCUT)
    def handle_give_praise_shortcut(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        open_praise_modal(client, deps, context, body["trigger_id"], ack=ack)

    @app.message_shortcut(Callback.PRAISE_MESSAGE_SHORTCUT)
    def handle_praise_message_shortcut(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        message = body.get("message") or {}
        author = message.get("user")
        initial = [author] if author and author != context.user_id else []
        open_praise_modal(
            client,
            deps,
            context,
            body["trigger_id"],
            ack=ack,
            initial_users=initial,
            channel_id=(body.get("channel") or {}).get("id"),
            quote=(message.get("text") or "")[:MAX_QUOTE] or None,
        )

    @app.action(Action.OPEN_PRAISE_MODAL)
    def handle_open_praise_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        value = (body.get("actions") or [{}])[0].get("value") or ""
        initial = [value] if value.startswith(("U", "W")) else []
        open_praise_modal(client, deps, context, body["trigger_id"], ack=ack, initial_users=initial)

    @app.action(Action.VIEW_POST)
    def handle_view_post_link(ack: Ack) -> None:
        ack()  # a link button: Slack opens the URL, there is nothing to do

    @app.view(Callback.PRAISE_MODAL)
    def handle_praise_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        values = view["state"]["values"]
        state = PraiseModalState.load(view.get("private_metadata"))
        recipients = _state(values, Block.RECIPIENTS, Action.RECIPIENTS).get("selected_users") or []
        # Stored as Slack writes a command's text, so praise from either way in reads the same.
        message = escape_mrkdwn(_state(values, Block.MESSAGE, Action.MESSAGE).get("value") or "")
        tags = [o["value"] for o in _state(values, Block.VALUES, Action.VALUES).get("selected_options") or []]
        chosen_channel = _state(values, Block.CHANNEL, Action.CHANNEL).get("selected_conversation")

        def give(session: Session, actor: Actor) -> Done:
            given = _give(
                session,
                client,
                actor,
                recipients,
                message,
                tags,
                [],
                quote=state.quote,
                channel_id=chosen_channel or state.channel_id,
                deps=deps,
            )
            reply = tell_in_channel(client, actor.person.slack_user_id, given.channel_id)
            return Done().then(deliver_praise, deps, actor.workspace, given, reply=reply)

        submit(deps, ack, client, context, give)


def _give_from_text(
    session: Session, client: WebClient, actor: Actor, text: str, channel_id: str | None, *, deps: Deps
) -> tuple[GivenPraise, list[str]]:
    """The praise given, and the #tags in the text that are none of the workspace's values."""
    parsed = parse_praise_text(text)
    # A #tag that is also a channel name arrives as a channel mention; it still names a value.
    channel_names = {name.lower() for name in parsed.channel_names}
    tags = parsed.tags + [v for v in actor.workspace.company_values if v.lower() in channel_names]
    refused = [
        Problem(
            N_("I could not tell who @{name} is: pick people from the @ autocomplete."),
            Block.RECIPIENTS,
            {"name": name},
        )
        for name in parsed.unresolved
    ]
    try:
        given = _give(
            session,
            client,
            actor,
            parsed.user_ids,
            parsed.message,
            tags,
            refused,
            quote=None,
            channel_id=channel_id,
            deps=deps,
        )
    except DomainError as error:
        # On the command line the fix is in the text, so show how it is written.
        raise DomainError.of([*error.problems, Problem(praise_usage(actor.t))]) from None
    return given, unknown_values(actor.workspace, tags)


def _state(values: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    return dict((values.get(block) or {}).get(action) or {})


def _give(
    session: Session,
    client: WebClient,
    actor: Actor,
    user_ids: list[str],
    message: str,
    tags: list[str],
    refused: list[Problem],
    *,
    quote: str | None,
    channel_id: str | None,
    deps: Deps,
) -> GivenPraise:
    if len(set(user_ids)) > MAX_RECIPIENTS:  # refuse before asking Slack about people it won't need
        raise DomainError.of([too_many_recipients()])
    resolved = resolve_people(session, client, actor.workspace, user_ids, field=Block.RECIPIENTS)
    request = PraiseRequest(
        recipients=[resolved.people[u] for u in user_ids if u in resolved.people],
        message=message,
        values=tags,
        quote=quote,
        refused=[*refused, *resolved.refused],
        channel_id=channel_id,
    )
    return give_praise(session, actor.workspace, actor.person, request, now=deps.clock())


def open_praise_modal(
    client: WebClient,
    deps: Deps,
    context: BoltContext,
    trigger_id: str,
    *,
    ack: Ack,
    initial_users: list[str] | None = None,
    channel_id: str | None = None,
    quote: str | None = None,
) -> None:
    """One modal for every way in; a channel is asked for only when nothing else says where to post."""
    with unit_of_work(deps.session_factory) as session:
        actor = load_actor(session, client, context)
        values = list(actor.workspace.company_values)
        ask_channel = not actor.workspace.recognition_channel_id and not channel_id
        t = actor.t
    ack()
    view = praise_modal(
        t,
        values=values,
        initial_users=initial_users or [],
        state=PraiseModalState(channel_id=channel_id, quote=quote),
        ask_channel=ask_channel,
    )
    client.views_open(trigger_id=trigger_id, view=view)
