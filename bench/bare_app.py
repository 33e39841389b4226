"""The floor for bench/ack.py: a Bolt app that only acks, served exactly as `perfbot serve` serves perfbot.

    python -m bench.bare_app {perfbot,bare} --port 8000 --workers 2 --threads 16

Both kinds go through `perfbot serve` itself (`bot.cli.main(["serve", ...])`): the same gunicorn
options (gthread workers, threads, timeouts), the same WSGI entry (`bot.wsgi.make_wsgi_app`, with
its signature guard and /healthz), the same settings from the environment (SLACK_BOT_TOKEN,
SLACK_SIGNING_SECRET, SLACK_API_URL, DATABASE_URL, LISTENER_THREADS, LOG_LEVEL). For `bare`, only
the app each worker loads is swapped: `BareServer.load` builds `build_bare_app` instead of perfbot.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App
from sqlalchemy import Engine, event

import bot.server
from bot.logs import configure_logging
from bot.runtime import web_client
from bot.settings import Settings
from handlers.praise import Callback

PRAISE_COMMAND = "/praise"


def build_bare_app(settings: Settings) -> App:
    """perfbot's `App` settings (client, signing secret, listener executor) with listeners that only ack."""
    app = App(
        client=web_client(settings),
        signing_secret=settings.secret("slack_signing_secret"),
        request_verification_enabled=True,
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.listener_threads, thread_name_prefix="listener"
        ),
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )

    @app.command(PRAISE_COMMAND)
    def ack_command(ack: Ack) -> None:
        ack()

    @app.view(Callback.PRAISE_MODAL)
    def ack_submission(ack: Ack) -> None:
        ack()

    return app


class BareServer(bot.server.PerfbotServer):
    """`perfbot serve`'s gunicorn application, loading the bare app in each worker."""

    def load(self) -> Any:
        from bot.wsgi import make_wsgi_app

        configure_logging(self.settings.log_level)  # as perfbot's load does through build_runtime
        return make_wsgi_app(build_bare_app(self.settings))


def count_statements(folder: str) -> None:
    """Count every SQL statement this process runs into FOLDER/PID.count (rewritten every 0.1 s).

    Installed before gunicorn forks, so each worker counts its own; bench/ack.py sums the files.
    """
    lock = threading.Lock()
    count = [0]

    @event.listens_for(Engine, "before_cursor_execute")
    def _counted(*_args: Any) -> None:
        with lock:
            count[0] += 1

    def write_counts() -> None:
        written = -1
        while True:
            time.sleep(0.1)
            if count[0] != written:
                written = count[0]
                Path(folder, f"{os.getpid()}.count").write_text(str(written))

    started: set[int] = set()

    def start_writer() -> None:  # once per worker process, on its first statement
        if os.getpid() not in started:
            started.add(os.getpid())
            threading.Thread(target=write_counts, name="statement-counts", daemon=True).start()

    event.listen(Engine, "before_cursor_execute", lambda *_args: start_writer())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_app", description=__doc__.splitlines()[0])
    parser.add_argument("app", choices=("perfbot", "bare"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args(argv)
    if args.app == "perfbot" and os.environ.get("BENCH_STATEMENTS_DIR"):
        count_statements(os.environ["BENCH_STATEMENTS_DIR"])
    if args.app == "bare":
        # `bot.server.serve` builds its gunicorn application from this name: swap the app, keep the rest.
        bot.server.PerfbotServer = BareServer  # type: ignore[misc]
    from bot.cli import main as perfbot

    return perfbot(
        [
            "serve",
            "--host",
            args.host,
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
