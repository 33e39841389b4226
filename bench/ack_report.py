"""What bench/ack.py prints: a row per burst and app, the perfbot / bare ratios, and delivery checks."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.ack_requests import Stats

GOAL_RATIO = 2.0  # perfbot's p99 may be at most this many times the bare app's


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


@dataclass
class Row:
    burst: str
    app: str
    requests: int
    stats: Stats
    server_cpu: float  # seconds of server CPU from the burst's start to its last response
    bench_cpu: float  # seconds of this process's CPU (the client threads and the fake Slack), the same span
    delivery: Delivery | None = None
    delivery_cpu: float = 0.0  # server CPU from the burst's start until everything was delivered
    deferred_posts: int = 0  # channel posts handed to the outbox by then (all bursts so far)
    statements: int = 0  # SQL statements the servers ran from the burst's start until delivered


def statement_count(folder: Path) -> int:
    """SQL statements every perfbot worker has run so far (each writes its count; see bench.bare_app)."""
    total = 0
    for path in folder.glob("*.count"):
        with contextlib.suppress(OSError, ValueError):
            total += int(path.read_text() or 0)
    return total


def report(rows: Sequence[Row], args: argparse.Namespace, problems: Mapping[str, Counter[str]]) -> int:
    print(
        f"bursts: /praise x {args.requests}, modal x {args.modal_requests}; fake Slack latency "
        f"{args.latency * 1000:.0f} ms; gunicorn gthread {args.workers} workers x {args.threads} threads; "
        f"LISTENER_THREADS={args.listener_threads}; {os.cpu_count()} CPUs; database "
        + ("PostgreSQL" if (args.database_url or "").startswith("postgresql") else "SQLite")
        + (f"; posts limited to {args.channel_rate_limit:g}/s per channel" if args.channel_rate_limit else "")
    )
    print()
    columns = (
        "burst      ",
        "app    ",
        " p50 ms",
        " p99 ms",
        " max ms",
        ">3s",
        "errors",
        "CPU/req ms",
        "SQL/req",
    )
    header = " | ".join(columns)
    print(header)
    print("-" * len(header))
    for row in rows:
        s = row.stats
        print(
            f"{row.burst:<11} | {row.app:<7} | {s.p50 * 1000:7.0f} | {s.p99 * 1000:7.0f} | "
            f"{s.max * 1000:7.0f} | {s.late:3d} | {s.errors:6d} | "
            f"{row.server_cpu * 1000 / row.requests:10.2f} | {row.statements / row.requests:7.1f}"
        )
    print(
        "(CPU/req: server processes' CPU from the burst's start to its last response, over the requests; "
        "SQL/req: statements until everything was delivered, over the requests)"
    )
    print()
    met = True
    for name in dict.fromkeys(row.burst for row in rows):
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
            f"{name:<11} perfbot / bare: p50 x{perf.p50 / bare.p50:.1f}, p99 x{ratio:.1f}, "
            f"max x{perf.max / bare.max:.1f}  -> {'goal met' if ok else 'GOAL NOT MET'}"
        )
    print()
    for row in rows:
        d, n = row.delivery, row.requests
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
        print(f"  server CPU until delivered: {row.delivery_cpu * 1000 / n:.2f} ms per request")
        if row.deferred_posts:
            print(f"  channel posts handed to the outbox so far, for the scheduler: {row.deferred_posts}")
        print(f"  Slack calls: {sum(d.calls.values())} ({calls})")
    for app, counts in problems.items():
        if counts:
            print(f"{app} server log: " + ", ".join(f"{count} {level}" for level, count in counts.items()))
    print()
    print("goal (none unanswered within 3 s, perfbot p99 <= 2x bare): " + ("MET" if met else "NOT MET"))
    return 0 if met else 1
