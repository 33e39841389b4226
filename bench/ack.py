"""Ack latency under a burst: perfbot against a bare Bolt app that only acks, on the same server stack.

    .venv/bin/python -m bench.ack [--requests 50] [--latency 0.3] [--workers 2] [--threads 16]

Both apps are served by `perfbot serve` (gunicorn gthread workers, Bolt's WSGI adapter; see
bench/bare_app.py) on 127.0.0.1, against a fake Slack Web API in this process that answers every
call after `--latency` seconds. Each app gets the same bursts, all requests released together:
`--requests` signed `/praise @someone …` commands, then as many praise-modal submissions, each from
a different giver. Printed: p50 / p99 / max time from sending a request to its HTTP response, how
many took over 3 s (Slack's ack deadline) or were not a 200, the CPU the servers and this process
used, the perfbot / bare ratios, the Slack calls perfbot made, and a check that every praise was
stored, posted and confirmed. Exit status 0
when the goal is met (nothing unanswered, perfbot's p99 at most twice the bare app's), else 1.

The database is a temporary SQLite file unless `--database-url` (or BENCH_DATABASE_URL) names
another, e.g. an empty PostgreSQL database; the bench migrates it and seeds a new workspace.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select

from bench.ack_people import import_people
from bench.ack_report import Delivery, Row, report, statement_count
from bench.ack_requests import (
    Member,
    Pair,
    Stats,
    _Capture,
    burst,
    command_requests,
    help_requests,
    make_people,
    modal_requests,
)
from bench.ack_servers import server_env, serving, wait_ready
from bot.migrate import upgrade
from bot.sandbox.slack import Call, FakeSlack
from models.db import make_engine, make_session_factory
from models.entities import Base
from models.messaging import MessageKind, OutboxMessage, OutboxStatus
from models.praise import Praise

REPO_ROOT = Path(__file__).resolve().parent.parent
ACK_DEADLINE = 3.0  # seconds: Slack shows the user an error after this
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"
CHANNEL_ID = "C0PRAISE"  # the recognition channel every praise is posted in
COMPANY_VALUES = ["ownership", "craft", "kindness"]
BENIGN_WARNING = "`token` will be unused"  # Bolt, when given a client (both apps are)
CLIENT_TIMEOUT = 15.0  # a request not answered by then counts as an error (and over 3 s)
START_TIMEOUT = 60.0
DELIVERY_TIMEOUT = 60.0
STATEMENT_FLUSH = 0.3  # seconds for the workers' statement counts to reach their files
APPS = ("bare", "perfbot")


# -- requests, built ahead and fired together ------------------------------------------------------


def schema_gaps(engine: Engine) -> tuple[list[str], list[str]]:
    """(columns, tables) the models have but the migrated database lacks: migrations not yet written.

    A missing column breaks every query on its table; a missing table only the features that use it.
    """
    inspector = inspect(engine)
    columns: list[str] = []
    tables: list[str] = []
    for table in Base.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            tables.append(table.name)
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        columns += [f"{table.name}.{column.name}" for column in table.columns if column.name not in present]
    return columns, tables


def seed(engine: Engine, fake: FakeSlack, people: Sequence[Member]) -> int:
    fake.add_channel(CHANNEL_ID, "recognition")
    return import_people(
        engine, fake, people, token=BOT_TOKEN, channel_id=CHANNEL_ID, values=list(COMPANY_VALUES)
    )


def praise_counts(engine: Engine, workspace_id: int) -> tuple[int, int]:
    """(praise stored, praise whose channel post is recorded) in the workspace."""
    with make_session_factory(engine)() as session:
        stored = session.scalar(
            select(func.count()).select_from(Praise).where(Praise.workspace_id == workspace_id)
        )
        posted = session.scalar(
            select(func.count())
            .select_from(Praise)
            .where(Praise.workspace_id == workspace_id, Praise.message_ts.is_not(None))
        )
        return int(stored or 0), int(posted or 0)


def deferred_posts(engine: Engine, workspace_id: int) -> int:
    """Channel posts Slack turned away (429) right after the ack, left in the outbox for the scheduler."""
    with make_session_factory(engine)() as session:
        count = session.scalar(
            select(func.count())
            .where(OutboxMessage.workspace_id == workspace_id, OutboxMessage.kind == MessageKind.PRAISE_POST)
            .where(OutboxMessage.status != OutboxStatus.SENT)
        )
        return int(count or 0)


def await_delivery(
    engine: Engine,
    workspace_id: int,
    fake: FakeSlack,
    *,
    calls_before: int,
    counts_before: tuple[int, int],
    expected: int,
    confirmation: Callable[[Call], bool],
    started: float,
    settle: float,
) -> Delivery:
    """What was delivered once everything was, or once nothing moved for `settle` seconds."""
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    last: Delivery | None = None
    last_change = time.monotonic()
    while True:
        calls = fake.calls()[calls_before:]
        stored, posted = praise_counts(engine, workspace_id)
        delivery = Delivery(
            stored=stored - counts_before[0],
            posted_rows=posted - counts_before[1],
            channel_posts=sum(
                1
                for c in calls
                if c.method == "chat.postMessage" and c.args.get("channel") == CHANNEL_ID and c.ok
            ),
            confirmations=sum(1 for c in calls if confirmation(c)),
            seconds=time.perf_counter() - started,
            calls=Counter(c.method for c in calls),
        )
        now = time.monotonic()
        if last is None or (delivery.stored, delivery.posted_rows, delivery.calls) != (
            last.stored,
            last.posted_rows,
            last.calls,
        ):
            last, last_change = delivery, now
        if delivery.complete(expected) or now > deadline or now - last_change > settle:
            return last
        time.sleep(0.05)


def is_command_confirmation(call: Call) -> bool:
    return call.method == "response_url" and call.status == 200


def is_modal_confirmation(call: Call) -> bool:
    return call.method == "chat.postEphemeral" and call.ok


def run(args: argparse.Namespace) -> int:
    sizes = sorted(set(args.requests))
    most = max([*sizes, args.modal_requests])
    people = make_people(2 * most)
    givers, others = people[:most], people[most:]
    bursts = [
        (
            f"command {n}",
            command_requests,
            [Pair(g, r) for g, r in zip(givers[:n], others[:n], strict=True)],
            is_command_confirmation,
        )
        for n in sizes
    ]
    m = args.modal_requests
    modal_pairs = [Pair(g, r) for g, r in zip(others[:m], givers[:m], strict=True)]
    bursts.append((f"modal {m}", modal_requests, modal_pairs, is_modal_confirmation))
    warmup = people[: max(2, 2 * args.workers)]
    rows: list[Row] = []
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="perfbot-bench-")))
        database_url = args.database_url or f"sqlite:///{workdir / 'perfbot.db'}"
        engine = make_engine(database_url)
        stack.callback(engine.dispose)
        upgrade(engine)
        columns, tables = schema_gaps(engine)
        if columns:
            raise SystemExit(
                "the migrations lag the models, so perfbot cannot run on a migrated database; "
                f"columns missing after `upgrade`: {', '.join(columns)}"
            )
        if tables:
            print(f"note: tables without a migration yet (unused by /praise): {', '.join(tables)}\n")
        fake = stack.enter_context(FakeSlack(team_id=f"T{uuid.uuid4().hex[:8].upper()}"))
        fake.latency = args.latency
        if args.channel_rate_limit:
            fake.channel_rate_limit(args.channel_rate_limit)
        workspace_id = seed(engine, fake, people)
        counts = workdir / "statements"
        counts.mkdir()
        env = {**server_env(fake, database_url, args.listener_threads), "BENCH_STATEMENTS_DIR": str(counts)}
        servers = {
            app: stack.enter_context(serving(app, env, workdir, args.workers, args.threads)) for app in APPS
        }
        wait_ready(list(servers.values()), fake, args.workers)
        capture = _Capture(fake)
        for app in APPS:
            port = servers[app].port
            # Warm-up: every worker's pools and connections, without storing any praise.
            burst(port, help_requests(capture, warmup))
            burst(port, modal_requests(capture, [Pair(p, p) for p in warmup], message=""))
            for name, build, pairs, confirmation in bursts:
                requests = build(capture, pairs)
                calls_before = len(fake.calls())
                counts_before = praise_counts(engine, workspace_id)
                statements_before = statement_count(counts)
                cpu_before, bench_before = servers[app].cpu_seconds(), time.process_time()
                started = time.perf_counter()
                stats = Stats.of(burst(port, requests))
                server_cpu = servers[app].cpu_seconds() - cpu_before
                bench_cpu = time.process_time() - bench_before
                delivery = None
                if app == "perfbot":
                    delivery = await_delivery(
                        engine,
                        workspace_id,
                        fake,
                        calls_before=calls_before,
                        counts_before=counts_before,
                        expected=len(pairs),
                        confirmation=confirmation,
                        started=started,
                        settle=max(3.0, 10 * args.latency),
                    )
                    time.sleep(STATEMENT_FLUSH)  # the workers write their counts every 0.1 s
                delivery_cpu = servers[app].cpu_seconds() - cpu_before
                deferred = deferred_posts(engine, workspace_id) if delivery is not None else 0
                row = Row(
                    name, app, len(pairs), stats, server_cpu, bench_cpu, delivery, delivery_cpu, deferred
                )
                row.statements = statement_count(counts) - statements_before
                rows.append(row)
        problems = {app: server.log_problems() for app, server in servers.items()}
    return report(rows, args, problems)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ack", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--requests",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[50, 150],
        help="sizes of the /praise bursts, comma-separated (default 50,150)",
    )
    parser.add_argument(
        "--modal-requests", type=int, default=50, help="size of the modal-submission burst (default 50)"
    )
    parser.add_argument(
        "--latency", type=float, default=0.3, help="seconds the fake Slack takes per call (default 0.3)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app (default 2)")
    parser.add_argument("--threads", type=int, default=16, help="gunicorn threads per worker (default 16)")
    parser.add_argument(
        "--listener-threads", type=int, default=32, help="LISTENER_THREADS for both apps (default 32)"
    )
    parser.add_argument(
        "--channel-rate-limit",
        type=float,
        default=None,
        metavar="PER_SECOND",
        help="have the fake answer 429 to chat.postMessage into one channel faster than this "
        "(Slack allows about 1 per second; default: no limit)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="perfbot's database (default: BENCH_DATABASE_URL, else a temporary SQLite file)",
    )
    args = parser.parse_args(argv)
    if min(args.requests) < 2 or args.modal_requests < 2:
        parser.error("bursts must have at least 2 requests")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
