"""The sandbox in a real browser: praise, approving a goal, the App Home in Chinese, the clock.

Each scenario saves a screenshot under the test's temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from bot.sandbox.run import Sandbox, start_sandbox
from models.goals import Goal, GoalStatus
from models.praise import Praise
from models.workspace import Workspace
from tests.sandbox.browser import browser, page

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


__all__ = ["browser", "page"]  # fixtures

JUMP = "[data-clock=next]"


def jump_until(page: Page, wanted: Locator, most: int = 40) -> None:
    """Jump the clock to the next delivery until `wanted` shows. How many jumps that takes depends on
    the time of day the suite runs: every DM held back by Slack's per-channel rate limit is a jump."""
    for _ in range(most):
        if wanted.count():
            return
        page.click(JUMP)
        page.wait_for_timeout(300)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    running = start_sandbox(tmp_path / "sandbox.db", 0)
    try:
        yield running
    finally:
        running.stop()
    running.slack.assert_no_rejections()


def open_as(page: Page, sandbox: Sandbox, user_id: str, where: str) -> None:
    page.goto(f"{sandbox.url}?as={user_id}&in={where}")


def test_an_employee_gives_praise_fixing_an_inline_error(
    sandbox: Sandbox, page: Page, tmp_path: Path
) -> None:
    open_as(page, sandbox, "U0BEN", "C0KUDOS")
    page.fill("#composer", "/pra")
    assert "@alice @bob thanks" in page.inner_text("#command-hints")  # the usage hint
    page.fill("#composer", "/praise")
    page.press("#composer", "Enter")
    modal = page.locator(".modal")
    modal.wait_for()
    assert "Give praise" in modal.inner_text()
    page.select_option("[data-action-id=recipients_select]", ["U0BEN"])
    page.fill("[data-action-id=message_input]", "Thanks for the <b>demo</b>, a *great* one")
    page.click(".modal-submit")
    error = page.locator(".sk-input-block[data-block-id=recipients] .sk-error")
    error.wait_for()
    assert "cannot praise yourself" in error.inner_text()
    page.screenshot(path=tmp_path / "praise-inline-error.png")
    # What was typed survives the error; fix the field and send again.
    assert page.input_value("[data-action-id=message_input]") == "Thanks for the <b>demo</b>, a *great* one"
    page.select_option("[data-action-id=recipients_select]", ["U0ANA"])
    page.select_option("[data-action-id=values_select]", ["craft"])
    page.click(".modal-submit")
    modal.wait_for(state="detached")
    post = page.locator(".message", has_text="praised")
    post.wait_for()
    assert "Thanks for the <b>demo</b>, a great one" in post.inner_text()
    assert post.locator("strong", has_text="great").count() == 1  # mrkdwn bold, and <b> shown as text
    assert post.locator("b").count() == 0
    page.locator(".message.ephemeral", has_text="is posted").wait_for()
    assert "Only visible to you" in page.locator(".message.ephemeral").first.inner_text()
    page.screenshot(path=tmp_path / "praise-posted.png")
    with sandbox.session_factory() as session:
        newest = session.scalars(select(Praise).order_by(Praise.id.desc())).first()
        # stored as Slack sends a command's text (escaped), so both ways in read alike
        assert (
            newest is not None and newest.message == "Thanks for the &lt;b&gt;demo&lt;/b&gt;, a *great* one"
        )


def test_a_manager_approves_a_proposed_goal_from_the_dm(sandbox: Sandbox, page: Page, tmp_path: Path) -> None:
    open_as(page, sandbox, "U0OMAR", sandbox.slack.dm_channel_id("U0OMAR"))
    approve = page.locator(".message button", has_text="Approve")
    # Ben's proposal has waited four days: the reminder comes in Omar's working hours.
    jump_until(page, approve)
    assert approve.count() == 1, page.inner_text("#main-content")
    assert "Ship the new onboarding flow" in page.inner_text("#messages")
    approve.click()
    page.locator(".message", has_text="You approved this goal").wait_for()
    page.screenshot(path=tmp_path / "manager-approves.png")
    with sandbox.session_factory() as session:
        goal = session.scalars(select(Goal).where(Goal.title == "Ship the new onboarding flow")).one()
        assert goal.status is GoalStatus.ACTIVE


def test_a_chinese_speaking_employee_sees_the_app_home_in_chinese(
    sandbox: Sandbox, page: Page, tmp_path: Path
) -> None:
    open_as(page, sandbox, "U0CHEN", "home")
    page.locator("#home .sk-header", has_text="你的目标").wait_for()
    home = page.inner_text("#home")
    assert "欢迎使用 perfbot" in home and "Move the nightly reports to the new warehouse" in home
    assert page.inner_text("#tab-home") == "主页" and page.inner_text("#tab-messages") == "消息"
    page.screenshot(path=tmp_path / "app-home-zh.png")


def test_advancing_the_clock_a_day_brings_a_reminder(sandbox: Sandbox, page: Page, tmp_path: Path) -> None:
    open_as(page, sandbox, "U0ANA", sandbox.slack.dm_channel_id("U0ANA"))
    reminder = page.locator(".message", has_text="Time for a check-in")
    assert reminder.count() == 0
    before = page.inner_text("#clock-now")
    page.click("[data-clock=day]")
    expect(page.locator("#clock-now")).not_to_have_text(before)
    # Her weekly check-in falls due; it is delivered in her working hours.
    jump_until(page, reminder)
    assert reminder.count() == 1, page.inner_text("#main-content")
    assert "Cache the product catalogue API" in reminder.inner_text()
    assert reminder.locator("button", has_text="Check in").count() == 1
    page.screenshot(path=tmp_path / "clock-reminder.png")


def test_an_employee_proposes_a_goal_aligned_through_a_search(
    sandbox: Sandbox, page: Page, tmp_path: Path
) -> None:
    open_as(page, sandbox, "U0DEV", sandbox.slack.dm_channel_id("U0DEV"))
    page.fill("#composer", "/goal")
    page.press("#composer", "Enter")
    page.locator(".modal").wait_for()
    page.fill("[data-block-id=title] input", "Halve the on-call pages")
    page.fill(".sk-external[data-block-id=parent] .sk-external-query", "p95")  # block_suggestion
    parent = page.locator(".sk-external[data-block-id=parent] select option", has_text="Cut p95 page load")
    parent.wait_for(state="attached")
    page.select_option(".sk-external[data-block-id=parent] select", label=parent.inner_text())
    page.fill("[data-block-id=unit] input", "pages a week")
    page.fill("[data-block-id=baseline] input", "12")
    page.fill("[data-block-id=target] input", "6")
    page.fill("[data-block-id=due_date] input[type=date]", "2027-03-31")
    page.screenshot(path=tmp_path / "goal-form.png")
    page.click(".modal-submit")
    page.locator(".modal").wait_for(state="detached")
    with sandbox.session_factory() as session:
        goal = session.scalars(select(Goal).where(Goal.title == "Halve the on-call pages")).one()
        parent_goal = session.get(Goal, goal.parent_id)
        assert goal.status is GoalStatus.PROPOSED and goal.due_date.isoformat() == "2027-03-31"
        assert parent_goal is not None and parent_goal.title == "Cut p95 page load to 800 ms"
    # Omar is asked to approve it in his DM at once.
    open_as(page, sandbox, "U0OMAR", sandbox.slack.dm_channel_id("U0OMAR"))
    page.locator(".message", has_text="Halve the on-call pages").wait_for()


def test_someone_joining_the_workspace_is_welcomed(sandbox: Sandbox, page: Page, tmp_path: Path) -> None:
    open_as(page, sandbox, "U0GRACE", "C0GENERAL")
    page.click("#join-button")
    page.locator("#as-picker option[value=U0IRIS]").wait_for(state="attached")
    page.goto(f"{sandbox.url}?as=U0IRIS&in={sandbox.slack.dm_channel_id('U0IRIS')}")
    welcome = page.locator(".message", has_text="Welcome, Iris Novak")
    jump_until(page, welcome)  # the welcome waits for her working hours
    assert welcome.count() == 1, page.inner_text("#main-content")
    page.screenshot(path=tmp_path / "team-join-welcome.png")


def test_an_edit_pushed_over_the_goal_updates_the_modal_beneath(
    sandbox: Sandbox, page: Page, tmp_path: Path
) -> None:
    open_as(page, sandbox, "U0OMAR", "home")
    page.locator("#home button[data-action-id=goal_view]").first.click()  # his team's goal
    modal = page.locator(".modal")
    modal.locator("button", has_text="Edit").wait_for()
    assert "Cut p95 page load to 800 ms" in modal.inner_text()
    modal.locator("button", has_text="Edit").click()  # views.push
    modal.locator(".sk-input-block[data-block-id=title]").wait_for()
    assert len(sandbox.slack.modal_stack("U0OMAR")) == 2
    page.fill("[data-block-id=title] input", "Renamed from the sandbox")
    page.screenshot(path=tmp_path / "edit-pushed.png")
    page.click(".modal-submit")
    # The pushed form closes and the goal's modal beneath shows the new title (views.update).
    modal.locator(".sk-section", has_text="Renamed from the sandbox").wait_for()
    assert len(sandbox.slack.modal_stack("U0OMAR")) == 1
    assert "Cut p95 page load" not in modal.inner_text()
    page.screenshot(path=tmp_path / "goal-updated.png")


def test_shortcuts_open_the_praise_form_from_the_menu_and_from_a_message(
    sandbox: Sandbox, page: Page, tmp_path: Path
) -> None:
    open_as(page, sandbox, "U0GITA", "C0SALES")
    page.fill("#composer", "Closed the Acme renewal, thanks to Hugo's prep")
    page.press("#composer", "Enter")
    mine = page.locator(".message", has_text="Closed the Acme renewal")
    mine.wait_for()
    open_as(page, sandbox, "U0SOFIA", "C0SALES")
    page.select_option(".message:has-text('Closed the Acme renewal') .msg-shortcuts", "praise_message")
    modal = page.locator(".modal")
    modal.wait_for()
    assert "Closed the Acme renewal" in modal.inner_text()  # the message shortcut quotes it
    page.screenshot(path=tmp_path / "message-shortcut.png")
    modal.locator("[data-modal-close]").first.click()
    modal.wait_for(state="detached")
    page.click("#shortcuts-button")
    page.locator("#shortcuts-menu li", has_text="Give praise").click()
    modal.wait_for()
    assert "Give praise" in modal.inner_text()


def test_hr_changes_settings_with_a_channel_select_time_pickers_and_numbers(
    sandbox: Sandbox, page: Page, tmp_path: Path
) -> None:
    open_as(page, sandbox, "U0GRACE", "C0GENERAL")
    page.fill("#composer", "/perf settings")
    page.press("#composer", "Enter")
    modal = page.locator(".modal")
    modal.wait_for()
    assert page.input_value(".sk-input-block[data-block-id=channel] select") == "C0KUDOS"
    page.select_option(".sk-input-block[data-block-id=channel] select", "C0GENERAL")
    page.fill("[data-block-id=work_day_start] input[type=time]", "08:30")
    page.fill("[data-block-id=nudge_after_days] input[type=number]", "0")
    page.click(".modal-submit")
    error = modal.locator(".sk-input-block[data-block-id=nudge_after_days] .sk-error")
    error.wait_for()
    page.screenshot(path=tmp_path / "settings-error.png")
    page.fill("[data-block-id=nudge_after_days] input[type=number]", "5")
    page.click(".modal-submit")
    modal.wait_for(state="detached")
    with sandbox.session_factory() as session:
        workspace = session.scalars(select(Workspace)).one()
        assert workspace.recognition_channel_id == "C0GENERAL"
        assert workspace.work_day_start is not None and workspace.work_day_start.isoformat() == "08:30:00"
        assert workspace.nudge_after_days == 5
