"""Launching a review cycle at scale: wall time and SQL statements at 1,000 and 10,000 participants.

    .venv/bin/python -m bench.reviews                    # SQLite, and PostgreSQL if BENCH_DATABASE_URL
    .venv/bin/python -m bench.reviews --sizes 1000,10000,50000

The organisation is imported as a company does it: a CSV (email, name, manager, role, department,
slack_user_id) read by `read_org_csv` and applied by `apply_org_file`, managers with 7 reports each.
A cycle is created from docs/cycle-example.yaml (started today) and launched; printed are the launch's
statements (counted with `before_cursor_execute`), its wall time and the launch DMs queued, then the
first stage-reminder sweep's statements. Exit status 0 when statements are the same at every size.
"""

from __future__ import annotations

import argparse
import io
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, func, select

from bench.scheduler import database
from models.db import make_session_factory, unit_of_work
from models.messaging import OutboxMessage
from models.people import apply_org_file, read_org_csv
from models.reviews import (
    ReviewMessage,
    check_definition,
    create_cycle,
    launch_cycle,
    parse_cycle_file,
    shift_dates,
)
from models.workspace import get_or_create_workspace
from scheduler.jobs.reviews import reminders

ROOT = Path(__file__).resolve().parents[1]
REPORTS_PER_MANAGER = 7
DEPARTMENTS = ["Sales", "Support", "Engineering", "Finance", "People"]


def org_csv(people: int) -> str:
    """One HR admin at the top, managers with 7 reports each, departments in turn."""
    out = io.StringIO()
    out.write("email,name,manager_email,role,department,title,slack_user_id\n")
    for index in range(people):
        manager = "" if index == 0 else f"p{(index - 1) // REPORTS_PER_MANAGER}@example.com"
        role = (
            "hr_admin" if index == 0 else ("manager" if index * REPORTS_PER_MANAGER < people else "employee")
        )
        department = DEPARTMENTS[index % len(DEPARTMENTS)]
        out.write(f"p{index}@example.com,Person {index},{manager},{role},{department},,U{index:07d}\n")
    return out.getvalue()


def bench(url: str | None, label: str, size: int) -> tuple[int, int]:
    """Prints one line; returns the launch's and the sweep's statement counts."""
    now = datetime.now(UTC)
    with database(url) as engine:
        factory = make_session_factory(engine)
        started = time.perf_counter()
        with unit_of_work(factory) as session:
            workspace = get_or_create_workspace(session, "TBENCH", None)
            report = apply_org_file(session, workspace, read_org_csv(org_csv(size)), lambda _email: None)
            assert report.created == size, report.failures[:3]
            data = shift_dates(parse_cycle_file((ROOT / "docs/cycle-example.yaml").read_text()), now.date())
            cycle = create_cycle(session, workspace, None, check_definition(data))
        imported = time.perf_counter() - started
        statements = [0]

        def count(*_: object) -> None:
            statements[0] += 1

        event.listen(engine, "before_cursor_execute", count)
        started = time.perf_counter()
        with unit_of_work(factory) as session:
            launched = launch_cycle(session, workspace, None, cycle.id, now)
        wall = time.perf_counter() - started
        launch_statements, statements[0] = statements[0], 0
        sweep_at = datetime.combine(cycle.self_due - timedelta(days=3), now.timetz())
        started = time.perf_counter()
        with unit_of_work(factory) as session:
            reminded = reminders.sweep(session, sweep_at)
        sweep_wall = time.perf_counter() - started
        sweep_statements = statements[0]
        event.remove(engine, "before_cursor_execute", count)
        with factory() as session:
            dms = session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == ReviewMessage.LAUNCH)
            )
        print(
            f"{label:<10} {size:>7,} participants  launch: {launch_statements} statements, "
            f"{wall * 1000:>6.0f} ms, "
            f"{dms:,} DMs queued ({launched:,} frozen)  | reminder sweep: {sweep_statements} statements, "
            f"{reminded:,} queued, {sweep_wall * 1000:.0f} ms  | org import {imported:.1f} s"
        )
        return launch_statements, sweep_statements


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000", help="participants, comma-separated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    postgres = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    backends: list[tuple[str, str | None]] = [("sqlite", None)]
    if postgres:
        backends.append(("postgresql", postgres))
    met = True
    for label, url in backends:
        counts = {bench(url, label, size) for size in sizes}
        met = met and len(counts) == 1
    print("goals met: statements do not grow with the headcount" if met else "GOALS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
