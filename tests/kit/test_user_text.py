"""User text is shown, never obeyed: `show_user_text`, and a table of hostile inputs run through every
message and view builder that shows what a person wrote, checking the Block Kit they build."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.sandbox.slack.blockkit import check_message, check_view
from handlers.goals.checkin_views import details_modal
from handlers.goals.format import goal_summary
from handlers.goals.notice_views import comment_modal, notice_message
from handlers.goals.reminder_views import approval_reminder, checkin_prompt, due_reminder
from handlers.home.views import home_view
from handlers.kit.text import escape_mrkdwn, quote_user_text, show_user_text
from handlers.praise.views import PraiseModalState, praise_dm, praise_modal, praise_post
from handlers.reminders.views import praise_nudge, welcome
from models.goals import GoalCheckin, GoalComment, GoalHealth, NoticeKind
from models.goals.checkins import GoalHistory
from models.goals.entities import CommentKind, Goal, GoalKind, GoalLevel, GoalStatus, GoalVisibility
from models.goals.service import GoalNotice
from models.i18n import Translator
from models.people import Person, Role
from models.praise import Praise, PraiseRecipient
from models.praise.service import MAX_QUOTE

EN, ZH = Translator("en"), Translator("zh_CN")
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

# What a person typed into a modal (Slack passes it on as typed).
TYPED = {
    "mass mentions": "great work <!channel> <!here|here> <!everyone> @channel",
    "user group": "thanks <!subteam^S0123ABC|@engineering> and <!subteam^S999>",
    "markup": "<script>alert(1)</script> <https://evil.example|click me> <#C123|general>",
    "entities": "R&D &amp; ops &lt;3 a < b > c",
    "zero width": "tha\u200bnks\u2060 to \ufeffthe\u200b team",
    "right to left": "thanks \u202eevil txet\u202c and \u2067isolated\u2069 \u200fmark",
    "controls": "line one\x00\x07\r\nline two\x1b[31m red\x7f\x85",
    "900 emoji": "\U0001f389" * 450 + "\U0001f469\u200d\U0001f4bb" * 150 + "&" * 300,
    "user mention": "thanks <@U2> for this",
}
# The same as Slack writes it into a slash command's text or a message (escaped, mentions as markup).
COMMAND = {
    "mass mentions": "great work <!channel> <!here|here> <!everyone> <!group>",
    "user group": "thanks <!subteam^S0123ABC|@engineering> and <!subteam^S999>",
    "markup": "&lt;script&gt;alert(1)&lt;/script&gt; <#C123|general>",
    "entities": "R&amp;D &amp;amp; ops",
    "zero width": "tha\u200bnks\u2060 to \ufeffthe\u200b team",
    "right to left": "thanks \u202eevil txet\u202c",
    "controls": "line one\x00\x07\r\nline two\x1b",
    "900 emoji": ":tada:" * 900,
    "user mention": "thanks <@U2|alice> for this",
}

ALLOWED_MARKUP = re.compile(
    r"<(?:@[UW][A-Z0-9]+(?:\|[^<>]*)?|#C[A-Z0-9]+(?:\|[^<>]*)?|https://[^<>|]+(?:\|[^<>]*)?)>"
)
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")


def person(user_id: str, name: str, **fields: Any) -> Person:
    return Person(id=int(user_id[1:]), workspace_id=1, slack_user_id=user_id, name=name, tz="UTC", **fields)


def make_praise(message: str, quote: str | None) -> Praise:
    praise = Praise(id=1, workspace_id=1, message=message, values=["ownership"], quote=quote, created_at=NOW)
    praise.giver = person("U1", "Gia")
    praise.recipient_links = [PraiseRecipient(person=person("U2", "Alice"), position=0)]
    return praise


def make_goal(title: str, description: str) -> Goal:
    return Goal(
        id=7,
        workspace_id=1,
        title=title,
        description=description,
        level=GoalLevel.INDIVIDUAL,
        owner_id=2,
        department=title,
        kind=GoalKind.METRIC,
        unit="units",
        baseline=0.0,
        target=100.0,
        current=40.0,
        progress=0.4,
        weight=100.0,
        start_date=date(2026, 1, 1),
        due_date=date(2026, 12, 31),
        status=GoalStatus.ACTIVE,
        visibility=GoalVisibility.PUBLIC,
    )


def history(goal: Goal, text: str) -> GoalHistory:
    checkin = GoalCheckin(
        goal_id=goal.id,
        value_before=30.0,
        value=40.0,
        progress_before=0.3,
        progress_after=0.4,
        health=GoalHealth.AT_RISK,
        note=text,
        blockers=text,
        created_at=NOW,
    )
    comment = GoalComment(goal_id=goal.id, kind=CommentKind.COMMENT, body=text, created_at=NOW)
    owner = person("U2", "Alice", role=Role.EMPLOYEE)
    return GoalHistory(goal=goal, owner=owner, checkins=[(checkin, owner)], comments=[(comment, owner)])


def as_message(built: Any) -> dict[str, Any]:
    text, blocks = built.text, built.blocks
    return {"text": text, "blocks": [b.to_dict() if isinstance(b, Block) else b for b in blocks]}


# name -> (build from typed modal text, build from command-form text or None, "message" | "view")
Builder = Callable[[str, Translator], Any]
BUILDERS: dict[str, tuple[Builder, str]] = {
    "praise post (modal)": (lambda s, t: praise_post(t, make_praise(escape_mrkdwn(s), None)), "message"),
    "praise DM (modal)": (lambda s, t: praise_dm(t, make_praise(escape_mrkdwn(s), None), None), "message"),
    "home praise": (
        lambda s, t: home_view(t, person("U2", "Alice"), [make_praise(escape_mrkdwn(s), None)], []),
        "view",
    ),
    "praise nudge": (
        lambda s, t: praise_nudge(
            t, message_id=1, report_name=s, report_user_id="U2", days=21, signal=f"Alice completed '{s}'"
        ),
        "message",
    ),
    "welcome": (lambda s, t: welcome(t, name=s), "message"),
    "goal summary": (
        lambda s, t: {
            "blocks": [
                {
                    "type": "section",
                    "text": {
                        "type": "mrkdwn",
                        "text": goal_summary(t, make_goal(s, s), person("U2", "Alice"), TODAY),
                    },
                }
            ],
            "text": "goal",
        },
        "message",
    ),
    "goal details (check-in notes, blockers, comments)": (
        lambda s, t: details_modal(
            t,
            history(make_goal(s, s), s),
            TODAY,
            "UTC",
            may_check_in=True,
            may_comment=True,
            may_revise=False,
        ),
        "view",
    ),
    "goal notice (comment, blockers)": (
        lambda s, t: notice_message(
            t,
            GoalNotice(
                NoticeKind.COMMENT_ADDED, person("U2", "Alice"), make_goal(s, s), person("U1", "Gia"), s
            ),
            owner=person("U2", "Alice"),
            today=TODAY,
            blockers=s,
        ),
        "message",
    ),
    "goal troubled notice": (
        lambda s, t: notice_message(
            t,
            GoalNotice(
                NoticeKind.GOAL_TROUBLED, person("U1", "Gia"), make_goal(s, s), person("U2", "Alice"), s
            ),
            owner=person("U2", "Alice"),
            today=TODAY,
            blockers=s,
        ),
        "message",
    ),
    "comment modal": (
        lambda s, t: comment_modal(t, make_goal(s, s), person("U2", "Alice"), TODAY, _reply_state()),
        "view",
    ),
    "due reminder": (
        lambda s, t: due_reminder(t, message_id=1, goal=make_goal(s, s), days_left=1, due="Dec 31"),
        "message",
    ),
    "check-in prompt": (
        lambda s, t: checkin_prompt(t, message_id=1, goal=make_goal(s, s), days=14, last_checkin=None),
        "message",
    ),
    "approval reminder": (
        lambda s, t: approval_reminder(
            t,
            message_id=1,
            goal=make_goal(s, s),
            owner=person("U2", "Alice"),
            waited_days=4,
            proposed="Nov 19",
            today=TODAY,
        ),
        "message",
    ),
}
COMMAND_BUILDERS: dict[str, Builder] = {
    "praise post (command)": lambda s, t: praise_post(t, make_praise(s, s)),
    "praise DM (command)": lambda s, t: praise_dm(
        t, make_praise(s, s), "https://fake.slack.com/archives/C1/p1"
    ),
    # The message shortcut keeps the first MAX_QUOTE characters of the message.
    "praise modal quote": lambda s, t: praise_modal(
        t, values=["ownership"], state=PraiseModalState(quote=s[:MAX_QUOTE])
    ),
}


def _reply_state() -> Any:
    from handlers.goals.notice_views import ReplyState

    return ReplyState(goal_id=7)


def built_json(built: Any, kind: str) -> dict[str, Any]:
    if isinstance(built, View):
        problem = check_view(built.to_dict(), expected_types=("modal", "home"))
        assert problem is None, problem
        return built.to_dict()
    message = built if isinstance(built, dict) else as_message(built)
    problem = check_message(message)
    assert problem is None, problem
    return message


def mrkdwn_texts(node: Any) -> list[str]:
    """Every string Slack parses as mrkdwn: a message's `text` and every mrkdwn text object."""
    found: list[str] = []
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
            found.append(node["text"])
        for key, value in node.items():
            if key == "text" and isinstance(value, str) and "type" not in node:
                found.append(value)  # the message's top-level text
            else:
                found.extend(mrkdwn_texts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(mrkdwn_texts(item))
    return found


def assert_safe(texts: list[str], *, keeps_user_mention: bool) -> None:
    joined = "\n".join(texts)
    assert "<!" not in joined, joined[:300]
    leftover = re.sub(r"(?m)^> ", "", ALLOWED_MARKUP.sub("", joined))  # block quotes are perfbot's
    assert "<" not in leftover and ">" not in leftover, leftover[:300]
    assert not INVISIBLE.search(joined.replace("\n", " ").replace("\t", " ")), repr(joined[:300])
    if keeps_user_mention:
        assert "<@U2" in joined


@pytest.mark.parametrize("t", [EN, ZH], ids=["en", "zh"])
@pytest.mark.parametrize("case", list(TYPED))
@pytest.mark.parametrize("builder", list(BUILDERS))
def test_typed_text_through_every_builder(builder: str, case: str, t: Translator) -> None:
    build, kind = BUILDERS[builder]
    built = built_json(build(TYPED[case], t), kind)
    assert_safe(mrkdwn_texts(built), keeps_user_mention=False)


@pytest.mark.parametrize("case", list(COMMAND))
@pytest.mark.parametrize("builder", list(COMMAND_BUILDERS))
def test_command_text_through_every_builder(builder: str, case: str) -> None:
    built = built_json(COMMAND_BUILDERS[builder](COMMAND[case], EN), "message")
    assert_safe(mrkdwn_texts(built), keeps_user_mention=case == "user mention")


@pytest.mark.parametrize(
    ("text", "escaped", "shown"),
    [
        ("hi <!channel> and <!here|here>", True, "hi @channel and @here"),
        ("<!everyone> <!group>", True, "@everyone @group"),
        ("ping <!subteam^S0123|@eng-team> now", True, "ping @eng-team now"),
        ("ping <!subteam^S0123>", True, "ping @subteam"),
        ("thanks <@U2|alice>!", True, "thanks <@U2|alice>!"),
        ("on <!date^1392734382^{date}|Feb 18>", True, "on <!date^1392734382^{date}|Feb 18>"),
        ("a &lt;b&gt; &amp; c", True, "a &lt;b&gt; &amp; c"),
        ("<!channel> & <b>", False, "&lt;!channel&gt; &amp; &lt;b&gt;"),
        ("thanks <@U2> and <@U3|x>", False, "thanks <@U2> and &lt;@U3|x&gt;"),
        ("a\u200bb\u202ec\u2066d\ufeffe", False, "abcde"),
        ("zwj \U0001f469\u200d\U0001f4bb and \u200f", False, "zwj \U0001f469\u200d\U0001f4bb and \u200f"),
        ("one\r\ntwo\rthree\x00\x1b\tfour", False, "one\ntwo\nthree\tfour"),
    ],
)
def test_show_user_text(text: str, escaped: bool, shown: str) -> None:
    assert show_user_text(text, escaped=escaped) == shown


def test_a_cut_never_splits_an_entity_or_a_mention() -> None:
    assert show_user_text("&" * 10, escaped=False, limit=12) == "&amp;&amp;…"
    assert show_user_text("ab <@U123|alice>", escaped=True, limit=10) == "ab …"
    assert quote_user_text("x\n" * 5, escaped=False, limit=9) == "> x\n> x\n…"
    assert json.dumps(show_user_text("short", escaped=False, limit=100)) == '"short"'
