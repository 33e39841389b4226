"""`/perf`: help, settings and granting the HR admin role."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers.ids import Action, Block
from models.audit import AuditEntry
from models.people import Person, Role
from models.workspace import Workspace
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


def settings_state(values: str, channel: str | None, locale: str) -> dict[str, Any]:
    return {
        Block.VALUES: {Action.SETTINGS_VALUES: {"type": "plain_text_input", "value": values}},
        Block.CHANNEL: {Action.SETTINGS_CHANNEL: {"type": "conversations_select", "selected_conversation": channel}},
        Block.LOCALE: {
            Action.SETTINGS_LOCALE: {
                "type": "static_select",
                "selected_option": {"text": {"type": "plain_text", "text": locale}, "value": locale},
            }
        },
    }


def test_hr_changes_values_channel_and_language_in_the_settings_modal(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), hr="U1")
    stack.slack.command("/perf", "settings", "U1")
    [opened] = stack.fake.wait_for("views.open")
    view = opened.args["view"]
    answer = stack.slack.view_submission(view, settings_state("#Craft, kindness  speed", "C_KUDOS", "zh_CN"), "U1")
    assert answer.status == 200 and answer.body == ""
    with stack.session_factory() as session:
        workspace = session.scalars(select(Workspace)).one()
        assert workspace.company_values == ["Craft", "kindness", "speed"]
        assert (workspace.recognition_channel_id, workspace.default_locale) == ("C_KUDOS", "zh_CN")
        assert session.scalars(select(AuditEntry.action)).all() == ["workspace.settings"]


def test_bad_settings_are_refused_on_the_field(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), hr="U1")
    stack.slack.command("/perf", "settings", "U1")
    [opened] = stack.fake.wait_for("views.open")
    answer = stack.slack.view_submission(opened.args["view"], settings_state(" , ", None, "en"), "U1").json()
    assert answer["response_action"] == "errors"
    assert "at least one company value" in answer["errors"][Block.VALUES]


def test_an_employee_sees_their_preferences_and_cannot_change_workspace_settings(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), ("U2", "Eli"), hr="U1")
    stack.slack.command("/perf", "settings", "U2")
    [opened] = stack.fake.wait_for("views.open")
    assert "Your preferences" in str(opened.args["view"])
    # Even a forged submission of the HR modal is refused by the domain's permission check.
    stack.slack.command("/perf", "settings", "U1")
    hr_view = stack.fake.wait_for("views.open", count=2)[1].args["view"]
    answer = stack.slack.view_submission(hr_view, settings_state("x", None, "en"), "U2").json()
    assert answer["response_action"] == "errors"
    assert "Only HR admins" in str(answer["errors"])


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
