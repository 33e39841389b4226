"""Scheduler commands: `scheduler` (the clock, or `--once`) and `outbox` (what is waiting or failed)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.settings import load_settings

if TYPE_CHECKING:
    from bot.slack_status import SlackStatus
    from models.db import SessionFactory
    from models.messaging import OutboxMessage

log = logging.getLogger("perfbot")

SCHEDULER_DESCRIPTION = """\
Run the clock. Its jobs decide what to send and write it to the outbox: welcome DMs to
people the org import added, positive-feedback nudges to managers, the weekly recognition
digest, and goal reminders (a goal due in 7 days and in 1 day, a check-in prompt when no
one checked in for a while, a proposal waiting for approval), review stage reminders, development
action reminders (7 days and 1 day before an action's due date, and on the day), and appeal reminders
(to the HR admin deciding: 2 working days before the deadline, on the day, each working day after;
the HR lead told once it is overdue; a statement or an answer owed to HR reminded the same way).
Delivery sends what is due
in each recipient's working hours, within Slack's rate limits, and what a request caused but
its web process could not send (a praise post or DM, a goal notice: Slack refused it for now,
or the process died) as soon as it can; what cannot go yet is deferred, and what Slack
refuses for good is marked failed.

Only one clock runs at a time. On PostgreSQL a second one waits as a standby and takes
over if the first stops; on SQLite a second one refuses to start (exit status 1).
Housekeeping forgets processed event ids after a day and sent messages after
OUTBOX_RETENTION_DAYS (default 30).

With --once: run every job once, deliver what is due, print
"queued N, sent N, deferred N (working hours N, rate limit N, Slack unreachable N), failed N"
and exit (for cron and CI). Exit status: 0 done, deferrals included; 1 a job failed or
another scheduler is running; 3 Slack could not be reached or refused SLACK_BOT_TOKEN.
Needs SLACK_BOT_TOKEN."""

OUTBOX_DESCRIPTION = """\
Without a command: list the outbox rows that are not finished: queued, deferred (queued
with a reason, such as working hours or a rate limit), being sent, and failed (with the
reason). `perfbot outbox retry ID` queues a failed message again."""


def add_commands(commands: Any) -> None:
    scheduler = commands.add_parser(
        "scheduler",
        help="run the clock: reminders, nudges and digests, delivered in working hours",
        description=SCHEDULER_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scheduler.add_argument(
        "--once", action="store_true", help="run every job once, deliver what is due, print a summary, exit"
    )
    scheduler.set_defaults(handler=run_scheduler)

    outbox = commands.add_parser(
        "outbox",
        help="list queued, deferred and failed messages; `outbox retry ID` retries a failed one",
        description=OUTBOX_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    outbox.add_argument("--limit", type=int, default=200, help="show at most this many rows (default 200)")
    outbox.set_defaults(handler=run_outbox_list)
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="[COMMAND]")
    retry = outbox_commands.add_parser(
        "retry",
        help="queue a failed message again",
        description="Queue the failed outbox message ID again, due now, with its attempts reset.",
    )
    retry.add_argument(
        "id", type=int, metavar="ID", help="the outbox message id, as `perfbot outbox` lists it"
    )
    retry.set_defaults(handler=run_outbox_retry)


def run_scheduler(args: argparse.Namespace) -> int:
    from bot.runtime import build_runtime, delivery_client
    from bot.slack_status import SlackStatus, WatchedSender
    from models.base import utcnow
    from scheduler.clock import Clock, run_once
    from scheduler.delivery import Delivery
    from scheduler.jobs import jobs_with
    from scheduler.jobs.people.directory import DirectoryRefresh
    from scheduler.locks import ClockAlreadyRunning
    from scheduler.slack_sender import SlackSender

    settings = load_settings(required=("slack_bot_token",))
    runtime = build_runtime(settings, migrate_sqlite=True)
    client = delivery_client(settings)
    status = SlackStatus()
    sender = WatchedSender(SlackSender(client), status)
    delivery = Delivery(runtime.session_factory, sender, elapsed=time.monotonic)
    jobs = jobs_with(outbox_retention=timedelta(days=settings.outbox_retention_days))
    # One bot token today: every workspace is read with it (a client per installation later).
    directory = DirectoryRefresh(runtime.session_factory, lambda _workspace: client)
    clock = Clock(runtime.engine, runtime.session_factory, delivery, jobs=jobs, directory=directory)
    signal.signal(signal.SIGTERM, clock.stop)
    signal.signal(signal.SIGINT, clock.stop)
    if args.once:
        # A single run is a clock too: it must not overlap with another one.
        if not clock.lock.acquire():
            print(
                f"perfbot: another scheduler is running ({clock.lock.describe()}); nothing done",
                file=sys.stderr,
            )
            return 1
        try:
            summary = run_once(
                runtime.session_factory,
                sender,
                utcnow(),
                jobs=jobs,
                delivery=delivery,
                clock=utcnow,
                sleep=clock.stopping.wait,
            )
        finally:
            clock.lock.release()
        print(summary.line())
        return once_status(summary.job_errors, status, settings.slack_api_url)
    try:
        return clock.run()
    except ClockAlreadyRunning as error:
        print(f"perfbot: {error}", file=sys.stderr)
        return 1


def once_status(job_errors: int, status: SlackStatus, api_url: str) -> int:
    """The exit status of `scheduler --once`, with one line on stderr when Slack was the trouble."""
    from bot.failures import UNAVAILABLE_STATUS

    if status.rejected:
        print(
            f"perfbot: Slack refused SLACK_BOT_TOKEN ({status.last.detail or 'invalid_auth'}); "
            "set it to the app's Bot User OAuth Token, then `perfbot outbox retry ID` the failed messages",
            file=sys.stderr,
        )
        return UNAVAILABLE_STATUS
    if status.unreachable:
        print(
            f"perfbot: could not reach Slack at {api_url} (no answer to {status.unreachable} of its calls); "
            "the messages stay queued for the next run",
            file=sys.stderr,
        )
        return UNAVAILABLE_STATUS
    return 1 if job_errors else 0


def run_outbox_list(args: argparse.Namespace) -> int:
    from bot.runtime import build_runtime

    runtime = build_runtime(load_settings(), migrate_sqlite=True)
    return print_outbox(runtime.session_factory, limit=args.limit)


def print_outbox(session_factory: SessionFactory, *, limit: int = 200) -> int:
    from sqlalchemy import select

    from models.messaging import unsent
    from models.people import Person

    with session_factory() as session:
        rows = unsent(session, limit=limit)
        ids = {row.person_id for row in rows if row.person_id is not None}
        people = (
            {p.id: p.slack_user_id for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
            if ids
            else {}
        )
    if not rows:
        print("the outbox is empty: nothing queued, deferred or failed")
        return 0
    print(f"{'ID':>7}  {'STATE':<9} {'KIND':<20} {'TO':<12} {'DUE (UTC)':<16} {'TRIES':>5}  REASON")
    counts: dict[str, int] = {}
    for row in rows:
        state = _state(row)
        counts[state] = counts.get(state, 0) + 1
        target = people.get(row.person_id, "?") if row.person_id is not None else (row.channel_id or "?")
        due = row.not_before.strftime("%Y-%m-%d %H:%M")
        print(
            f"{row.id:>7}  {state:<9} {row.kind[:20]:<20} {target[:12]:<12} {due:<16} {row.attempts:>5}  "
            f"{row.last_error or ''}"
        )
    print(", ".join(f"{count} {state}" for state, count in sorted(counts.items())))
    return 0


def _state(row: OutboxMessage) -> str:
    """Deferred is queued with a reason (working hours, a rate limit, a retry's backoff)."""
    if row.status == "queued" and row.last_error:
        return "deferred"
    return str(row.status.value)


def run_outbox_retry(args: argparse.Namespace) -> int:
    from bot.runtime import build_runtime

    runtime = build_runtime(load_settings(), migrate_sqlite=True)
    return retry_message(runtime.session_factory, args.id)


def shell_locales() -> tuple[str | None, ...]:
    """The operator's language as the shell sets it, most specific first (LC_ALL, LC_MESSAGES, LANG)."""
    return tuple(os.environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG"))


def retry_message(session_factory: SessionFactory, message_id: int) -> int:
    from models.base import utcnow
    from models.db import unit_of_work
    from models.errors import DomainError
    from models.i18n import translator
    from models.messaging import retry

    try:
        with unit_of_work(session_factory) as session:
            kind = retry(session, message_id, utcnow()).kind
    except DomainError as error:
        print(f"perfbot: {error.render(translator(*shell_locales()))}", file=sys.stderr)
        return 1
    print(f"outbox message {message_id} ({kind}) is queued again; the scheduler will send it when due")
    return 0
