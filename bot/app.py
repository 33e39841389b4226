"""The Bolt app factory: one App wired with the listeners and what they need."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient

from bot.identity import BotIdentity
from bot.runtime import delivery_client, web_client
from bot.settings import Settings
from handlers import register
from handlers.deps import Deps
from models.base import utcnow
from models.db import SessionFactory
from scheduler.request_delivery import RequestDelivery
from scheduler.slack_sender import SlackSender


class _DropTokenUnusedWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and, since we hand it a client, warns
    on every start that the token "will be unused". We give it the token through `authorize`."""

    message = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


def bot_identity(settings: Settings) -> BotIdentity:
    checker = WebClient(
        token=settings.secret("slack_bot_token"),
        base_url=settings.slack_api_url,
        timeout=5,
        retry_handlers=[],
    )
    return BotIdentity(checker, settings.secret("slack_bot_token"))


def build_app(
    settings: Settings,
    session_factory: SessionFactory,
    *,
    client: WebClient | None = None,
    socket_mode: bool = False,
    identity: BotIdentity | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> App:
    """The App, built without a call to Slack: no token check at start (Slack may be away then);
    each request is authorized with the configured token by `identity`."""
    bolt_logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _DropTokenUnusedWarning) for f in bolt_logger.filters):
        bolt_logger.addFilter(_DropTokenUnusedWarning())
    base = client or web_client(settings)
    # No token on the app's own client: Bolt then authorizes every request through `authorize`,
    # and each request's client (same base URL, timeout and retries) gets the token from it.
    tokenless = WebClient(
        token=None, base_url=base.base_url, timeout=base.timeout, retry_handlers=base.retry_handlers
    )
    known = identity or bot_identity(settings)

    def authorize(enterprise_id: str | None, team_id: str | None, user_id: str | None) -> AuthorizeResult:
        # A plain function: Bolt passes arguments by their names, and a bound method's `self` confuses it.
        return known.authorize(enterprise_id, team_id, user_id)

    app = App(
        client=tokenless,
        authorize=authorize,
        signing_secret=None if socket_mode else settings.secret("slack_signing_secret"),
        request_verification_enabled=not socket_mode,
        token_verification_enabled=False,
        # Bolt's default of five listener threads lets five slow listeners starve the sixth's ack.
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.listener_threads, thread_name_prefix="listener"
        ),
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )
    after_ack = ThreadPoolExecutor(max_workers=settings.listener_threads, thread_name_prefix="after-ack")
    # The messages a request causes are in the outbox when it acks; this sends them right after.
    deliver_now = RequestDelivery(session_factory, SlackSender(delivery_client(settings)), clock=clock)
    deps = Deps(
        session_factory=session_factory,
        clock=clock,
        after_ack=after_ack,
        deliver_rows=deliver_now.deliver_rows,
    )
    register(app, deps)
    return app
