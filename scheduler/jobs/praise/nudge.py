"""Positive-feedback nudge: a manager hears about each active direct report nobody has recognised
for the workspace's `nudge_after_days`, at most once per report per ISO week.

The sweep is one INSERT … SELECT per workspace: the database finds the reports and writes the
rows, so the statement count and the memory used do not grow with the headcount.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import JSON, Select, String, cast, exists, literal, select
from sqlalchemy.orm import Session, aliased

from handlers.kit import words
from handlers.kit.message import SlackMessage
from handlers.reminders import praise_nudge
from models.base import UTCDateTime
from models.messaging import MessageKind, enqueue_select
from models.people import Person
from models.praise.entities import Praise, PraiseRecipient
from models.praise.signals import recent_signals
from models.workspace import Workspace
from scheduler.jobs.base import Job, RenderContext, Skip

KIND = MessageKind.PRAISE_NUDGE
# Signals recorded before goal titles were quoted by the reader's language carry these message ids.
_SIGNAL_IDS = {
    "{name} completed '{goal}'": "{name} completed {goal}",
    "{name} moved '{goal}' from {before} to {after} this week": (
        "{name} moved {goal} from {before} to {after} this week"
    ),
}
SIGNAL_WINDOW = timedelta(days=7)


def week_label(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def dedupe_key(manager_id: int, report_id: int, week: str) -> str:
    return f"nudge:praise:manager:{manager_id}:report:{report_id}:{week}"


def sweep(session: Session, now: datetime) -> int:
    # The week is the UTC ISO week of the sweep; a sweep late on Sunday in one zone and early
    # Monday in another still gives each report at most one nudge per calendar week.
    week = week_label(now)
    queued = 0
    for workspace_id, days in session.execute(select(Workspace.id, Workspace.nudge_after_days)).all():
        queued += enqueue_select(session, nudge_rows(workspace_id, days, week, now), now)
    return queued


def nudge_rows(workspace_id: int, days: int, week: str, now: datetime) -> Select[tuple[object, ...]]:
    """One row per (manager, report) where the report, with us for `days` days, got no praise in them."""
    report = aliased(Person, name="report")
    manager = aliased(Person, name="manager")
    since = now - timedelta(days=days)
    # Keyed on the report alone (a person belongs to one workspace, so this stays scoped): with a
    # workspace filter here too, SQLite's planner walks every praise of the workspace per report.
    praised = (
        select(PraiseRecipient.person_id)
        .join(Praise, Praise.id == PraiseRecipient.praise_id)
        .where(PraiseRecipient.person_id == report.id, Praise.created_at >= since)
    )
    key = (
        literal("nudge:praise:manager:")
        + cast(manager.id, String)
        + literal(":report:")
        + cast(report.id, String)
        + literal(f":{week}")
    )
    return (
        select(
            report.workspace_id.label("workspace_id"),
            manager.id.label("person_id"),
            report.id.label("subject_id"),
            literal(KIND.value).label("kind"),
            key.label("dedupe_key"),
            literal({"days": days, "week": week}, JSON).label("payload"),
            literal(now, UTCDateTime()).label("not_before"),
            literal(True).label("working_hours"),
        )
        .join(manager, manager.id == report.manager_id)
        .where(
            report.workspace_id == workspace_id,
            manager.workspace_id == workspace_id,
            report.active.is_(True),
            manager.active.is_(True),
            manager.mute_nudges.is_(False),
            # Someone who joined last week has not been overlooked for `days` days.
            report.created_at <= since,
            ~exists(praised),
        )
    )


def render(ctx: RenderContext) -> SlackMessage | Skip:
    report = ctx.session.get(Person, ctx.row.subject_id) if ctx.row.subject_id else None
    if report is None or not report.active:
        return Skip("the report is deactivated")
    if ctx.recipient is None or report.manager_id != ctx.recipient.id:
        return Skip("the recipient is no longer the report's manager")
    days = int(ctx.row.payload.get("days", 21))
    if _praised_since(ctx.session, report, ctx.now - timedelta(days=days)):
        return Skip("the report was recognised after the nudge was queued")
    signal = recent_signals(ctx.session, report.workspace_id, [report.id], ctx.now - SIGNAL_WINDOW).get(
        report.id
    )
    signal_text = None
    if signal is not None:
        params = dict(signal.params, name=f"<@{report.slack_user_id}>")
        if "goal" in params:
            params["goal"] = words.title(ctx.t, str(params["goal"]))
        try:
            signal_text = ctx.t(_SIGNAL_IDS.get(signal.message, signal.message), **params)
        except (KeyError, IndexError, ValueError):  # a signal whose parameters do not fit its message
            signal_text = None
    return praise_nudge(
        ctx.t,
        message_id=ctx.row.id,
        report_name=report.name,
        report_user_id=report.slack_user_id,
        days=days,
        signal=signal_text,
    )


def _praised_since(session: Session, report: Person, since: datetime) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    PraiseRecipient.workspace_id == report.workspace_id,
                    PraiseRecipient.person_id == report.id,
                    PraiseRecipient.praise_id == Praise.id,
                    Praise.created_at >= since,
                )
            )
        )
    )


JOB = Job(
    name="praise_nudge",
    sweep=sweep,
    renderers={KIND: render},
    every=timedelta(hours=1),
    requeues_within={KIND: timedelta(days=8)},  # one nudge per report per ISO week
)
