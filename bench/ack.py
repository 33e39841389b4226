"""Ack latency under a burst: perfbot against a bare Bolt app that only acks, on the same server stack.

    /work/venv/bin/python -m bench.ack [--requests 50] [--latency 0.3] [--workers 2] [--threads 16]

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
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, inspect, select

from bot.migrate import upgrade
from handlers.ids import Action, Block
from handlers.praise_views import PraiseModalState, praise_modal
from models.db import make_engine, make_session_factory, unit_of_work
from models.entities import Base
from models.i18n import translator
from models.outbox import MessageKind, OutboxMessage
from models.people import Person, Role
from models.recognition import Praise
from models.workspace import Workspace
from tests.e2e.harness import EVENTS_PATH, HttpResponse, SignedSlackClient
from bot.sandbox.slack import Call, FakeSlack

REPO_ROOT = Path(__file__).resolve().parent.parent
ACK_DEADLINE = 3.0  # seconds: Slack shows the user an error after this
GOAL_RATIO = 2.0  # perfbot's p99 may be at most this many times the bare app's
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"
CHANNEL_ID = "C0PRAISE"  # the recognition channel every praise is posted in
COMPANY_VALUES = ["ownership", "craft", "kindness"]
BENIGN_WARNING = "`token` will be unused"  # Bolt, when given a client (both apps are)
CLIENT_TIMEOUT = 15.0  # a request not answered by then counts as an error (and over 3 s)
START_TIMEOUT = 60.0
DELIVERY_TIMEOUT = 60.0
APPS = ("bare", "perfbot")


# -- requests, built ahead and fired together ------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """One signed request, exactly as Slack would send it to /slack/events."""

    body: bytes
    headers: dict[str, str]


class _Capture(SignedSlackClient):
    """Builds and signs requests with the test harness's payloads, keeping them instead of sending."""

    def __init__(self, fake: FakeSlack) -> None:
        super().__init__("http://unused", SIGNING_SECRET, fake=fake)
        self.captured: list[Prepared] = []

    def raw(self, body: bytes, headers: Mapping[str, str]) -> HttpResponse:
        self.captured.append(Prepared(body, dict(headers)))
        return HttpResponse(0, Message(), "")

    def drain(self) -> list[Prepared]:
        """Everything built since the last drain, in order."""
        built, self.captured = self.captured, []
        return built


@dataclass
class Result:
    seconds: float
    status: int  # 0: no HTTP answer (connection error or timeout)


def send(port: int, request: Prepared) -> Result:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("POST", EVENTS_PATH, body=request.body, headers=request.headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return Result(time.perf_counter() - started, status)


def burst(port: int, requests: Sequence[Prepared]) -> list[Result]:
    """Every request on its own thread, released together by a barrier."""
    results: list[Result | None] = [None] * len(requests)
    barrier = threading.Barrier(len(requests))

    def fire(index: int) -> None:
        barrier.wait()
        results[index] = send(port, requests[index])

    threads = [threading.Thread(target=fire, args=(i,), daemon=True) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r if r is not None else Result(float("inf"), 0) for r in results]


@dataclass
class Stats:
    p50: float
    p99: float
    max: float
    late: int  # over the 3-second deadline or never answered
    errors: int  # not a 200

    @classmethod
    def of(cls, results: Sequence[Result]) -> Stats:
        seconds = sorted(r.seconds for r in results)
        # Linear interpolation between the closest ranks: with 50 requests p99 sits between the two slowest.
        p99 = statistics.quantiles(seconds, n=100, method="inclusive")[98] if len(seconds) > 1 else seconds[0]
        return cls(
            p50=statistics.median(seconds),
            p99=p99,
            max=seconds[-1],
            late=sum(1 for r in results if r.status == 0 or r.seconds > ACK_DEADLINE),
            errors=sum(1 for r in results if r.status != 200),
        )


# -- the workspace: the same people in the database and in the fake Slack --------------------------


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str


def make_people(count: int) -> list[Member]:
    return [Member(f"U{1000 + i}", f"Person {i}") for i in range(count)]


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
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        workspace = Workspace(
            team_id=fake.team_id, recognition_channel_id=CHANNEL_ID, company_values=list(COMPANY_VALUES)
        )
        session.add(workspace)
        session.flush()
        for person in people:
            email = f"{person.user_id.lower()}@example.com"
            fake.add_user(person.user_id, person.name, email=email)
            session.add(
                Person(
                    workspace_id=workspace.id,
                    slack_user_id=person.user_id,
                    name=person.name,
                    email=email,
                    role=Role.EMPLOYEE,
                    # Known language: these people have used perfbot before. An imported person's
                    # very first request also asks Slack for their language (one users.info).
                    locale="en-US",
                )
            )
        return workspace.id


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
    """Channel posts Slack turned away (429) and handed to the outbox for the scheduler to send."""
    with make_session_factory(engine)() as session:
        count = session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.workspace_id == workspace_id, OutboxMessage.kind == MessageKind.PRAISE_POST)
        )
        return int(count or 0)


# -- the two kinds of request ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    giver: Member
    recipient: Member


def command_requests(capture: _Capture, pairs: Sequence[Pair]) -> list[Prepared]:
    for n, pair in enumerate(pairs):
        handle = pair.recipient.name.lower().replace(" ", ".")
        text = f"<@{pair.recipient.user_id}|{handle}> thanks for shipping release {n} #ownership"
        capture.command("/praise", text, pair.giver.user_id, channel_id=CHANNEL_ID)
    return capture.drain()


def modal_view() -> dict[str, Any]:
    """The praise modal as perfbot opens it in this workspace (recognition channel set: no channel field)."""
    view = praise_modal(translator("en"), values=COMPANY_VALUES, state=PraiseModalState(), ask_channel=False)
    return view.to_dict()


def modal_requests(capture: _Capture, pairs: Sequence[Pair], message: str | None = None) -> list[Prepared]:
    view = modal_view()
    for n, pair in enumerate(pairs):
        state: dict[str, Any] = {
            Block.RECIPIENTS: {Action.RECIPIENTS: [pair.recipient.user_id]},
            Block.MESSAGE: {
                Action.MESSAGE: f"thanks for the review of change {n}" if message is None else message
            },
            Block.VALUES: {Action.VALUES: ["craft"]},
        }
        capture.view_submission(view, state, pair.giver.user_id)
    return capture.drain()


def help_requests(capture: _Capture, people: Sequence[Member]) -> list[Prepared]:
    for person in people:
        capture.command("/praise", "help", person.user_id, channel_id=CHANNEL_ID)
    return capture.drain()


# -- servers ------------------------------------------------------------------------------------------


@dataclass
class Server:
    app: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_problems(self) -> Counter[str]:
        """WARNING and ERROR lines in the server's log, but for Bolt's notice that `token` is unused."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return Counter(
            level
            for line in text.splitlines()
            for level in ("WARNING", "ERROR")
            if f" {level} " in line and BENIGN_WARNING not in line
        )

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the gunicorn master and its workers; 0 without /proc."""
        ticks = 0
        for pid in [self.process.pid, *_children(self.process.pid)]:
            fields = _proc_stat(pid)
            if fields:
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK") if ticks else 0.0


def _proc_stat(pid: int) -> list[str]:
    """/proc/PID/stat from field 3 (state) on; empty if the process is gone or there is no /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _children(parent: int) -> list[int]:
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    pids = (int(entry.name) for entry in proc.iterdir() if entry.name.isdigit())
    return [pid for pid in pids if (fields := _proc_stat(pid)) and int(fields[1]) == parent]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(fake: FakeSlack, database_url: str, listener_threads: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.url,
        DATABASE_URL=database_url,
        LISTENER_THREADS=str(listener_threads),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def serving(app: str, env: Mapping[str, str], workdir: Path, workers: int, threads: int) -> Iterator[Server]:
    port = free_port()
    log = workdir / f"{app}.log"
    command = [sys.executable, "-m", "bench.bare_app", app, "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(app, port, process, log)
    try:
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_ready(servers: Sequence[Server], fake: FakeSlack, workers: int) -> None:
    """Every server answers /healthz and every worker has loaded its app (one auth.test each)."""
    deadline = time.monotonic() + START_TIMEOUT
    pending = list(servers)
    while pending:
        server = pending[0]
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.app} server exited:\n{server.log.read_text(errors='replace')[-3000:]}"
            )
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                pending.pop(0)
            connection.close()
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{server.app} server did not start within {START_TIMEOUT:.0f}s")
        time.sleep(0.1)
    fake.wait_for("auth.test", count=workers * len(servers), timeout=max(1.0, deadline - time.monotonic()))


# -- delivery check -------------------------------------------------------------------------------------


@dataclass
class Delivery:
    stored: int
    posted_rows: int
    channel_posts: int
    confirmations: int
    seconds: float  # from the burst's start until all was delivered, or until the last progress
    calls: Counter[str] = field(default_factory=Counter)

    def complete(self, expected: int) -> bool:
        return min(self.stored, self.posted_rows, self.channel_posts, self.confirmations) >= expected


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


# -- the run ------------------------------------------------------------------------------------------


@dataclass
class Row:
    burst: str
    app: str
    stats: Stats
    server_cpu: float  # seconds of server CPU from the burst's start to its last response
    bench_cpu: float  # seconds of this process's CPU (the client threads and the fake Slack), the same span
    delivery: Delivery | None = None
    delivery_cpu: float = 0.0  # server CPU from the burst's start until everything was delivered
    deferred_posts: int = 0  # channel posts handed to the outbox by then (all bursts so far)


def run(args: argparse.Namespace) -> int:
    n = args.requests
    people = make_people(2 * n)
    givers, others = people[:n], people[n:]
    command_pairs = [Pair(g, r) for g, r in zip(givers, others, strict=True)]
    modal_pairs = [Pair(g, r) for g, r in zip(others, givers, strict=True)]
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
        env = server_env(fake, database_url, args.listener_threads)
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
            for name, build, pairs, confirmation in (
                ("command", command_requests, command_pairs, is_command_confirmation),
                ("modal", modal_requests, modal_pairs, is_modal_confirmation),
            ):
                requests = build(capture, pairs)
                calls_before = len(fake.calls())
                counts_before = praise_counts(engine, workspace_id)
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
                        expected=n,
                        confirmation=confirmation,
                        started=started,
                        settle=max(3.0, 10 * args.latency),
                    )
                delivery_cpu = servers[app].cpu_seconds() - cpu_before
                deferred = deferred_posts(engine, workspace_id) if delivery is not None else 0
                rows.append(Row(name, app, stats, server_cpu, bench_cpu, delivery, delivery_cpu, deferred))
        problems = {app: server.log_problems() for app, server in servers.items()}
    return report(rows, args, problems)


def report(rows: Sequence[Row], args: argparse.Namespace, problems: Mapping[str, Counter[str]]) -> int:
    n = args.requests
    print(
        f"{n} concurrent requests per burst; fake Slack latency {args.latency * 1000:.0f} ms; "
        f"gunicorn gthread {args.workers} workers x {args.threads} threads; "
        f"LISTENER_THREADS={args.listener_threads}; {os.cpu_count()} CPUs"
        + (
            f"; fake Slack rate-limits posts to {args.channel_rate_limit:g}/s per channel"
            if args.channel_rate_limit
            else ""
        )
    )
    print()
    header = " | ".join(
        (
            "burst   ",
            "app    ",
            " p50 ms",
            " p99 ms",
            " max ms",
            ">3s",
            "errors",
            "server CPU ms",
            "bench CPU ms",
        )
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        s = row.stats
        print(
            f"{row.burst:<8} | {row.app:<7} | {s.p50 * 1000:7.0f} | {s.p99 * 1000:7.0f} | "
            f"{s.max * 1000:7.0f} | {s.late:3d} | {s.errors:6d} | {row.server_cpu * 1000:13.0f} | "
            f"{row.bench_cpu * 1000:12.0f}"
        )
    print(
        "(CPU: from the burst's start to its last response; server = gunicorn master and workers, "
        "bench = this process: client threads and fake Slack)"
    )
    print()
    met = True
    for name in ("command", "modal"):
        bare = next(r.stats for r in rows if r.burst == name and r.app == "bare")
        perf = next(r.stats for r in rows if r.burst == name and r.app == "perfbot")
        ratio = perf.p99 / bare.p99 if bare.p99 > 0 else float("inf")
        ok = (
            perf.late == 0
            and perf.errors == 0
            and bare.late == 0
            and bare.errors == 0
            and ratio <= GOAL_RATIO
        )
        met = met and ok
        print(
            f"{name:<8} perfbot / bare: p50 x{perf.p50 / bare.p50:.1f}, p99 x{ratio:.1f}, "
            f"max x{perf.max / bare.max:.1f}  -> {'goal met' if ok else 'GOAL NOT MET'}"
        )
    print()
    for row in rows:
        d = row.delivery
        if d is None:
            continue
        calls = ", ".join(f"{method} {count}" for method, count in sorted(d.calls.items()))
        verdict = "nothing lost" if d.complete(n) else "INCOMPLETE"
        met = met and d.complete(n)
        print(
            f"perfbot {row.burst}: {d.stored}/{n} praise stored, {d.posted_rows}/{n} marked posted, "
            f"{d.channel_posts}/{n} channel posts, {d.confirmations}/{n} confirmations to the giver, "
            f"{'all within' if d.complete(n) else 'settled after'} {d.seconds:.1f}s of the burst: {verdict}"
        )
        print(f"  server CPU until delivered: {row.delivery_cpu * 1000:.0f} ms")
        if row.deferred_posts:
            print(f"  channel posts handed to the outbox so far, for the scheduler: {row.deferred_posts}")
        print(f"  Slack calls: {sum(d.calls.values())} ({calls})")
    for app, counts in problems.items():
        if counts:
            print(f"{app} server log: " + ", ".join(f"{count} {level}" for level, count in counts.items()))
    print()
    print("goal (none unanswered within 3 s, perfbot p99 <= 2x bare): " + ("MET" if met else "NOT MET"))
    return 0 if met else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ack", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="concurrent requests per burst (default 50)")
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
    if args.requests < 2:
        parser.error("--requests must be at least 2")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
