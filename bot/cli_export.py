"""`perfbot export cycle ID` (one row per participant of a review cycle: numbers and yes/no only, see
models/reviews/cycle_export.py) and `perfbot export appeals --cycle ID` (one row per appeal: the part,
the state, the working days to a decision, the outcome; `--format text`: the cycle's figures). Never a
peer reviewer's name or id, never free text; cells a spreadsheet could run as a formula are neutralised
(models/export.py)."""

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

APPEALS_DESCRIPTION = (
    "One row per appeal of a review cycle: the contested part (overall or a criterion key), its state, "
    "the working days from filing to the decision and the outcome (upheld, adjusted, rejected). No "
    "reasons, no explanations, no names. --format text prints the cycle's figures instead: the count "
    "of appeals, the share adjusted and the median working days to a decision."
)


def add_commands(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="CSV for HR: a review cycle's results and outcomes, its appeals",
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

    appeals = sub.add_parser(
        "appeals",
        help="a cycle's appeals: part, state, working days to decision, outcome (no text, no names)",
        description=APPEALS_DESCRIPTION,
    )
    appeals.add_argument("--cycle", type=int, required=True, metavar="ID", help="the review cycle's id")
    appeals.add_argument("--format", choices=("csv", "text"), default="csv", help="csv (default) or text")
    appeals.add_argument("--team", metavar="TEAM_ID", help=TEAM_HELP)
    appeals.set_defaults(handler=run_appeals)


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


def run_appeals(args: argparse.Namespace) -> int:
    from bot.cli_cycle import _in_workspace

    return int(_in_workspace(args, lambda session, workspace: _appeals(args, session, workspace)))


def _appeals(args: argparse.Namespace, session: Session, workspace: Workspace) -> int:
    from models.appeals import EXPORT_HEADER, appeal_stats, export_rows
    from models.export import write_csv

    if args.format == "csv":
        write_csv(sys.stdout, EXPORT_HEADER, export_rows(session, workspace, args.cycle))
        return 0
    stats = appeal_stats(session, workspace, None, args.cycle)
    share = "–" if stats.share_adjusted is None else f"{stats.share_adjusted * 100:.0f}%"
    median = "–" if stats.median_working_days is None else str(stats.median_working_days)
    print(
        f"cycle {stats.cycle_id}: {stats.count} appeals, {stats.decided} decided, {stats.adjusted} adjusted "
        f"({share} of decided); median working days to decision: {median}"
    )
    return 0
