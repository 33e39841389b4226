"""SQL statements for `/goal tree`, `/goal team`, `/goal list` and App Home do not grow with the goals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, insert, select

from models.db import unit_of_work
from models.goals import Goal, GoalHealth, GoalLevel, GoalStatus
from models.people import Person
from models.workspace import Workspace
from tests.conftest import StatementCounter
from tests.e2e.conftest import Stack
from tests.e2e.test_goal_support import BOSS, DUE, OLIVE, PIA, TODAY, add_goal, goal_form, opened, seed_org


def grow_goals(stack: Stack, parent_id: int, count: int) -> None:
    """`count` more individual goals under the team goal, for Olive and Pia: some at risk, some proposed."""
    with unit_of_work(stack.session_factory) as session:
        workspace = session.scalars(select(Workspace)).one()
        owners = [p.id for p in session.scalars(select(Person).where(Person.slack_user_id.in_([OLIVE, PIA])))]
        rows = []
        for index in range(count):
            at_risk, proposed = index % 7 == 0, index % 11 == 0
            rows.append(
                {
                    "workspace_id": workspace.id,
                    "title": f"Filler goal {index}",
                    "level": GoalLevel.INDIVIDUAL,
                    "owner_id": owners[index % 2],
                    "parent_id": parent_id,
                    "baseline": 0.0,
                    "target": 100.0,
                    "current": float(index % 100),
                    "progress": float(index % 100),
                    "start_date": TODAY - timedelta(days=10),
                    "due_date": DUE,
                    "status": GoalStatus.PROPOSED if proposed else GoalStatus.ACTIVE,
                    "health": GoalHealth.AT_RISK if at_risk else GoalHealth.ON_TRACK,
                }
            )
        session.execute(insert(Goal), rows)


def measure(stack: Stack, engine: Engine) -> dict[str, int]:
    counts = {}
    for name, user, text in (("tree", OLIVE, "tree"), ("team", BOSS, "team"), ("list", OLIVE, "list")):
        with StatementCounter(engine) as counter:
            assert stack.slack.command("/goal", text, user).status == 200
        counts[name] = counter.count
    for user in (BOSS, OLIVE):
        published = len(stack.fake.calls("views.publish"))
        with StatementCounter(engine) as counter:
            stack.slack.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
            stack.fake.wait_for("views.publish", count=published + 1)
        counts[f"home {user}"] = counter.count
    return counts


def test_statements_are_the_same_at_10_and_1000_goals(stack: Stack, engine: Engine) -> None:
    seed_org(stack)
    company = add_goal(stack, title="Grow revenue")
    team = add_goal(stack, BOSS, title="Sales pipeline", level=GoalLevel.TEAM, parent=company)
    grow_goals(stack, team, 8)
    measure(stack, engine)  # warm-up: everyone is known, nothing is created on first contact
    small = measure(stack, engine)
    grow_goals(stack, team, 990)
    large = measure(stack, engine)
    print(f"statements at 10 goals: {small}, at 1000 goals: {large}")
    assert small == large
    assert max(small.values()) <= 18, small  # Home: goals, praise, reviews, feedback, appeals


def statements_for_a_proposal(stack: Stack, engine: Engine, title: str) -> int:
    """Olive proposes a goal: the submission, and after its ack the approval request to her manager
    and her confirmation (whose order after the ack is not fixed, so both are waited for)."""
    views = len(stack.fake.calls("views.open"))
    stack.slack.command("/goal", "", OLIVE, channel_id="C_SALES")
    view = opened(stack, count=views + 1)
    dms = len(stack.fake.calls("chat.postMessage"))
    told = len(stack.fake.calls("chat.postEphemeral"))
    with StatementCounter(engine) as counter:
        assert stack.slack.view_submission(view, goal_form(view, title=title), OLIVE).body == ""
        stack.fake.wait_for("chat.postMessage", count=dms + 1)
        stack.fake.wait_for("chat.postEphemeral", count=told + 1)
    assert stack.fake.calls("chat.postMessage")[-1].args["channel"] == BOSS
    return counter.count


def test_statements_for_a_goal_proposal_do_not_grow_with_the_goals(stack: Stack, engine: Engine) -> None:
    seed_org(stack)
    company = add_goal(stack, title="Grow revenue")
    team = add_goal(stack, BOSS, title="Sales pipeline", level=GoalLevel.TEAM, parent=company)
    grow_goals(stack, team, 8)
    statements_for_a_proposal(stack, engine, "Warm-up goal")  # everyone is known after this
    small = statements_for_a_proposal(stack, engine, "Win back 40 lapsed customers")
    grow_goals(stack, team, 990)
    large = statements_for_a_proposal(stack, engine, "Win back 50 lapsed customers")
    print(f"statements for a goal proposal at 10 goals: {small}, at 1000 goals: {large}")
    assert small == large
    # 12 statements: before the ack one more than without the outbox (the approval request's row),
    # and after it 6 (take the row over, the workspace, the recipient, the goal and the actor for
    # rendering, mark it sent) where the DM rendered in the request went straight out: 5 in all before.
    assert small <= 12, small
