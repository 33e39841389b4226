"""The check-in modal, and the goal details modal with its check-in history and comments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    CheckboxesElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers.goals.format import (
    HEALTH_ICONS,
    HEALTH_LABELS,
    cancel_button,
    edit_button,
    goal_button,
    goal_summary,
    metric_text,
    note,
    progress_bar,
    quote,
)
from handlers.goals.ids import GoalAction, GoalBlock, GoalCallback
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from handlers.kit.timefmt import local_datetime
from models.goals.checkins import GoalHistory
from models.goals.entities import CommentKind, Goal, GoalCheckin, GoalHealth, GoalKind, GoalStatus
from models.goals.queries import MAX_OPTIONS, OPTION_TITLE, short_title
from models.goals.validation import MAX_TEXT, number_text
from models.i18n import N_, Translator
from models.people import Person

DONE = "done"
HISTORY_CHECKINS = 20
HISTORY_COMMENTS = 15
COMMENT_LABELS = {
    CommentKind.COMMENT: N_("comment"),
    CommentKind.CHANGE_REQUEST: N_("asked for changes"),
    CommentKind.APPROVAL: N_("approved"),
    CommentKind.CANCELLATION: N_("cancelled"),
}


class CheckinModalState(ViewState):
    goal_id: int | None = short(None, "g")  # preselected from a button
    channel_id: str | None = short(None, "c")
    from_home: bool = short(False, "h")


class DetailsState(ViewState):
    """The goal's View modal: which goal, and whether it was opened from Home."""

    goal_id: int | None = short(None, "g")
    from_home: bool = short(False, "h")


def _goal_option(goal: Goal) -> Option:
    return Option(text=short_title(goal.title, OPTION_TITLE), value=str(goal.id))


def checkin_modal(
    t: Translator, goals: Sequence[Goal], selected: Goal | None, state: CheckinModalState
) -> View:
    """Pick a goal (or keep the one the button chose), give the value now, the status, a note, blockers."""
    choices = list(goals)
    if selected is not None and all(goal.id != selected.id for goal in choices):
        choices.insert(0, selected)
    options = [_goal_option(goal) for goal in choices[:MAX_OPTIONS]]
    initial = next((o for o in options if selected is not None and o.value == str(selected.id)), None)
    blocks: list[Block] = [
        InputBlock(
            block_id=GoalBlock.GOAL,
            label=t("Goal"),
            element=StaticSelectElement(
                action_id=GoalAction.GOAL,
                placeholder=t("Choose one of your goals"),
                options=options,
                initial_option=initial,
            ),
        )
    ]
    if selected is not None:
        blocks.append(note(f"{metric_text(t, selected)}\n`{progress_bar(selected.progress)}`"))
    if selected is None or selected.kind is GoalKind.METRIC:
        current = None
        if selected is not None and selected.current is not None:
            current = number_text(selected.current).replace(",", "")
        blocks.append(
            InputBlock(
                block_id=GoalBlock.VALUE,
                label=t("Value now")
                if selected is None or not selected.unit
                else t("Value now ({unit})", unit=selected.unit),
                optional=True,
                hint=t("For metric goals: where the metric stands today."),
                element=PlainTextInputElement(
                    action_id=GoalAction.VALUE, initial_value=current, max_length=40
                ),
            )
        )
    if selected is not None and selected.kind is GoalKind.MILESTONE:
        done_label = t("Done: the milestone is reached")
    elif selected is not None:
        done_label = t("Completed: close this goal")
    else:
        done_label = t("Done: milestone reached, or goal completed")
    blocks.append(
        InputBlock(
            block_id=GoalBlock.DONE,
            label=t("Finished?"),
            optional=True,
            element=CheckboxesElement(
                action_id=GoalAction.DONE, options=[Option(text=truncate(done_label, 75), value=DONE)]
            ),
        )
    )
    health = [Option(text=t(label), value=value.value) for value, label in HEALTH_LABELS.items()]
    current_health = (selected.health if selected is not None else None) or GoalHealth.ON_TRACK
    blocks += [
        InputBlock(
            block_id=GoalBlock.STATUS,
            label=t("How is it going?"),
            element=RadioButtonsElement(
                action_id=GoalAction.STATUS,
                options=health,
                initial_option=next(o for o in health if o.value == current_health.value),
            ),
        ),
        InputBlock(
            block_id=GoalBlock.NOTE,
            label=t("Note"),
            optional=True,
            element=PlainTextInputElement(
                action_id=GoalAction.NOTE,
                multiline=True,
                max_length=MAX_TEXT,
                placeholder=t("What moved since last time?"),
            ),
        ),
        InputBlock(
            block_id=GoalBlock.BLOCKERS,
            label=t("Blockers"),
            optional=True,
            element=PlainTextInputElement(
                action_id=GoalAction.BLOCKERS,
                multiline=True,
                max_length=MAX_TEXT,
                placeholder=t("Anything in the way? Your manager sees this."),
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=GoalCallback.CHECKIN_MODAL,
        title=truncate(t("Check in"), 24),
        submit=truncate(t("Save check-in"), 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=state.dump(),
        blocks=blocks,
    )


@dataclass(frozen=True)
class CheckinForm:
    goal_id: int | None
    value: str | None
    done: bool
    status: str | None
    note: str
    blockers: str


def read_checkin_form(values: dict[str, Any]) -> CheckinForm:
    def field(block: GoalBlock, action: GoalAction) -> dict[str, Any]:
        return dict((values.get(block) or {}).get(action) or {})

    goal = (field(GoalBlock.GOAL, GoalAction.GOAL).get("selected_option") or {}).get("value") or ""
    status = (field(GoalBlock.STATUS, GoalAction.STATUS).get("selected_option") or {}).get("value")
    checked = field(GoalBlock.DONE, GoalAction.DONE).get("selected_options") or []
    return CheckinForm(
        goal_id=int(goal) if str(goal).isdigit() else None,
        value=field(GoalBlock.VALUE, GoalAction.VALUE).get("value"),
        done=any(option.get("value") == DONE for option in checked),
        status=status,
        note=field(GoalBlock.NOTE, GoalAction.NOTE).get("value") or "",
        blockers=field(GoalBlock.BLOCKERS, GoalAction.BLOCKERS).get("value") or "",
    )


def _checkin_text(t: Translator, checkin: GoalCheckin, author: Person | None, goal: Goal, tz: str) -> str:
    who = author.mention if author is not None else t("someone who left")
    head = t(
        "*{when}* · {who} · {health}",
        when=local_datetime(t, checkin.created_at, tz),
        who=who,
        health=f"{HEALTH_ICONS[checkin.health]} {t(HEALTH_LABELS[checkin.health])}",
    )
    lines = [head]
    if goal.kind is GoalKind.METRIC and checkin.value is not None:
        before = number_text(checkin.value_before) if checkin.value_before is not None else "–"
        unit = words.unit_suffix(goal.unit)
        lines.append(
            f"{before} → {number_text(checkin.value)}{unit}  `{progress_bar(checkin.progress_after)}`"
        )
    else:
        lines.append(f"`{progress_bar(checkin.progress_after)}`")
    if checkin.note:
        lines.append(quote(checkin.note, 1200))
    if checkin.blockers:
        lines.append(t("Blockers:") + "\n" + quote(checkin.blockers, 1000))
    return truncate("\n".join(lines), 3000)


def details_modal(
    t: Translator,
    history: GoalHistory,
    today: date,
    tz: str,
    *,
    may_check_in: bool,
    may_comment: bool,
    may_revise: bool,
    may_edit: bool = False,
    may_cancel: bool = False,
    from_home: bool = False,
) -> View:
    """The goal, the buttons the reader may use on it, its check-ins and its comments.

    `may_revise` is the owner's own draft; `may_edit` an agreed goal the reader may change."""
    goal = history.goal
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=goal_summary(t, goal, history.owner, today)))
    ]
    buttons = []
    if may_check_in and goal.status is GoalStatus.ACTIVE:
        buttons.append(goal_button(t, N_("Check in"), GoalAction.CHECK_IN, goal.id, primary=True))
    if may_revise and goal.status is GoalStatus.DRAFT:
        buttons.append(goal_button(t, N_("Revise"), GoalAction.REVISE, goal.id, primary=True))
    if may_edit and goal.status is GoalStatus.ACTIVE:
        buttons.append(edit_button(t, goal.id))
    if may_comment:
        buttons.append(goal_button(t, N_("Comment"), GoalAction.COMMENT, goal.id))
    if may_cancel and goal.status not in (GoalStatus.COMPLETED, GoalStatus.CANCELLED):
        buttons.append(cancel_button(t, goal.id))
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    blocks.append(HeaderBlock(text=truncate(t("Check-ins"), 150)))
    if not history.checkins:
        blocks.append(note(t("No check-ins yet.")))
    for checkin, author in history.checkins[:HISTORY_CHECKINS]:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_checkin_text(t, checkin, author, goal, tz))))
    if history.comments:
        blocks.append(HeaderBlock(text=truncate(t("Comments"), 150)))
    for comment, author in history.comments[:HISTORY_COMMENTS]:
        who = author.mention if author is not None else t("someone who left")
        head = f"*{local_datetime(t, comment.created_at, tz)}* · {who} · {t(COMMENT_LABELS[comment.kind])}"
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=truncate(f"{head}\n{quote(comment.body)}", 3000)))
        )
    return View(
        type="modal",
        callback_id=GoalCallback.DETAILS_MODAL,
        title=truncate(t("Goal"), 24),
        close=truncate(t("Close"), 24),
        private_metadata=DetailsState(goal_id=goal.id, from_home=from_home).dump(),
        blocks=blocks,
    )
