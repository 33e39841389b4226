"""`perfbot` command line: one entry point for every process and operator task."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Command = Callable[[argparse.Namespace], int]

DESCRIPTION = """\
perfbot runs performance management inside Slack: praise, goals, check-ins,
review cycles (self-assessments, anonymous peer reviews, the manager review,
calibration, release, the feedback conversation and its development actions,
outcomes), appeals against a rating answered on a working-day clock,
and reminders and nudges in each person's working hours. Configuration comes
from the environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN,
DATABASE_URL, SLACK_API_URL, LOG_LEVEL, LISTENER_THREADS); see the README.
To try it without a Slack workspace: perfbot sandbox."""


def build_parser() -> argparse.ArgumentParser:
    from bot import cli_cycle, cli_export, cli_org, cli_run, cli_sandbox, cli_scheduler

    parser = argparse.ArgumentParser(
        prog="perfbot", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cli_sandbox.add_commands(commands)
    cli_run.add_commands(commands)
    cli_org.add_commands(commands)
    cli_scheduler.add_commands(commands)
    cli_cycle.add_commands(commands)
    cli_export.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Command = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from bot.failures import report

        return report(error)


if __name__ == "__main__":
    sys.exit(main())
