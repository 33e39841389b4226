"""`/perf`: help and granting the HR admin role (settings: test_settings.py)."""

from __future__ import annotations

from sqlalchemy import select

from models.people import Person, Role
from tests.e2e.conftest import Stack


def test_help_lists_every_command(stack: Stack) -> None:
    stack.seed(("U1", "Gia"))
    text = stack.slack.command("/perf", "help", "U1").json()["text"]
    for command in ("/praise", "/perf help", "/perf settings", "/perf admin grant"):
        assert command in text


def test_an_unknown_subcommand_gets_the_usage(stack: Stack) -> None:
    stack.seed(("U1", "Gia"))
    answer = stack.slack.command("/perf", "setings", "U1").json()
    assert answer["response_type"] == "ephemeral"
    assert "/perf setings" in answer["text"] and "/perf settings" in answer["text"]


def role_of(stack: Stack, user_id: str) -> Role:
    with stack.session_factory() as session:
        return session.scalars(select(Person.role).where(Person.slack_user_id == user_id)).one()


def test_hr_admin_grants_the_role(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), ("U2", "Eli"), hr="U1")
    answer = stack.slack.command("/perf", "admin grant <@U2|eli>", "U1").json()
    assert "<@U2> is now an HR admin" in answer["text"]
    assert role_of(stack, "U2") is Role.HR_ADMIN


def test_an_employee_cannot_grant_but_a_slack_admin_can(stack: Stack) -> None:
    stack.seed(("U2", "Eli"), ("U3", "Ola"))
    refused = stack.slack.command("/perf", "admin grant <@U3|ola>", "U2").json()
    assert "Only HR admins and Slack workspace owners or admins" in refused["text"]
    assert role_of(stack, "U3") is Role.EMPLOYEE
    stack.fake.add_user("U2", "Eli", is_admin=True)
    stack.slack.command("/perf", "admin grant <@U3|ola>", "U2")
    assert role_of(stack, "U3") is Role.HR_ADMIN
