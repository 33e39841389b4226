"""The goal modal's state and submitted values, and what the person who saved a goal is told."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers.goals.ids import GoalAction, GoalBlock
from handlers.kit import words
from handlers.kit.metadata import ViewState, short
from models.goals.entities import Goal, GoalLevel, GoalStatus
from models.i18n import Translator
from models.people import Person

LEVEL_VALUES = frozenset(level.value for level in GoalLevel)


class GoalModalState(ViewState):
    """What the goal modal carries in private_metadata."""

    goal_id: int | None = short(None, "g")  # set when editing
    level: GoalLevel = short(GoalLevel.INDIVIDUAL, "l")  # the level when the modal does not ask for one
    channel_id: str | None = short(None, "c")  # where to confirm (the command's channel), else a DM
    from_home: bool = short(False, "h")  # republish the Home tab after saving
    details_view_id: str | None = short(None, "v")  # the View modal it was pushed onto, refreshed after


@dataclass(frozen=True)
class GoalForm:
    """The goal modal's values as typed; checking them is the domain's job."""

    title: str = ""
    description: str = ""
    level: str | None = None
    owner_user_id: str | None = None
    department: str | None = None
    parent: str | None = None
    kind: str | None = None
    unit: str = ""
    baseline: str | None = None
    target: str | None = None
    direction: str | None = None
    weight: str | None = None
    start_date: str | None = None
    due_date: str | None = None
    visibility: str | None = None


def _field(values: dict[str, Any], block: GoalBlock, action: GoalAction) -> dict[str, Any]:
    return dict((values.get(block) or {}).get(action) or {})


def _typed(values: dict[str, Any], block: GoalBlock, action: GoalAction) -> str | None:
    value = _field(values, block, action).get("value")
    return value if isinstance(value, str) else None


def _chosen(values: dict[str, Any], block: GoalBlock, action: GoalAction) -> str | None:
    option = _field(values, block, action).get("selected_option") or {}
    value = option.get("value")
    return value if isinstance(value, str) else None


def read_goal_form(values: dict[str, Any]) -> GoalForm:
    """`view.state.values` of the goal modal; a block the modal did not show reads as None."""
    return GoalForm(
        title=_typed(values, GoalBlock.TITLE, GoalAction.TITLE) or "",
        description=_typed(values, GoalBlock.DESCRIPTION, GoalAction.DESCRIPTION) or "",
        level=_chosen(values, GoalBlock.LEVEL, GoalAction.LEVEL),
        owner_user_id=_field(values, GoalBlock.OWNER, GoalAction.OWNER).get("selected_user"),
        department=_typed(values, GoalBlock.DEPARTMENT, GoalAction.DEPARTMENT),
        parent=_chosen(values, GoalBlock.PARENT, GoalAction.PARENT),
        kind=_chosen(values, GoalBlock.KIND, GoalAction.KIND),
        unit=_typed(values, GoalBlock.UNIT, GoalAction.UNIT) or "",
        baseline=_typed(values, GoalBlock.BASELINE, GoalAction.BASELINE),
        target=_typed(values, GoalBlock.TARGET, GoalAction.TARGET),
        direction=_chosen(values, GoalBlock.DIRECTION, GoalAction.DIRECTION),
        weight=_typed(values, GoalBlock.WEIGHT, GoalAction.WEIGHT),
        start_date=_field(values, GoalBlock.START_DATE, GoalAction.START_DATE).get("selected_date"),
        due_date=_field(values, GoalBlock.DUE_DATE, GoalAction.DUE_DATE).get("selected_date"),
        visibility=_chosen(values, GoalBlock.VISIBILITY, GoalAction.VISIBILITY),
    )


def chosen_level(values: dict[str, Any], default: GoalLevel) -> GoalLevel:
    """The level picked so far in an open modal (for the parent search), else the modal's own."""
    raw = _chosen(values, GoalBlock.LEVEL, GoalAction.LEVEL)
    return GoalLevel(raw) if raw is not None and raw in LEVEL_VALUES else default


def saved_text(
    t: Translator, goal: Goal, owner: Person | None, approvers: Sequence[Person], actor: Person
) -> str:
    """What the person who saved a goal is told."""
    title = words.title(t, goal.title)
    if goal.status is GoalStatus.PROPOSED:
        if approvers:
            names = words.listed(t, (person.mention for person in approvers))
            return t("Your goal {title} is proposed to {names} for approval.", title=title, names=names)
        return t("Your goal {title} is proposed; there is nobody to approve it yet: ask HR.", title=title)
    if goal.status is GoalStatus.DRAFT:
        return t("Your goal {title} is saved as a draft.", title=title)
    if owner is not None and owner.id != actor.id:
        return t(
            "The goal {title} is saved for {name}; they have been told.", title=title, name=owner.mention
        )
    return t("The goal {title} is saved and active.", title=title)
