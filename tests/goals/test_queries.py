"""What the Slack layer reads: my goals, the team's goals needing attention, search, the tree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from models.goals import (
    AttentionReason,
    CheckinInput,
    GoalHealth,
    GoalLevel,
    GoalStatus,
    GoalVisibility,
    check_in,
    checkin_history,
    goal_tree,
    goals_needing_attention,
    my_goals,
    search_goals,
    team_goals,
)
from tests.conftest import StatementCounter
from tests.factories import make_goal
from tests.goals.conftest import NOW, TODAY, Org, build_org


def test_my_goals_with_progress_and_the_next_due_date(session: Session, org: Org) -> None:
    later = make_goal(
        session,
        org.workspace,
        owner=org.olive,
        title="Later",
        current=50,
        weight=60,
        due_date=date(2025, 9, 30),
    )
    sooner = make_goal(
        session,
        org.workspace,
        owner=org.olive,
        title="Sooner",
        current=150,
        weight=30,
        due_date=date(2025, 4, 30),
    )
    draft = make_goal(
        session,
        org.workspace,
        owner=org.olive,
        title="Idea",
        status=GoalStatus.DRAFT,
        due_date=date(2025, 3, 10),
    )
    make_goal(session, org.workspace, owner=org.olive, title="Dropped", status=GoalStatus.CANCELLED)
    make_goal(session, org.workspace, owner=org.peer, title="Not mine")

    mine = my_goals(session, org.olive)

    assert [s.goal.title for s in mine.goals] == ["Sooner", "Later", "Idea"]
    assert [(s.progress, s.display) for s in mine.goals[:2]] == [(150, 100), (50, 50)]
    assert mine.next_due == sooner.due_date != draft.due_date
    assert [(w.field, w.params["total"]) for w in mine.warnings] == [("weight", "90")]
    assert later.id != sooner.id


def test_a_goal_with_aligned_children_shows_their_rolled_up_progress(session: Session, org: Org) -> None:
    team = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina, current=0)
    make_goal(session, org.workspace, owner=org.olive, parent=team, current=80, weight=75)
    make_goal(
        session,
        org.workspace,
        owner=org.peer,
        parent=team,
        current=40,
        weight=25,
        visibility=GoalVisibility.PRIVATE,
    )
    make_goal(session, org.workspace, owner=org.peer, parent=team, current=0, status=GoalStatus.CANCELLED)
    make_goal(session, org.workspace, owner=org.peer, parent=team, current=0, status=GoalStatus.PROPOSED)

    # Tina may not see Pia's private goal: it is left out of her number, and counted as left out.
    (summary,) = my_goals(session, org.tina).goals
    assert (summary.progress, summary.hidden_children) == (pytest.approx(80), 1)


def test_a_managers_reports_goals_needing_attention(session: Session, org: Org) -> None:
    proposed = make_goal(
        session, org.workspace, owner=org.olive, title="Proposal", status=GoalStatus.PROPOSED
    )
    risky = make_goal(session, org.workspace, owner=org.tina, title="Risky", health=GoalHealth.AT_RISK)
    late = make_goal(
        session,
        org.workspace,
        owner=org.olive,
        title="Late",
        due_date=TODAY - timedelta(days=1),
        health=GoalHealth.OFF_TRACK,
    )
    make_goal(session, org.workspace, owner=org.olive, title="Fine", health=GoalHealth.ON_TRACK)
    make_goal(session, org.workspace, owner=org.peer, title="Someone else's", health=GoalHealth.OFF_TRACK)
    make_goal(
        session,
        org.workspace,
        owner=org.olive,
        title="Over",
        status=GoalStatus.CANCELLED,
        health=GoalHealth.OFF_TRACK,
    )

    items = goals_needing_attention(session, org.boss, today=TODAY)

    assert {item.goal.id: item.reasons for item in items} == {
        proposed.id: [AttentionReason.AWAITING_APPROVAL],
        late.id: [AttentionReason.OFF_TRACK, AttentionReason.OVERDUE],
        risky.id: [AttentionReason.AT_RISK],
    }
    assert [item.owner.name for item in items] == ["Olive", "Olive", "Tina"]
    assert goals_needing_attention(session, org.other, today=TODAY)[0].goal.title == "Someone else's"


def test_a_managers_team_goals_put_attention_first_then_the_other_agreed_goals(
    session: Session, org: Org
) -> None:
    proposed = make_goal(
        session, org.workspace, owner=org.olive, title="Proposal", status=GoalStatus.PROPOSED
    )
    risky = make_goal(session, org.workspace, owner=org.tina, title="Risky", health=GoalHealth.AT_RISK)
    calm = make_goal(session, org.workspace, owner=org.olive, title="Calm", current=30)
    hidden = make_goal(
        session, org.workspace, owner=org.olive, title="Private", visibility=GoalVisibility.PRIVATE
    )
    done = make_goal(session, org.workspace, owner=org.olive, title="Done", status=GoalStatus.COMPLETED)
    team = make_goal(
        session, org.workspace, level=GoalLevel.TEAM, owner=org.tina, department="Sales", title="Team"
    )
    make_goal(session, org.workspace, owner=org.peer, parent=team, current=80, title="Aligned, not a report")
    make_goal(session, org.workspace, owner=org.olive, title="Dropped", status=GoalStatus.CANCELLED)
    make_goal(session, org.workspace, owner=org.olive, title="Idea", status=GoalStatus.DRAFT)
    make_goal(session, org.workspace, owner=org.peer, title="Someone else's report")
    elsewhere = build_org(session, "T002")
    make_goal(session, elsewhere.workspace, owner=elsewhere.olive, title="Another workspace")

    found = team_goals(session, org.boss, today=TODAY)

    assert [(item.goal.id, item.reasons) for item in found.attention] == [
        (proposed.id, [AttentionReason.AWAITING_APPROVAL]),
        (risky.id, [AttentionReason.AT_RISK]),
    ]
    # Active before completed, then by owner; private goals are in the manager's circle.
    assert [s.goal.id for s in found.others] == [calm.id, hidden.id, team.id, done.id]
    assert [s.owner.name for s in found.others if s.owner] == ["Olive", "Olive", "Tina", "Olive"]
    progress = {s.goal.id: s.progress for s in found.others}
    assert progress[calm.id] == pytest.approx(30)
    assert progress[team.id] == pytest.approx(80), "rolled up from its aligned goal"
    assert team_goals(session, org.olive, today=TODAY).attention == []
    assert team_goals(session, org.olive, today=TODAY).others == []


def test_search_finds_visible_open_goals_by_title(session: Session, org: Org) -> None:
    company = make_goal(session, org.workspace, level=GoalLevel.COMPANY, title="Grow ARR 30%")
    team = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina, title="Grow the pipeline")
    make_goal(
        session,
        org.workspace,
        level=GoalLevel.TEAM,
        owner=org.other,
        department="Support",
        title="Grow NPS",
        visibility=GoalVisibility.PRIVATE,
    )
    make_goal(session, org.workspace, level=GoalLevel.COMPANY, title="Grow old", status=GoalStatus.CANCELLED)
    long = make_goal(session, org.workspace, level=GoalLevel.COMPANY, title="Grow " + "very " * 30 + "much")
    elsewhere = build_org(session, "T002")
    make_goal(session, elsewhere.workspace, level=GoalLevel.COMPANY, title="Grow elsewhere")

    found = search_goals(session, org.olive, "grow")

    assert [option.id for option in found] == [company.id, long.id, team.id]
    assert all(len(option.title) <= 75 for option in found) and found[1].title.endswith("…")
    assert [o.id for o in search_goals(session, org.olive, "GROW", levels=frozenset({GoalLevel.TEAM}))] == [
        team.id
    ]
    assert [o.id for o in search_goals(session, org.olive, "30%")] == [company.id]
    # Wildcards are matched literally.
    assert [o.id for o in search_goals(session, org.olive, "%")] == [company.id]
    assert search_goals(session, org.olive, "_") == []
    assert len(search_goals(session, org.other, "grow")) == 4


def test_search_returns_at_most_a_hundred_options(session: Session, org: Org) -> None:
    for index in range(120):
        make_goal(session, org.workspace, level=GoalLevel.COMPANY, title=f"Goal {index:03}", flush=False)
    session.flush()
    assert len(search_goals(session, org.olive, "goal", limit=500)) == 100


def test_the_tree_cascades_from_company_goals_with_rolled_up_progress(session: Session, org: Org) -> None:
    company = make_goal(session, org.workspace, level=GoalLevel.COMPANY, title="Win")
    team = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina, parent=company, weight=50)
    other_team = make_goal(
        session,
        org.workspace,
        level=GoalLevel.TEAM,
        owner=org.other,
        department="Support",
        parent=company,
        weight=50,
        current=20,
    )
    mine = make_goal(session, org.workspace, owner=org.olive, parent=team, current=60)
    make_goal(
        session, org.workspace, owner=org.olive, parent=team, current=100, visibility=GoalVisibility.PRIVATE
    )
    make_goal(session, org.workspace, owner=org.olive, parent=team, status=GoalStatus.PROPOSED)
    loose = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina, title="Unaligned")

    # (viewer, children shown, team progress, hidden children, company progress)
    for viewer, visible_children, team_progress, hidden, company_progress in (
        (org.peer, 1, 60, 1, 40),  # Olive's private goal is left out of Pia's numbers, and said to be
        (org.boss, 2, 80, 0, 50),
    ):
        tree = goal_tree(session, viewer)
        (root,) = tree.roots
        assert root.summary.goal.id == company.id
        assert [n.summary.goal.id for n in root.children] == [team.id, other_team.id]
        team_node = root.children[0]
        assert len(team_node.children) == visible_children
        assert (team_node.summary.progress, team_node.summary.hidden_children) == (
            pytest.approx(team_progress),
            hidden,
        )
        assert root.summary.progress == pytest.approx(company_progress)
        assert [n.summary.goal.id for n in tree.unaligned] == [loose.id]
    walked = [(depth, summary.goal.id) for depth, summary in goal_tree(session, org.peer).walk()]
    assert walked == [(0, company.id), (1, team.id), (2, mine.id), (1, other_team.id), (0, loose.id)]


def build_cascade(session: Session, org: Org, size: int) -> None:
    """`size` goals: a hundredth company goals, a tenth team goals, the rest individual, all aligned."""
    companies = [
        make_goal(session, org.workspace, level=GoalLevel.COMPANY, title=f"Company {i}", flush=False)
        for i in range(max(1, size // 100))
    ]
    session.flush()
    teams = [
        make_goal(
            session,
            org.workspace,
            level=GoalLevel.TEAM,
            owner=org.tina,
            parent=companies[i % len(companies)],
            title=f"Team {i}",
            flush=False,
        )
        for i in range(max(2, size // 10 - len(companies)))
    ]
    session.flush()
    owners = [org.olive, org.peer]
    for i in range(size - len(companies) - len(teams)):
        make_goal(
            session,
            org.workspace,
            owner=owners[i % 2],
            parent=teams[i % len(teams)],
            title=f"Mine {i}",
            current=i % 100,
            visibility=GoalVisibility.PRIVATE if i % 3 == 0 else GoalVisibility.PUBLIC,
            health=GoalHealth.AT_RISK if i % 5 == 0 else None,
            flush=False,
        )
    session.flush()


def statements_at(
    size: int, session: Session, engine: Engine, count_statements: type[StatementCounter]
) -> dict[str, int]:
    org = build_org(session, f"T{size}")
    build_cascade(session, org, size)
    goal = make_goal(session, org.workspace, owner=org.olive, title="Tracked")
    for value in ("10", "20", "30"):
        check_in(
            session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value=value), now=NOW
        )
    session.flush()
    counts = {}
    queries: dict[str, Callable[[], object]] = {
        "tree": lambda: goal_tree(session, org.boss),
        "my goals": lambda: my_goals(session, org.olive),
        "attention": lambda: goals_needing_attention(session, org.boss, today=TODAY),
        "team": lambda: team_goals(session, org.boss, today=TODAY),
        "search": lambda: search_goals(session, org.olive, "team"),
        "history": lambda: checkin_history(session, org.workspace, org.boss, goal.id),
    }
    for name, query in queries.items():
        with count_statements(engine) as counter:
            query()
        counts[name] = counter.count
    return counts


def test_reads_issue_the_same_statements_at_10_and_at_1000_goals(
    session: Session, engine: Engine, count_statements: type[StatementCounter]
) -> None:
    small = statements_at(10, session, engine, count_statements)
    large = statements_at(1000, session, engine, count_statements)
    assert small == large
    assert small == {"tree": 1, "my goals": 2, "attention": 1, "team": 3, "search": 1, "history": 3}
