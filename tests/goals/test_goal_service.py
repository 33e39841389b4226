"""Setting goals together: propose, approve, request changes, revise, and goals a manager sets."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.errors import DomainError, NotFound, PermissionDenied
from models.goals import (
    CommentKind,
    GoalComment,
    GoalLevel,
    GoalStatus,
    NoticeKind,
    approve_goal,
    cancel_goal,
    checkin_history,
    comment_on_goal,
    create_goal,
    propose_goal,
    request_changes,
    update_goal,
)
from tests.factories import make_goal
from tests.goals.conftest import NOW, Org
from tests.goals.helpers import goal_input


def test_an_employees_own_goal_is_proposed_to_their_manager(session: Session, org: Org) -> None:
    outcome = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW)

    goal = outcome.goal
    assert goal.status is GoalStatus.PROPOSED
    assert goal.owner_id == org.olive.id and goal.level is GoalLevel.INDIVIDUAL
    assert goal.proposed_at == NOW and goal.activated_at is None
    assert (goal.baseline, goal.target, goal.current, goal.progress) == (100, 130, 100, 0)
    assert [(n.kind, n.recipient) for n in outcome.notices] == [(NoticeKind.PROPOSAL_TO_APPROVE, org.boss)]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == goal.id)).one()
    assert entry.action == "goal.create" and entry.after is not None and entry.after["status"] == "proposed"


def test_a_draft_tells_nobody_until_it_is_proposed(session: Session, org: Org) -> None:
    outcome = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW, propose=False)
    assert outcome.goal.status is GoalStatus.DRAFT and outcome.notices == []

    proposed = propose_goal(session, org.workspace, org.olive, outcome.goal.id, now=NOW)
    assert proposed.goal.status is GoalStatus.PROPOSED
    assert [n.recipient for n in proposed.notices] == [org.boss]
    assert propose_goal(session, org.workspace, org.olive, outcome.goal.id, now=NOW).notices == []


def test_the_manager_approves_and_the_employee_is_told(session: Session, org: Org) -> None:
    goal = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW).goal

    outcome = approve_goal(session, org.workspace, org.boss, goal.id, now=NOW, comment="Good one")

    assert (
        goal.status is GoalStatus.ACTIVE and goal.approved_by_id == org.boss.id and goal.activated_at == NOW
    )
    assert [(n.kind, n.recipient, n.comment) for n in outcome.notices] == [
        (NoticeKind.GOAL_APPROVED, org.olive, "Good one")
    ]
    again = approve_goal(session, org.workspace, org.boss, goal.id, now=NOW)
    assert again.notices == [] and goal.status is GoalStatus.ACTIVE


def test_changes_requested_go_back_to_draft_with_the_comment_then_the_revision_is_proposed(
    session: Session, org: Org
) -> None:
    goal = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW).goal

    sent_back = request_changes(session, org.workspace, org.boss, goal.id, "Aim for 150", now=NOW)

    assert goal.status is GoalStatus.DRAFT and goal.proposed_at is None
    assert [(n.kind, n.recipient, n.comment) for n in sent_back.notices] == [
        (NoticeKind.CHANGES_REQUESTED, org.olive, "Aim for 150")
    ]
    history = checkin_history(session, org.workspace, org.olive, goal.id)
    assert history.change_request is not None and history.change_request.body == "Aim for 150"

    update_goal(session, org.workspace, org.olive, goal.id, goal_input(target="150"), now=NOW)
    resubmitted = propose_goal(session, org.workspace, org.olive, goal.id, now=NOW)

    assert resubmitted.goal.target == 150 and resubmitted.goal.status is GoalStatus.PROPOSED
    assert [n.kind for n in resubmitted.notices] == [NoticeKind.PROPOSAL_TO_APPROVE]
    assert checkin_history(session, org.workspace, org.olive, goal.id).change_request is None


def test_a_change_request_needs_a_comment(session: Session, org: Org) -> None:
    goal = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW).goal
    with pytest.raises(DomainError) as caught:
        request_changes(session, org.workspace, org.boss, goal.id, "  ", now=NOW)
    assert caught.value.problems[0].field == "comment"
    assert goal.status is GoalStatus.PROPOSED


@pytest.mark.parametrize("who", ["olive", "other", "hr", "tina"])
def test_only_the_owners_manager_decides_on_a_proposal(session: Session, org: Org, who: str) -> None:
    goal = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW).goal
    # Outsiders do not even see a proposal; for them it does not exist.
    with pytest.raises((PermissionDenied, NotFound)):
        approve_goal(session, org.workspace, getattr(org, who), goal.id, now=NOW)
    with pytest.raises((PermissionDenied, NotFound)):
        request_changes(session, org.workspace, getattr(org, who), goal.id, "no", now=NOW)
    assert goal.status is GoalStatus.PROPOSED


def test_hr_decides_for_people_without_a_manager(session: Session, org: Org) -> None:
    outcome = create_goal(session, org.workspace, org.other, goal_input(), now=NOW)
    assert [n.recipient for n in outcome.notices] == [org.hr]
    approve_goal(session, org.workspace, org.hr, outcome.goal.id, now=NOW)
    assert outcome.goal.status is GoalStatus.ACTIVE


def test_a_manager_sets_a_goal_for_a_report_who_is_told_and_can_comment(session: Session, org: Org) -> None:
    outcome = create_goal(session, org.workspace, org.boss, goal_input(owner_id=org.olive.id), now=NOW)

    goal = outcome.goal
    assert goal.status is GoalStatus.ACTIVE and goal.activated_at == NOW
    assert goal.owner_id == org.olive.id and goal.created_by_id == org.boss.id
    assert [(n.kind, n.recipient) for n in outcome.notices] == [(NoticeKind.GOAL_SET_FOR_YOU, org.olive)]

    commented = comment_on_goal(session, org.workspace, org.olive, goal.id, "Can we make it Q3?", now=NOW)

    assert [(n.kind, n.recipient, n.comment) for n in commented.notices] == [
        (NoticeKind.COMMENT_ADDED, org.boss, "Can we make it Q3?")
    ]
    comment = session.scalars(select(GoalComment).where(GoalComment.goal_id == goal.id)).one()
    assert (comment.kind, comment.author_id, comment.body) == (
        CommentKind.COMMENT,
        org.olive.id,
        "Can we make it Q3?",
    )
    reply = comment_on_goal(session, org.workspace, org.boss, goal.id, "Yes", now=NOW)
    assert [n.recipient for n in reply.notices] == [org.olive]


def test_people_outside_the_goals_circle_cannot_comment(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive)
    with pytest.raises(PermissionDenied):
        comment_on_goal(session, org.workspace, org.peer, goal.id, "Hi", now=NOW)


@pytest.mark.parametrize("who", ["other", "peer", "tina", "hr"])
def test_only_a_direct_manager_sets_goals_for_someone_else(session: Session, org: Org, who: str) -> None:
    with pytest.raises(PermissionDenied) as caught:
        create_goal(session, org.workspace, getattr(org, who), goal_input(owner_id=org.olive.id), now=NOW)
    assert caught.value.problems[0].field == "owner"


def test_company_goals_are_set_by_hr(session: Session, org: Org) -> None:
    outcome = create_goal(session, org.workspace, org.hr, goal_input(level="company"), now=NOW)
    assert (
        outcome.goal.status is GoalStatus.ACTIVE and outcome.goal.owner_id is None and outcome.notices == []
    )
    with pytest.raises(PermissionDenied) as caught:
        create_goal(session, org.workspace, org.boss, goal_input(level="company"), now=NOW)
    assert caught.value.problems[0].field == "level"


def test_team_goals_are_set_by_the_departments_managers_and_hr(session: Session, org: Org) -> None:
    own = create_goal(session, org.workspace, org.tina, goal_input(level="team"), now=NOW).goal
    assert (own.status, own.department, own.owner_id) == (GoalStatus.ACTIVE, "Sales", org.tina.id)
    by_hr = create_goal(
        session, org.workspace, org.hr, goal_input(level="team", department="Support"), now=NOW
    )
    assert by_hr.goal.department == "Support"
    for who in (org.other, org.olive):
        with pytest.raises(PermissionDenied) as caught:
            create_goal(session, org.workspace, who, goal_input(level="team", department="Sales"), now=NOW)
        assert caught.value.problems[0].field == "department"


def test_owners_edit_their_goal_until_it_is_agreed_and_nobody_edits_someone_elses(
    session: Session, org: Org
) -> None:
    draft = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW, propose=False).goal
    update_goal(session, org.workspace, org.olive, draft.id, goal_input(title="Grow sales"), now=NOW)
    assert draft.title == "Grow sales"

    active = make_goal(session, org.workspace, owner=org.olive)
    with pytest.raises(PermissionDenied):
        update_goal(session, org.workspace, org.olive, active.id, goal_input(title="Easier"), now=NOW)
    for stranger in (org.peer, org.other, org.tina):
        with pytest.raises((PermissionDenied, NotFound)):
            update_goal(session, org.workspace, stranger, draft.id, goal_input(title="Mine now"), now=NOW)
    assert (draft.title, active.title) == ("Grow sales", "Grow revenue")


def test_the_manager_may_change_an_agreed_goal_and_the_owner_is_told(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive)
    outcome = update_goal(session, org.workspace, org.boss, goal.id, goal_input(target="120"), now=NOW)
    assert goal.target == 120
    assert [(n.kind, n.recipient) for n in outcome.notices] == [(NoticeKind.GOAL_CHANGED, org.olive)]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "goal.update")).one()
    assert entry.before is not None and entry.after is not None
    assert (entry.before["target"], entry.after["target"]) == (100.0, 120.0)


def test_level_and_owner_stay_as_created(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive)
    with pytest.raises(DomainError) as caught:
        update_goal(
            session, org.workspace, org.boss, goal.id, goal_input(level="team", owner_id=org.tina.id), now=NOW
        )
    assert {p.field for p in caught.value.problems} == {"level", "owner"}


def test_weights_that_do_not_add_up_to_100_warn_without_refusing(session: Session, org: Org) -> None:
    make_goal(session, org.workspace, owner=org.olive, weight=60)
    second = create_goal(
        session, org.workspace, org.boss, goal_input(owner_id=org.olive.id, weight="30"), now=NOW
    )
    assert second.goal.id is not None
    assert [(w.field, w.params["total"]) for w in second.warnings] == [("weight", "90")]

    third = create_goal(
        session, org.workspace, org.boss, goal_input(owner_id=org.olive.id, weight="10"), now=NOW
    )
    assert third.warnings == []


def test_cancelling(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, weight=40)
    make_goal(session, org.workspace, owner=org.olive, weight=60)
    with pytest.raises(PermissionDenied):
        cancel_goal(session, org.workspace, org.olive, goal.id, now=NOW)

    outcome = cancel_goal(session, org.workspace, org.boss, goal.id, now=NOW, reason="Strategy changed")

    assert goal.status is GoalStatus.CANCELLED and goal.closed_at == NOW
    assert [(n.kind, n.recipient, n.comment) for n in outcome.notices] == [
        (NoticeKind.GOAL_CANCELLED, org.olive, "Strategy changed")
    ]
    assert [w.params["total"] for w in outcome.warnings] == ["60"]
    assert cancel_goal(session, org.workspace, org.boss, goal.id, now=NOW).notices == []
    done = make_goal(session, org.workspace, owner=org.olive, status=GoalStatus.COMPLETED)
    with pytest.raises(DomainError):
        cancel_goal(session, org.workspace, org.boss, done.id, now=NOW)
