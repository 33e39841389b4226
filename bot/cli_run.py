"""Process commands: serve (HTTP), socket (Socket Mode) and db upgrade."""

from __future__ import annotations

import argparse
import logging
import threading
import time
from typing import Any

from bot.settings import load_settings

log = logging.getLogger("perfbot")


def add_commands(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve Slack's requests over HTTP (POST /slack/events, GET /healthz, GET /readyz) with gunicorn",
        description="Serve Slack's requests over HTTP with gunicorn: POST /slack/events for Slack, "
        "GET /healthz for load balancers (the process and the database answer), GET /readyz for "
        "monitoring (also whether Slack answered the last time it was asked). Starts whether or not "
        "Slack can be reached. Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET. "
        "An SQLite database is brought up to date on start.",
    )
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")
    serve.add_argument("--port", type=int, default=3000, help="port to listen on (default 3000)")
    serve.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    serve.add_argument("--threads", type=int, default=16, help="request threads per worker (default 16)")
    serve.set_defaults(handler=run_serve)

    socket = commands.add_parser(
        "socket",
        help="connect to Slack over Socket Mode (no public URL needed)",
        description="Connect to Slack over Socket Mode, waiting (with backoff) while Slack cannot be "
        "reached. Needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (xapp-). "
        "An SQLite database is brought up to date on start.",
    )
    socket.set_defaults(handler=run_socket)

    db = commands.add_parser("db", help="database maintenance", description="Database maintenance.")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    db_upgrade = db_commands.add_parser(
        "upgrade",
        help="apply migrations up to the newest schema",
        description="Apply Alembic migrations to DATABASE_URL up to the newest schema.",
    )
    db_upgrade.set_defaults(handler=run_db_upgrade)


def run_serve(args: argparse.Namespace) -> int:
    from bot.server import serve

    settings = load_settings(required=("slack_bot_token", "slack_signing_secret"))
    return serve(settings, host=args.host, port=args.port, workers=args.workers, threads=args.threads)


def run_socket(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import bot_identity, build_app
    from bot.runtime import build_runtime

    settings = load_settings(required=("slack_bot_token", "slack_app_token"))
    runtime = build_runtime(settings, migrate_sqlite=True)
    identity = bot_identity(settings)
    app = build_app(settings, runtime.session_factory, socket_mode=True, identity=identity)
    handler = SocketModeHandler(app, settings.secret("slack_app_token"))
    connect_when_slack_answers(handler, settings.slack_api_url)
    identity.learn_in_background()
    log.info("connected to Slack over Socket Mode")
    threading.Event().wait()
    return 0


def connect_when_slack_answers(handler: Any, api_url: str, *, max_wait: float = 60.0) -> None:
    """Connect, waiting out a Slack that cannot be reached (a network blip during a deploy, an
    incident), so the process is there when Slack is back. A token Slack refuses ends it."""
    import http.client

    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot.failures import slack_failure

    wait = 1.0
    while True:
        try:
            handler.connect()
            return
        except SlackApiError as error:
            raise slack_failure(error, api_url, "Socket Mode (apps.connections.open)") from error
        except (SlackClientError, OSError, http.client.HTTPException) as error:
            log.warning(
                "could not reach Slack at %s for Socket Mode (%s); trying again in %.0f s",
                api_url,
                type(error).__name__,
                wait,
            )
            time.sleep(wait)
            wait = min(wait * 2, max_wait)


def run_db_upgrade(args: argparse.Namespace) -> int:
    from bot.migrate import upgrade
    from bot.runtime import build_runtime

    runtime = build_runtime(load_settings())
    upgrade(runtime.engine)
    print("database is at the newest schema")
    return 0
