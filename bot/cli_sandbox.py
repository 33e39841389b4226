"""`perfbot sandbox`: the whole bot in a browser, with a local stand-in for Slack."""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Run perfbot with a local stand-in for Slack and open it in a browser: the real app (the
same HTTP entry as `perfbot serve`), the scheduler's sweeps and delivery, and a page that
shows Slack as any person of a demo organisation sees it. Everything listens on 127.0.0.1;
no SLACK_* setting is read and Slack is never reached. The demo organisation is kept in
sandbox.db in the working directory, seeded on first start; --reset starts afresh."""


def add_commands(commands: Any) -> None:
    sandbox = commands.add_parser(
        "sandbox",
        help="try perfbot in a browser with a demo organisation, no Slack workspace needed",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sandbox.add_argument(
        "--port",
        type=int,
        default=3000,
        help="port of the page on 127.0.0.1 (default 3000; 0 picks a free one)",
    )
    sandbox.add_argument(
        "--reset", action="store_true", help="delete sandbox.db and seed the demo organisation again"
    )
    sandbox.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from bot.logs import configure_logging
    from bot.sandbox.run import run_sandbox

    configure_logging("INFO")
    # The clock's every-two-seconds delivery tick would drown what the sandbox has to say.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        return run_sandbox(
            Path("sandbox.db"), args.port, reset=args.reset, announce=lambda line: print(line, flush=True)
        )
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(
            f"perfbot: port {args.port} on 127.0.0.1 is in use; choose another with --port", file=sys.stderr
        )
        return 2
