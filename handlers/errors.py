"""One error handler: domain errors become a friendly message, anything else an apology and a log line."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient

from handlers.context import context_translator
from handlers.deps import Deps
from models.errors import DomainError
from models.i18n import N_, Translator

log = logging.getLogger(__name__)

APOLOGY = N_("Sorry, something went wrong on our side and it has been logged. Please try again in a minute.")


def register(app: App, deps: Deps) -> None:
    @app.error
    def handle_listener_error(
        error: Exception,
        body: dict[str, Any],
        context: BoltContext,
        client: WebClient,
        response: BoltResponse | None,
    ) -> BoltResponse | None:
        t = context_translator(context)
        if isinstance(error, DomainError):
            text = error.render(t)
        else:
            log.error(
                "listener failed: type=%s command=%s callback=%s team=%s user=%s",
                body.get("type"),
                body.get("command"),
                (body.get("view") or {}).get("callback_id") or body.get("callback_id"),
                context.team_id,
                context.user_id,
                exc_info=error,
            )
            text = t(APOLOGY)
        if response is not None:  # not acknowledged yet: the answer can ride on the HTTP response
            answer = _inline_answer(body, error, text, t)
            if answer is not None:
                return answer
        _tell_later(client, body, context, text)
        return BoltResponse(status=200, body="") if response is not None else None


def _json(payload: dict[str, Any]) -> BoltResponse:
    return BoltResponse(
        status=200, body=json.dumps(payload), headers={"content-type": "application/json;charset=utf-8"}
    )


def _inline_answer(body: dict[str, Any], error: Exception, text: str, t: Translator) -> BoltResponse | None:
    if body.get("type") == "view_submission":
        return _json({"response_action": "errors", "errors": _field_errors(body["view"], error, text, t)})
    if body.get("command"):
        return _json({"response_type": "ephemeral", "text": text})
    return None


def _field_errors(view: dict[str, Any], error: Exception, text: str, t: Translator) -> dict[str, str]:
    """Errors on the fields they belong to; anything else on the first input of the modal."""
    input_blocks = [block["block_id"] for block in view.get("blocks", []) if block.get("type") == "input"]
    errors = {}
    if isinstance(error, DomainError):
        errors = {field: message for field, message in error.field_errors(t).items() if field in input_blocks}
        unplaced = [p.render(t) for p in error.problems if p.field not in errors]
        text = "\n".join(unplaced)
    if text and input_blocks:
        first = input_blocks[0]
        errors[first] = f"{errors[first]} {text}" if first in errors else text
    return {field: message[:2000] for field, message in errors.items()}


def _tell_later(client: WebClient, body: dict[str, Any], context: BoltContext, text: str) -> None:
    """After the ack: reply where the person is looking, falling back to a DM."""
    try:
        response_url = body.get("response_url") or next(
            (url.get("response_url") for url in body.get("response_urls", [])), None
        )
        if context.respond is not None and response_url:
            context.respond(text=text, response_type="ephemeral", replace_original=False)
        elif context.user_id:
            client.chat_postMessage(channel=context.user_id, text=text)
    except Exception:  # the person cannot be reached; the original error is already logged
        log.warning("could not tell user %s about an error", context.user_id, exc_info=True)
