"""The goal modal (create and edit), the parent search's options, and reading a submitted form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    Block,
    DatePickerElement,
    ExternalDataSelectElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.goals.form import GoalModalState
from handlers.goals.format import DIRECTION_LABELS, LEVEL_LABELS, VISIBILITY_LABELS, level_label, note, quote
from handlers.goals.ids import GoalAction, GoalBlock, GoalCallback
from handlers.kit.blocks import truncate
from models.goals.entities import Goal, GoalKind, GoalLevel, GoalVisibility
from models.goals.queries import OPTION_TITLE, GoalOption
from models.goals.validation import MAX_TEXT, MAX_TITLE, MAX_UNIT, number_text
from models.i18n import N_, Translator
from models.people import Person

KIND_LABELS = {
    GoalKind.METRIC: N_("A metric: a number to move"),
    GoalKind.MILESTONE: N_("A milestone: done or not done"),
}


def _option(label: str, value: str) -> Option:
    return Option(text=truncate(label, 75), value=value)


def parent_option(t: Translator, option: GoalOption) -> Option:
    """ "Company · Grow revenue", at most 75 characters."""
    label = f"{level_label(t, option.level)} · {option.title}"
    return Option(text=truncate(label, OPTION_TITLE), value=str(option.id))


def parent_options(t: Translator, options: Sequence[GoalOption]) -> list[Option]:
    return [parent_option(t, option) for option in options[:100]]


def _text_input(
    block: GoalBlock,
    action: GoalAction,
    label: str,
    *,
    initial: str | None = None,
    optional: bool = False,
    max_length: int | None = None,
    multiline: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=block,
        label=label,
        optional=optional,
        hint=hint,
        element=PlainTextInputElement(
            action_id=action,
            initial_value=initial or None,
            max_length=max_length,
            multiline=multiline,
            placeholder=placeholder,
        ),
    )


def _select(
    block: GoalBlock,
    action: GoalAction,
    label: str,
    options: list[Option],
    *,
    initial: str | None = None,
    optional: bool = False,
    hint: str | None = None,
) -> InputBlock:
    chosen = next((option for option in options if option.value == initial), None)
    return InputBlock(
        block_id=block,
        label=label,
        optional=optional,
        hint=hint,
        element=StaticSelectElement(action_id=action, options=options, initial_option=chosen),
    )


def _number(value: float | None) -> str | None:
    return None if value is None else number_text(value).replace(",", "")


def goal_modal(
    t: Translator,
    *,
    state: GoalModalState,
    today: date,
    levels: Sequence[GoalLevel] = (GoalLevel.INDIVIDUAL,),
    ask_owner: bool = False,
    ask_department: bool = False,
    actor_user_id: str = "",
    goal: Goal | None = None,
    owner: Person | None = None,
    parent: GoalOption | None = None,
    change_request: str | None = None,
) -> View:
    """Create (no `goal`) or edit a goal. Level, owner and department are asked only on create,
    and only of those who have a choice."""
    blocks: list[Block] = []
    if goal is not None:
        level = level_label(t, goal.level)
        if owner is not None and goal.level is not GoalLevel.COMPANY:
            blocks.append(note(t("{level} goal of {name}", level=level, name=owner.mention)))
        else:
            blocks.append(note(t("{level} goal", level=level)))
        if change_request:
            blocks.append(note(t("What to change:") + "\n" + quote(change_request, 1000)))
    blocks.append(
        _text_input(
            GoalBlock.TITLE,
            GoalAction.TITLE,
            t("Title"),
            initial=goal.title if goal else None,
            max_length=MAX_TITLE,
            placeholder=t("e.g. Raise repeat sales by 30%"),
        )
    )
    blocks.append(
        _text_input(
            GoalBlock.DESCRIPTION,
            GoalAction.DESCRIPTION,
            t("Description"),
            initial=goal.description if goal else None,
            optional=True,
            max_length=MAX_TEXT,
            multiline=True,
        )
    )
    if goal is None and len(levels) > 1:
        level_options = [_option(t(LEVEL_LABELS[level]), level.value) for level in levels]
        blocks.append(
            _select(GoalBlock.LEVEL, GoalAction.LEVEL, t("Level"), level_options, initial=state.level.value)
        )
    if goal is None and ask_owner:
        blocks.append(
            InputBlock(
                block_id=GoalBlock.OWNER,
                label=t("Whose goal is it?"),
                hint=t("Yourself, or one of your direct reports (for individual goals)."),
                element=UserSelectElement(action_id=GoalAction.OWNER, initial_user=actor_user_id or None),
            )
        )
    if goal is None and ask_department:
        blocks.append(
            _text_input(
                GoalBlock.DEPARTMENT,
                GoalAction.DEPARTMENT,
                t("Department (team goals)"),
                optional=True,
                max_length=200,
                hint=t("Leave empty for your own department."),
            )
        )
    if goal is None or goal.level is not GoalLevel.COMPANY:
        initial_parent = parent_option(t, parent) if parent is not None else None
        blocks.append(
            InputBlock(
                block_id=GoalBlock.PARENT,
                label=t("Aligned to"),
                optional=True,
                hint=t("The team or company goal this one serves; type to search by title."),
                element=ExternalDataSelectElement(
                    action_id=GoalAction.PARENT,
                    placeholder=t("Search goals"),
                    min_query_length=0,
                    initial_option=initial_parent,
                ),
            )
        )
    kinds = [_option(t(label), kind.value) for kind, label in KIND_LABELS.items()]
    blocks.append(
        _select(
            GoalBlock.KIND,
            GoalAction.KIND,
            t("Measured as"),
            kinds,
            initial=(goal.kind if goal else GoalKind.METRIC).value,
        )
    )
    metric = goal is None or goal.kind is GoalKind.METRIC
    blocks += [
        _text_input(
            GoalBlock.UNIT,
            GoalAction.UNIT,
            t("Unit (metric goals)"),
            initial=goal.unit if goal and metric else None,
            optional=True,
            max_length=MAX_UNIT,
            placeholder=t("e.g. k€, %, tickets, minutes"),
        ),
        _text_input(
            GoalBlock.BASELINE,
            GoalAction.BASELINE,
            t("Baseline (metric goals)"),
            initial=_number(goal.baseline) if goal and metric else None,
            optional=True,
            max_length=40,
            hint=t("Where the metric stands at the start."),
        ),
        _text_input(
            GoalBlock.TARGET,
            GoalAction.TARGET,
            t("Target (metric goals)"),
            initial=_number(goal.target) if goal and metric else None,
            optional=True,
            max_length=40,
            hint=t("The value to reach by the due date."),
        ),
        _select(
            GoalBlock.DIRECTION,
            GoalAction.DIRECTION,
            t("Direction (metric goals)"),
            [_option(t(label), direction.value) for direction, label in DIRECTION_LABELS.items()],
            initial=goal.direction.value if goal and goal.direction else None,
            optional=True,
            hint=t("Worked out from baseline and target when left empty."),
        ),
        _text_input(
            GoalBlock.WEIGHT,
            GoalAction.WEIGHT,
            t("Weight"),
            initial=_number(goal.weight) if goal else "100",
            max_length=20,
            hint=t("How much this goal counts; a person's active goals should add up to 100."),
        ),
        InputBlock(
            block_id=GoalBlock.START_DATE,
            label=t("Start date"),
            element=DatePickerElement(
                action_id=GoalAction.START_DATE,
                initial_date=(goal.start_date if goal else today).isoformat(),
            ),
        ),
        InputBlock(
            block_id=GoalBlock.DUE_DATE,
            label=t("Due date"),
            element=DatePickerElement(
                action_id=GoalAction.DUE_DATE,
                initial_date=goal.due_date.isoformat() if goal else None,
                placeholder=t("Pick the due date"),
            ),
        ),
        _select(
            GoalBlock.VISIBILITY,
            GoalAction.VISIBILITY,
            t("Who can see it"),
            [_option(t(label), visibility.value) for visibility, label in VISIBILITY_LABELS.items()],
            initial=(goal.visibility if goal else GoalVisibility.PUBLIC).value,
        ),
    ]
    title = t("Edit goal") if goal is not None else t("New goal")
    return View(
        type="modal",
        callback_id=GoalCallback.GOAL_MODAL,
        title=truncate(title, 24),
        submit=truncate(t("Save"), 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=state.dump(),
        blocks=blocks,
    )
