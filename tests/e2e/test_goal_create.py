"""`/goal`: the create modal, the parent search, and bad input refused on its field with nothing stored."""

from __future__ import annotations

from datetime import timedelta

from handlers.goals import GoalAction, GoalBlock
from models.goals import GoalLevel, GoalStatus, GoalVisibility
from tests.e2e.conftest import Stack
from tests.e2e.test_goal_support import (
    BOSS,
    HR,
    OLIVE,
    OTTO,
    PIA,
    TODAY,
    add_goal,
    block,
    block_ids,
    buttons,
    dms_to,
    goal,
    goal_count,
    goal_form,
    goals_titled,
    opened,
    seed_org,
)


def test_an_employee_proposes_a_goal_aligned_to_a_team_goal_and_the_manager_is_asked(stack: Stack) -> None:
    seed_org(stack)
    company = add_goal(stack, title="Grow revenue 20 %")
    team = add_goal(stack, BOSS, title="Sales: grow repeat revenue", level=GoalLevel.TEAM, parent=company)
    assert stack.slack.command("/goal", "", OLIVE, channel_id="C_SALES").status == 200
    view = opened(stack)
    assert GoalBlock.LEVEL not in block_ids(view), "an employee sets individual goals only"
    assert GoalBlock.OWNER not in block_ids(view), "an employee sets goals only for themself"
    assert block(view, GoalBlock.PARENT)["element"]["type"] == "external_select"

    options = stack.slack.block_suggestion(GoalAction.PARENT, OLIVE, "REVENUE", view).json()["options"]
    assert [o["value"] for o in options] == [str(company), str(team)], "company goals first"
    assert options[0]["text"]["text"] == "Company · Grow revenue 20 %"

    state = goal_form(view, title="Win back 40 lapsed customers", parent=str(team), weight="100")
    answer = stack.slack.view_submission(view, state, OLIVE)
    assert answer.status == 200 and answer.body == ""
    [saved] = goals_titled(stack, "Win back 40 lapsed customers")
    assert (saved.status, saved.parent_id, saved.level) == (GoalStatus.PROPOSED, team, GoalLevel.INDIVIDUAL)
    assert (saved.baseline, saved.target, saved.unit) == (100.0, 130.0, "k€")

    [dm] = stack.fake.wait_for("chat.postMessage")
    assert dm.args["channel"] == BOSS and "<@UOLIVE> proposes a goal" in dm.args["text"]
    assert buttons(dm.args["blocks"]) == {
        GoalAction.APPROVE: str(saved.id),
        GoalAction.REQUEST_CHANGES: str(saved.id),
        GoalAction.VIEW: str(saved.id),
    }
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert (told.args["channel"], told.args["user"]) == ("C_SALES", OLIVE)
    assert "proposed to <@UBOSS>" in told.args["text"]


def test_the_parent_search_offers_only_visible_goals_at_a_valid_level_within_slacks_limits(
    stack: Stack,
) -> None:
    seed_org(stack)
    long_title = "Revenue a" + "x" * 150
    company = add_goal(stack, title=long_title)
    add_goal(
        stack,
        OTTO,
        title="Revenue from support upsell",
        level=GoalLevel.TEAM,
        visibility=GoalVisibility.PRIVATE,
    )
    add_goal(stack, PIA, title="Revenue of my own", level=GoalLevel.INDIVIDUAL)
    add_goal(stack, BOSS, title="Revenue draft", level=GoalLevel.TEAM, status=GoalStatus.CANCELLED)
    for index in range(120):
        add_goal(stack, title=f"Revenue target {index:03}")
    stack.slack.command("/goal", "", OLIVE)
    view = opened(stack)
    options = stack.slack.block_suggestion(GoalAction.PARENT, OLIVE, "revenue", view).json()["options"]
    assert len(options) == 100
    assert all(len(o["text"]["text"]) <= 75 for o in options)
    assert options[0]["value"] == str(company) and options[0]["text"]["text"].endswith("…")
    titles = " ".join(o["text"]["text"] for o in options)
    assert "support upsell" not in titles and "my own" not in titles and "draft" not in titles


def test_a_team_goal_is_offered_company_parents_only(stack: Stack) -> None:
    seed_org(stack)
    company = add_goal(stack, title="Grow revenue")
    add_goal(stack, BOSS, title="Grow Sales revenue", level=GoalLevel.TEAM, parent=company)
    stack.slack.command("/goal", "", BOSS)
    view = opened(stack)
    levels = [o["value"] for o in block(view, GoalBlock.LEVEL)["element"]["options"]]
    assert levels == ["individual", "team"], "a manager may set team goals, not company goals"
    team_state = {GoalBlock.LEVEL: {GoalAction.LEVEL: "team"}}
    answer = stack.slack.block_suggestion(GoalAction.PARENT, BOSS, "grow", view, team_state).json()
    assert [o["value"] for o in answer["options"]] == [str(company)]


def test_hr_is_offered_company_goals(stack: Stack) -> None:
    seed_org(stack)
    stack.slack.command("/goal", "", HR)
    view = opened(stack)
    levels = [o["value"] for o in block(view, GoalBlock.LEVEL)["element"]["options"]]
    assert levels == ["individual", "team", "company"]
    state = goal_form(view, title="Be the customers' first choice", level="company")
    assert stack.slack.view_submission(view, state, HR).body == ""
    [saved] = goals_titled(stack, "Be the customers' first choice")
    assert (saved.level, saved.status, saved.owner_id) == (GoalLevel.COMPANY, GoalStatus.ACTIVE, None)


def test_bad_numbers_and_dates_land_on_their_fields_and_nothing_is_stored(stack: Stack) -> None:
    seed_org(stack)
    stack.slack.command("/goal", "", OLIVE)
    view = opened(stack)
    before = goal_count(stack)
    state = goal_form(
        view,
        baseline="lots",
        target="inf",
        weight="0",
        start_date=TODAY.isoformat(),
        due_date=(TODAY - timedelta(days=1)).isoformat(),
    )
    answer = stack.slack.view_submission(view, state, OLIVE).json()
    assert answer["response_action"] == "errors"
    errors = answer["errors"]
    assert set(errors) == {GoalBlock.BASELINE, GoalBlock.TARGET, GoalBlock.WEIGHT, GoalBlock.DUE_DATE}
    assert "Enter a number" in errors[GoalBlock.BASELINE]
    assert "Enter an ordinary number" in errors[GoalBlock.TARGET]
    assert "before the start date" in errors[GoalBlock.DUE_DATE]

    same = stack.slack.view_submission(view, goal_form(view, baseline="50", target="50"), OLIVE).json()
    assert (
        list(same["errors"]) == [GoalBlock.TARGET] and "differ from the baseline" in same["errors"]["target"]
    )
    assert goal_count(stack) == before
    assert stack.fake.calls("chat.postMessage") == [] and stack.fake.calls("chat.postEphemeral") == []


def test_an_invisible_or_wrong_level_parent_is_refused_on_the_parent_field(stack: Stack) -> None:
    seed_org(stack)
    private = add_goal(
        stack, OTTO, title="Support secrets", level=GoalLevel.TEAM, visibility=GoalVisibility.PRIVATE
    )
    peer_goal = add_goal(stack, PIA, title="Pia's own goal")
    stack.slack.command("/goal", "", OLIVE)
    view = opened(stack)
    before = goal_count(stack)
    hidden = stack.slack.view_submission(view, goal_form(view, parent=str(private)), OLIVE).json()
    assert list(hidden["errors"]) == [GoalBlock.PARENT] and "can see" in hidden["errors"]["parent"]
    wrong = stack.slack.view_submission(view, goal_form(view, parent=str(peer_goal)), OLIVE).json()
    assert list(wrong["errors"]) == [GoalBlock.PARENT]
    assert "team or company goal" in wrong["errors"]["parent"]
    assert goal_count(stack) == before


def test_an_alignment_loop_is_refused_on_the_parent_field(stack: Stack) -> None:
    seed_org(stack)
    team = add_goal(stack, BOSS, title="Sales team goal", level=GoalLevel.TEAM)
    child = add_goal(stack, OLIVE, title="Olive under the team goal", parent=team)
    stack.slack.block_action(GoalAction.REVISE, HR, value=str(team))
    view = opened(stack)
    assert block(view, GoalBlock.TITLE)["element"]["initial_value"] == "Sales team goal"
    answer = stack.slack.view_submission(view, goal_form(view, parent=str(child)), HR).json()
    assert list(answer["errors"]) == [GoalBlock.PARENT] and "loop" in answer["errors"]["parent"]
    assert goal(stack, team).parent_id is None


def test_a_weights_warning_is_shown_after_saving_not_refused(stack: Stack) -> None:
    seed_org(stack)
    add_goal(stack, OLIVE, title="Existing goal", weight=60.0)
    stack.slack.command("/goal", "", OLIVE, channel_id="C_SALES")
    view = opened(stack)
    answer = stack.slack.view_submission(view, goal_form(view, title="Second goal", weight="30"), OLIVE)
    assert answer.body == ""
    assert len(goals_titled(stack, "Second goal")) == 1
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert "add up to 90, not 100" in told.args["text"]


def test_a_milestone_needs_no_numbers(stack: Stack) -> None:
    seed_org(stack)
    stack.slack.command("/goal", "", OLIVE)
    view = opened(stack)
    state = goal_form(
        view, title="Ship the new onboarding", kind="milestone", baseline="", target="", unit=""
    )
    assert stack.slack.view_submission(view, state, OLIVE).body == ""
    [saved] = goals_titled(stack, "Ship the new onboarding")
    assert (saved.kind.value, saved.baseline, saved.target) == ("milestone", None, None)


def test_a_manager_sets_a_goal_for_a_report_who_is_told_and_can_comment(stack: Stack) -> None:
    seed_org(stack)
    stack.slack.command("/goal", "", BOSS)
    view = opened(stack)
    assert block(view, GoalBlock.OWNER)["element"]["initial_user"] == BOSS
    answer = stack.slack.view_submission(view, goal_form(view, title="Close 10 renewals", owner=OLIVE), BOSS)
    assert answer.body == ""
    [saved] = goals_titled(stack, "Close 10 renewals")
    assert saved.status is GoalStatus.ACTIVE
    [dm] = stack.fake.wait_for("chat.postMessage")
    assert dm.args["channel"] == OLIVE and "<@UBOSS> set a goal for you" in dm.args["text"]
    assert buttons(dm.args["blocks"])[GoalAction.COMMENT] == str(saved.id)

    stack.slack.block_action(
        GoalAction.COMMENT, OLIVE, value=str(saved.id), message=dm.args, channel_id="D_OLIVE"
    )
    comment_view = opened(stack, 2)
    state = {GoalBlock.COMMENT: {GoalAction.COMMENT_TEXT: "Can we make it 8? Two accounts moved to Pia."}}
    assert stack.slack.view_submission(comment_view, state, OLIVE).body == ""
    [reply] = stack.fake.wait_for("chat.postMessage", count=2)[1:]
    assert reply.args["channel"] == BOSS and "Can we make it 8?" in str(reply.args["blocks"])
    assert dms_to(stack, OLIVE) == [dm]


def test_a_manager_cannot_set_a_goal_for_someone_elses_report(stack: Stack) -> None:
    seed_org(stack)
    stack.slack.command("/goal", "", OTTO)
    view = opened(stack)
    answer = stack.slack.view_submission(view, goal_form(view, title="Not yours", owner=OLIVE), OTTO).json()
    assert list(answer["errors"]) == [GoalBlock.OWNER]
    assert goals_titled(stack, "Not yours") == []
