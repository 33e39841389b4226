"""Scheduler benchmark: sweeps at 100 / 10,000 / 100,000 people, and delivery against the fake Slack.

    .venv/bin/python -m bench.scheduler       # SQLite, and PostgreSQL if BENCH_DATABASE_URL
                                                   # or TEST_DATABASE_URL is set
    .venv/bin/python -m bench.scheduler --sizes 100,1000 --messages 200 --budget 600

For one run of every sweep it prints the SQL statements issued (the same at every size: no
per-person queries), wall time and peak Python memory (tracemalloc), and that a second run
queues nothing. For delivery it sends `--messages` DMs through the fake Slack with its
one-message-per-second-per-channel limit on and a workspace budget of `--budget` a minute,
and prints the rate reached as a share of the budget, with messages lost and sent twice.
Exit status 0 when the goals are met (the same statement count at every size, delivery at
>= 90 % of the budget, nothing lost, nothing sent twice), else 1. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

# Run as a file, bench/ would come first on the path and this file would shadow the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from models.base import utcnow
from models.db import make_engine, make_session_factory, unit_of_work
from models.entities import Base
from models.messaging import MessageKind, NewMessage, OutboxMessage, OutboxStatus, enqueue
from models.people import Person, Role
from models.praise import Praise, PraiseRecipient
from models.workspace import Workspace
from scheduler.clock import run_sweep
from scheduler.delivery import Delivery
from scheduler.jobs import JOBS
from scheduler.slack_sender import SlackSender

NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # a Friday, after the digest's 15:00
REPORTS_PER_MANAGER = 7
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Shanghai", "America/Los_Angeles"]


@contextmanager
def database(url: str | None) -> Iterator[Engine]:
    """A fresh empty schema: a temporary SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if url is None:
        with tempfile.TemporaryDirectory() as directory:
            engine = make_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
            Base.metadata.create_all(engine)
            try:
                yield engine
            finally:
                engine.dispose()
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url, pool_size=1, max_overflow=0)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-c search_path={schema}"})
    try:
        Base.metadata.create_all(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def populate(session: Session, people: int, *, always_open: bool = False) -> Workspace:
    """One workspace: managers with 7 reports each, a mix of zones, 30 % praised in the last 10 days."""
    workspace = Workspace(team_id="TBENCH", recognition_channel_id="CRECOG")
    if always_open:  # the delivery benchmark runs at any hour of any day
        workspace.work_day_start, workspace.work_day_end = clock_time(0), clock_time(23, 59)
        workspace.work_days = list(range(7))
    session.add(workspace)
    session.flush()
    long_ago = NOW - timedelta(days=400)
    rows: list[dict[str, object]] = []
    praised: list[int] = []
    for index in range(1, people + 1):
        is_manager = (index - 1) % (REPORTS_PER_MANAGER + 1) == 0
        manager_id = None if is_manager else index - ((index - 1) % (REPORTS_PER_MANAGER + 1))
        if manager_id is not None and index % 10 < 3:
            praised.append(index)
        rows.append(
            {
                "id": index,
                "workspace_id": workspace.id,
                "slack_user_id": f"U{index:07d}",
                "email": f"p{index}@example.com",
                "name": f"Person {index}",
                "manager_id": manager_id,
                "role": Role.MANAGER if is_manager else Role.EMPLOYEE,
                "tz": ZONES[index % len(ZONES)],
                "created_at": long_ago,
                "updated_at": long_ago,
            }
        )
    session.execute(insert(Person), rows)
    praise_rows = [
        {
            "id": number,
            "workspace_id": workspace.id,
            "giver_id": 1,
            "message": "thanks",
            "values": ["craft"],
            "created_at": NOW - timedelta(days=number % 10),
        }
        for number, _ in enumerate(praised, start=1)
    ]
    if praise_rows:
        session.execute(insert(Praise), praise_rows)
        session.execute(
            insert(PraiseRecipient),
            [
                {"praise_id": number, "person_id": person_id, "workspace_id": workspace.id, "position": 0}
                for number, person_id in enumerate(praised, start=1)
            ],
        )
    return workspace


def bench_sweeps(url: str | None, label: str, size: int) -> int:
    """Prints one line; returns the number of SQL statements the sweeps issued."""
    with database(url) as engine:
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            populate(session, size)
        statements = [0]

        def count(*_: object) -> None:
            statements[0] += 1

        event.listen(engine, "before_cursor_execute", count)
        tracemalloc.start()
        started = time.perf_counter()
        queued = sum(run_sweep(factory, job, NOW) for job in JOBS)
        wall = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        first_statements = statements[0]
        started = time.perf_counter()
        again = sum(run_sweep(factory, job, NOW) for job in JOBS)
        again_wall = time.perf_counter() - started
        event.remove(engine, "before_cursor_execute", count)
        print(
            f"{label:<10} {size:>8,} people  {first_statements:>3} statements  queued {queued:>7,}  "
            f"{wall * 1000:>8.0f} ms  peak {peak / 1024 / 1024:>6.2f} MiB  "
            f"| again: queued {again}, {again_wall * 1000:.0f} ms"
        )
        return first_statements


def bench_delivery(url: str | None, label: str, messages: int, budget: int) -> bool:
    """Prints one line; whether the goal was met (>= 90 % of the budget, none lost, none twice)."""
    from bot.sandbox.slack import FakeSlack

    with database(url) as engine, FakeSlack() as fake:
        factory: sessionmaker[Session] = make_session_factory(engine)
        with unit_of_work(factory) as session:
            workspace = populate(session, messages, always_open=True)
            workspace.send_budget_per_minute = budget
            # Nine in ten are DMs to different people; every tenth is a digest into a shared
            # channel, so the one-message-per-second channel limit is exercised too. There are
            # enough channels (at least 4) that they could keep up at half the channel limit.
            channels = max(4, math.ceil(2 * (messages // 10) * (budget / 60) / messages))
            now = utcnow()
            period = {"since": (now - timedelta(days=14)).isoformat(), "until": now.isoformat()}
            rows = [
                NewMessage(workspace.id, MessageKind.WELCOME, f"welcome:{i}", now, person_id=i)
                if i % 10
                else NewMessage(
                    workspace.id,
                    MessageKind.RECOGNITION_DIGEST,
                    f"digest:{i}",
                    now,
                    channel_id=f"CBENCH{i // 10 % channels}",
                    payload=period,
                )
                for i in range(1, messages + 1)
            ]
            enqueue(session, rows, now)
        fake.channel_rate_limit(per_second=1.0)
        from slack_sdk import WebClient

        sender = SlackSender(WebClient(token="xoxb-bench", base_url=fake.url, timeout=10, retry_handlers=[]))
        worker = Delivery(factory, sender, elapsed=time.monotonic)
        started = time.monotonic()
        while True:
            worker.drain(utcnow(), clock=utcnow, sleep=time.sleep)
            with factory() as session:
                waiting = session.scalar(
                    select(func.min(OutboxMessage.not_before)).where(
                        OutboxMessage.status.in_([OutboxStatus.QUEUED, OutboxStatus.SENDING])
                    )
                )
            if waiting is None:
                break
            time.sleep(max(0.0, min((waiting - utcnow()).total_seconds(), 1.0)))
        wall = time.monotonic() - started
        posts = [call for call in fake.calls("chat.postMessage") if call.ok]
        with factory() as session:
            statuses = dict(
                session.execute(
                    select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
                ).all()
            )
        lost = messages - statuses.get(OutboxStatus.SENT, 0)
        channel_posts = messages // 10
        twice = len(posts) - statuses.get(OutboxStatus.SENT, 0)
        dm_counts = [count for channel, count in fake.channel_message_counts().items() if channel[0] == "D"]
        assert max(dm_counts) == 1, "a DM went out twice"
        limited = sum(1 for call in fake.calls("chat.postMessage") if call.status == 429)
        per_second = budget / 60
        burst = max(1, int(per_second))  # the limiter lets one second's worth go at once
        steady = (len(posts) - burst) / (posts[-1].at - posts[burst - 1].at) if len(posts) > burst else 0.0
        print(
            f"{label:<10} {messages:>6} messages ({channel_posts} into {channels} channels), "
            f"budget {budget}/min ({per_second:.1f}/s): {wall:5.1f} s, "
            f"steady {steady:5.2f} msg/s = {steady / per_second:6.1%} of budget "
            f"(overall {len(posts) / wall:5.2f}/s), lost {lost}, sent twice {twice}, 429s {limited}"
        )
        return steady / per_second >= 0.9 and lost == 0 and twice == 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,10000,100000", help="people per workspace, comma-separated")
    parser.add_argument(
        "--messages", type=int, default=400, help="DMs for the delivery benchmark (default 400)"
    )
    parser.add_argument(
        "--budget", type=int, default=1200, help="workspace send budget per minute (default 1200)"
    )
    parser.add_argument("--skip-delivery", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    postgres = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    backends: list[tuple[str, str | None]] = [("sqlite", None)]
    if postgres:
        backends.append(("postgresql", postgres))
    met = True
    print("one run of every sweep in scheduler.jobs.JOBS, then the same run again")
    for label, url in backends:
        counts = {bench_sweeps(url, label, size) for size in sizes}
        met = met and len(counts) == 1
    if not args.skip_delivery:
        print("delivery through the fake Slack, channel limit 1/s on")
        for label, url in backends:
            met = bench_delivery(url, label, args.messages, args.budget) and met
    print("goals met" if met else "GOALS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
