"""`perfbot cycle release ID [--department D]`: release the results that are ready (a submitted manager
review), for the whole cycle or one department; each employee gets their result by DM, each reviewing
manager a DM asking for the one-to-one. Those without a submitted manager review wait, counted."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.workspace import Workspace


def add_release_command(sub: Any, run_in_workspace: Any) -> None:
    command = sub.add_parser(
        "release",
        help="release the results with a submitted manager review (whole cycle or --department); DMs them",
        description=(
            "Release the results of a cycle, or of one department: every participant with a submitted "
            "manager review who is not released yet gets their result by DM (with the last day to "
            "appeal), and their reviewing manager a DM asking to hold and log the one-to-one. Those "
            "without a submitted manager review are not released; their number is printed. When "
            "everyone is released, the cycle is released. Audited."
        ),
    )
    command.add_argument("id", type=int, metavar="ID", help="the cycle's id (see `perfbot cycle list`)")
    command.add_argument("--department", metavar="D", help="only this department (as in the org import)")

    def run(args: argparse.Namespace) -> int:
        def work(session: Session, workspace: Workspace) -> int:
            from models.base import utcnow
            from models.reviews import get_cycle
            from models.reviews.releasing import release_preview, release_results

            counts = release_preview(session, workspace, None, args.id, args.department)
            released = release_results(session, workspace, None, args.id, utcnow(), args.department)
            status = get_cycle(session, workspace, args.id).status.value
            scope = f" (department {args.department})" if args.department else ""
            print(
                f"cycle {args.id}{scope}: {released} results released, their messages queued; "
                f"{counts.waiting} wait without a submitted manager review; the cycle is {status}"
            )
            return 0

        return int(run_in_workspace(args, work))

    command.set_defaults(handler=run)
