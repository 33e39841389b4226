"""What the Slack layer reads about goals. Each query issues a fixed number of SQL statements,
however many goals the workspace has: rows are loaded in bulk and arranged in Python."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from models.errors import Problem
from models.goals.entities import AGREED_STATUSES, TROUBLED, Goal, GoalHealth, GoalLevel, GoalStatus
from models.goals.permissions import can_see_goal, visible_goals
from models.goals.progress import RollupNode, display_progress, rollup
from models.goals.validation import number_text
from models.i18n import N_
from models.people import Person

MAX_OPTIONS = 100  # Slack's limit for one select menu
OPTION_TITLE = 75  # Slack's limit for an option's text
LEVEL_ORDER = case((Goal.level == GoalLevel.COMPANY, 0), (Goal.level == GoalLevel.TEAM, 1), else_=2)


@dataclass(frozen=True)
class GoalSummary:
    goal: Goal
    owner: Person | None
    progress: float  # rolled up from the agreed children the reader may see, else its own; unclipped
    hidden_children: int = 0  # agreed children the reader may not see, left out of `progress`

    @property
    def display(self) -> float:
        return display_progress(self.progress)


@dataclass(frozen=True)
class Rollup:
    """Progress as one reader may know it: children they may not see are left out, and counted."""

    progress: dict[int, float]
    hidden_children: dict[int, int]

    def summary(self, goal: Goal, owner: Person | None) -> GoalSummary:
        return GoalSummary(
            goal, owner, self.progress.get(goal.id, goal.progress), self.hidden_children.get(goal.id, 0)
        )


def rollup_for(rows: Iterable[tuple[RollupNode, bool]]) -> Rollup:
    """Roll up the nodes the reader may see; a hidden child (and all under it) counts for nothing,
    so a parent's number never lets anyone deduce a goal kept from them."""
    shown: list[RollupNode] = []
    hidden: dict[int, int] = {}
    for node, visible in rows:
        if visible:
            shown.append(node)
        elif node.parent_id is not None:
            hidden[node.parent_id] = hidden.get(node.parent_id, 0) + 1
    return Rollup(rollup(shown), hidden)


def rolled_up_progress(session: Session, viewer: Person) -> Rollup:
    """Progress of every agreed goal in the workspace as `viewer` may know it, in one statement."""
    visible = case((visible_goals(viewer), True), else_=False).label("visible")
    rows = session.execute(
        select(Goal.id, Goal.parent_id, Goal.weight, Goal.progress, visible).where(
            Goal.workspace_id == viewer.workspace_id, Goal.status.in_(AGREED_STATUSES)
        )
    )
    return rollup_for(
        (RollupNode(row.id, row.parent_id, row.weight, row.progress), bool(row.visible)) for row in rows
    )


@dataclass(frozen=True)
class MyGoals:
    goals: list[GoalSummary]
    next_due: date | None  # the earliest due date of an active goal (in the past when overdue)
    warnings: list[Problem]


def my_goals(session: Session, person: Person) -> MyGoals:
    """The person's goals that are not cancelled: active first, then by due date. Two statements."""
    progress = rolled_up_progress(session, person)
    status_order = case(
        (Goal.status == GoalStatus.ACTIVE, 0),
        (Goal.status == GoalStatus.PROPOSED, 1),
        (Goal.status == GoalStatus.DRAFT, 2),
        else_=3,
    )
    goals = session.scalars(
        select(Goal)
        .where(
            Goal.workspace_id == person.workspace_id,
            Goal.owner_id == person.id,
            Goal.status != GoalStatus.CANCELLED,
        )
        .order_by(status_order, Goal.due_date, Goal.id)
    ).all()
    summaries = [progress.summary(goal, person) for goal in goals]
    active = [goal for goal in goals if goal.status is GoalStatus.ACTIVE]
    weights = [goal.weight for goal in active if goal.level is GoalLevel.INDIVIDUAL]
    warnings = []
    if weights and not math.isclose(math.fsum(weights), 100.0, abs_tol=1e-6):
        warnings.append(
            Problem(
                N_("{name}'s active goal weights add up to {total}, not 100."),
                "weight",
                {"name": person.name, "total": number_text(math.fsum(weights))},
            )
        )
    return MyGoals(summaries, min((goal.due_date for goal in active), default=None), warnings)


class AttentionReason(enum.StrEnum):
    AWAITING_APPROVAL = "awaiting_approval"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class AttentionItem:
    goal: Goal
    owner: Person
    reasons: list[AttentionReason]


def goals_needing_attention(session: Session, manager: Person, *, today: date) -> list[AttentionItem]:
    """The direct reports' proposals waiting for a decision and their active goals at risk,
    off track or past due. One statement."""
    rows = session.execute(
        select(Goal, Person)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == manager.workspace_id,
            Person.workspace_id == manager.workspace_id,
            Person.manager_id == manager.id,
            or_(
                Goal.status == GoalStatus.PROPOSED,
                and_(Goal.status == GoalStatus.ACTIVE, or_(Goal.health.in_(TROUBLED), Goal.due_date < today)),
            ),
        )
        .order_by(Person.name, Person.id, Goal.due_date, Goal.id)
    )
    items = []
    for goal, owner in rows:
        reasons = []
        if goal.status is GoalStatus.PROPOSED:
            reasons.append(AttentionReason.AWAITING_APPROVAL)
        else:
            if goal.health is GoalHealth.AT_RISK:
                reasons.append(AttentionReason.AT_RISK)
            if goal.health is GoalHealth.OFF_TRACK:
                reasons.append(AttentionReason.OFF_TRACK)
            if goal.due_date < today:
                reasons.append(AttentionReason.OVERDUE)
        items.append(AttentionItem(goal, owner, reasons))
    return items


@dataclass(frozen=True)
class TeamGoals:
    attention: list[AttentionItem]  # proposals to decide, active goals at risk, off track or overdue
    others: list[GoalSummary]  # the reports' other agreed goals: active first, then completed


def team_goals(session: Session, manager: Person, *, today: date) -> TeamGoals:
    """All goals of a manager's direct reports, those needing attention first. Three statements.

    The rest of the reports' agreed goals are filtered by the same visibility rule as every goal
    query, and carry their rolled-up progress."""
    attention = goals_needing_attention(session, manager, today=today)
    flagged = {item.goal.id for item in attention}
    progress = rolled_up_progress(session, manager)
    rows = session.execute(
        select(Goal, Person)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == manager.workspace_id,
            Person.workspace_id == manager.workspace_id,
            Person.manager_id == manager.id,
            Goal.status.in_(AGREED_STATUSES),
            visible_goals(manager),
        )
        .order_by(Goal.status, Person.name, Person.id, Goal.due_date, Goal.id)
    )
    others = [progress.summary(goal, owner) for goal, owner in rows if goal.id not in flagged]
    return TeamGoals(attention, others)


@dataclass(frozen=True)
class GoalOption:
    id: int
    level: GoalLevel
    title: str  # at most OPTION_TITLE characters


def short_title(title: str, limit: int = OPTION_TITLE) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def search_goals(
    session: Session,
    viewer: Person,
    text: str,
    *,
    levels: frozenset[GoalLevel] | None = None,
    statuses: frozenset[GoalStatus] = frozenset({GoalStatus.ACTIVE}),
    limit: int = MAX_OPTIONS,
) -> list[GoalOption]:
    """Goals whose title contains `text` (any case) that the viewer can see; company goals first."""
    query = select(Goal.id, Goal.level, Goal.title).where(visible_goals(viewer), Goal.status.in_(statuses))
    if text.strip():
        query = query.where(func.lower(Goal.title).contains(text.strip().lower(), autoescape=True))
    if levels is not None:
        query = query.where(Goal.level.in_(levels))
    rows = session.execute(query.order_by(LEVEL_ORDER, Goal.title, Goal.id).limit(min(limit, MAX_OPTIONS)))
    return [GoalOption(row.id, row.level, short_title(row.title)) for row in rows]


@dataclass
class TreeNode:
    summary: GoalSummary
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class GoalTree:
    roots: list[TreeNode]  # company goals
    unaligned: list[TreeNode]  # team goals not under a company goal the viewer can see

    def walk(self) -> Iterator[tuple[int, GoalSummary]]:
        """Depth and goal, depth first, so a view can page through the tree in order."""
        stack = [(0, node) for node in reversed(self.roots + self.unaligned)]
        while stack:
            depth, node = stack.pop()
            yield depth, node.summary
            stack.extend((depth + 1, child) for child in reversed(node.children))


def goal_tree(session: Session, viewer: Person) -> GoalTree:
    """The cascade of agreed goals from company goals down, as the viewer may see it. One statement."""
    rows = session.execute(
        select(Goal, Person)
        .outerjoin(Person, Person.id == Goal.owner_id)
        .where(Goal.workspace_id == viewer.workspace_id, Goal.status.in_(AGREED_STATUSES))
        .order_by(LEVEL_ORDER, Goal.due_date, Goal.title, Goal.id)
    ).all()
    seen = {goal.id for goal, owner in rows if can_see_goal(viewer, goal, owner)}
    progress = rollup_for(
        (RollupNode(goal.id, goal.parent_id, goal.weight, goal.progress), goal.id in seen) for goal, _ in rows
    )
    nodes = {goal.id: TreeNode(progress.summary(goal, owner)) for goal, owner in rows if goal.id in seen}
    roots: list[TreeNode] = []
    unaligned: list[TreeNode] = []
    for node in nodes.values():
        goal = node.summary.goal
        parent = nodes.get(goal.parent_id) if goal.parent_id is not None else None
        if parent is not None and goal.parent_id != goal.id:
            parent.children.append(node)
        elif goal.level is GoalLevel.COMPANY:
            roots.append(node)
        elif goal.level is GoalLevel.TEAM:
            unaligned.append(node)
    return GoalTree(roots, unaligned)
