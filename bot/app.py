"""The Bolt app factory: one App wired with the listeners and what they need."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient

from bot.runtime import delivery_client, web_client
from bot.settings import Settings
from handlers import register
from handlers.deps import Deps
from models.db import SessionFactory
from scheduler.request_delivery import RequestDelivery
from scheduler.slack_sender import SlackSender


def build_app(
    settings: Settings,
    session_factory: SessionFactory,
    *,
    client: WebClient | None = None,
    socket_mode: bool = False,
) -> App:
    app = App(
        client=client or web_client(settings),
        signing_secret=None if socket_mode else settings.secret("slack_signing_secret"),
        request_verification_enabled=not socket_mode,
        # Bolt's default of five listener threads lets five slow listeners starve the sixth's ack.
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.listener_threads, thread_name_prefix="listener"
        ),
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )
    after_ack = ThreadPoolExecutor(max_workers=settings.listener_threads, thread_name_prefix="after-ack")
    # The messages a request causes are in the outbox when it acks; this sends them right after.
    deliver_now = RequestDelivery(session_factory, SlackSender(delivery_client(settings)))
    deps = Deps(session_factory=session_factory, after_ack=after_ack, deliver_rows=deliver_now.deliver_rows)
    register(app, deps)
    return app
