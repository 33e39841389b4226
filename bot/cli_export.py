"""`perfbot export cycle ID [--format csv] [--output FILE]`: one row per participant of a review cycle,
for HR's spreadsheet. Numbers and yes/no only (see models/reviews/cycle_export.py): never a peer
reviewer's name or id, never free text; cells a spreadsheet could run as a formula are neutralised."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from bot.cli_org import TEAM_HELP

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.workspace import Workspace

CYCLE_DESCRIPTION = """\
One row per participant of a review cycle: employee, email, department, reviewing manager,
the manager's rating per criterion, goal achievement, the peer aggregate (rating means, only
where the cycle's minimum of peer reviews was met), final score, final rating, whether
calibration changed it, and the outcome (bonus tier, whether HR overrode the tier, promotion
nomination, training, transfer). Never a peer reviewer's name or id, and never free text
(comments, summaries, peer answers, reasons). Spreadsheet-safe: a cell beginning with
=, +, - or @ is written as text."""


def add_commands(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export data for a spreadsheet: a review cycle's results and outcomes (csv)",
        description="Export data as spreadsheet-safe CSV.",
    )
    sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    cycle = sub.add_parser(
        "cycle",
        help="one row per participant: ratings, scores, calibration change, outcome",
        description=CYCLE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cycle.add_argument("id", type=int, metavar="ID", help="the cycle's id (see `perfbot cycle list`)")
    cycle.add_argument("--format", choices=("csv",), default="csv", help="csv (the only format)")
    cycle.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8 with a byte order mark, for Excel)"
    )
    cycle.add_argument("--team", metavar="TEAM_ID", help=TEAM_HELP)
    cycle.set_defaults(handler=run_export_cycle)


def run_export_cycle(args: argparse.Namespace) -> int:
    from bot.cli_cycle import _in_workspace

    def export(session: Session, workspace: Workspace) -> int:
        from models.export import write_csv
        from models.reviews import cycle_export, get_cycle

        table = cycle_export(session, get_cycle(session, workspace, args.id))
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as stream:
                write_csv(stream, table.header, table.rows, bom=True)
            done = f"cycle {args.id}: {len(table.rows)} participants written to {args.output}"
            print(done, file=sys.stderr)
        else:
            write_csv(sys.stdout, table.header, table.rows)
        return 0

    return _in_workspace(args, export)
