"""The App Home tab: pure functions from the person's data to a Block Kit view."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.feedback import HomeActions, actions_home_blocks
from handlers.goals import HomeGoals, goal_home_blocks
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.text import show_user_text
from handlers.kit.timefmt import local_date
from handlers.praise import Action
from handlers.reviews import (
    ReviewHome,
    calibration_home_blocks,
    manager_due_blocks,
    result_home_blocks,
    review_home_blocks,
)
from models.i18n import Translator
from models.people import Person
from models.praise import Praise

MAX_HOME_BLOCKS = 100


def _praise_line(t: Translator, praise: Praise, reader: Person, *, received: bool) -> str:
    when = local_date(t, praise.created_at, reader.tz)
    values = words.tags(t, praise.values, code=True)
    if received:
        head = t("From {giver} on {date}", giver=praise.giver.mention, date=when)
    else:
        names = words.listed(t, (person.mention for person in praise.recipients))
        head = t("To {recipients} on {date}", recipients=names, date=when)
    if values:
        head = f"{head} · {values}"
    return truncate(f"{head}\n{show_user_text(praise.message, escaped=True, limit=500)}", 3000)


def _praise_section(
    t: Translator, title: str, empty: str, items: Sequence[Praise], reader: Person, *, received: bool
) -> list[Block]:
    blocks: list[Block] = [HeaderBlock(text=truncate(title, 150))]
    if not items:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=empty)]))
    for praise in items:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=_praise_line(t, praise, reader, received=received)))
        )
    return blocks


def home_view(
    t: Translator,
    person: Person,
    received: Sequence[Praise],
    given: Sequence[Praise],
    goals: HomeGoals | None = None,
    reviews: ReviewHome | None = None,
    actions: HomeActions | None = None,
    appeals: Sequence[Block] = (),
) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=truncate(t("Welcome to perfbot"), 150)),
        SectionBlock(
            text=MarkdownTextObject(
                text=t(
                    "perfbot runs your performance cycle here in Slack: recognise good work as it happens, "
                    "and keep goals and check-ins in one place. Type `/perf help` for every command."
                )
            )
        ),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t("Give praise"), action_id=Action.OPEN_PRAISE_MODAL, value="home", style="primary"
                )
            ]
        ),
        DividerBlock(),
    ]
    if reviews is not None and reviews.results:
        blocks += [*result_home_blocks(t, reviews.results), DividerBlock()]
    if reviews is not None and reviews.cycles:
        blocks += [*review_home_blocks(t, reviews.cycles, reviews.completion), DividerBlock()]
    if reviews is not None and (reviews.to_review or reviews.calibration):
        extra = [*manager_due_blocks(t, reviews.to_review), *calibration_home_blocks(t, reviews.calibration)]
        blocks += [*extra, DividerBlock()] if extra else []
    if development := actions_home_blocks(t, actions):
        blocks += [*development, DividerBlock()]
    if appeals:
        blocks += [*appeals, DividerBlock()]
    if goals is not None:
        blocks += [*goal_home_blocks(t, goals), DividerBlock()]
    blocks += _praise_section(
        t,
        t("Praise you received"),
        t("No praise yet: it will show up here."),
        received,
        person,
        received=True,
    )
    blocks.append(DividerBlock())
    blocks += _praise_section(
        t,
        t("Praise you gave"),
        t("You have not praised anyone yet. Who helped you this week?"),
        given,
        person,
        received=False,
    )
    return View(type="home", blocks=blocks[:MAX_HOME_BLOCKS])
