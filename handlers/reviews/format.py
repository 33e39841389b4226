"""Words and pieces every review view shares: stage names, deadlines in the reader's language, the scale."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from slack_sdk.models.blocks import Option

from handlers.kit.blocks import truncate
from handlers.kit.text import show_user_text
from models.i18n import N_, Translator
from models.reviews import CycleDefinition, Stage

STAGE_NAMES = {
    Stage.SELF_ASSESSMENT: N_("Self-assessment"),
    Stage.PEER_NOMINATION: N_("Nominate peers"),
    Stage.PEER_REVIEWS: N_("Peer reviews"),
    Stage.MANAGER_REVIEW: N_("Manager review"),
    Stage.CALIBRATION: N_("Calibration"),
    Stage.RELEASE: N_("Release results"),
}


def day_text(t: Translator, day: date) -> str:
    """A deadline day in the reader's language; it ends at midnight in their own zone."""
    return str(format_date(day, format="medium", locale=t.locale))


def shown(text: str) -> str:
    """Text HR wrote in the cycle file (criteria, standards, questions), safe for mrkdwn."""
    return show_user_text(text, escaped=False)


def rating_options(definition: CycleDefinition) -> list[Option]:
    return [
        Option(text=truncate(f"{rating} · {level.label}", 75), value=str(rating))
        for rating, level in zip(definition.scale.ratings, definition.scale.levels, strict=True)
    ]


def standards_text(definition: CycleDefinition, standards: list[str] | None = None) -> str:
    """Each level's written standard, lowest first: shown beside every rating people give."""
    lines = []
    for index, (rating, level) in enumerate(
        zip(definition.scale.ratings, definition.scale.levels, strict=True)
    ):
        standard = standards[index] if standards else level.standard
        lines.append(f"*{rating} {shown(level.label)}*: {shown(standard)}")
    return truncate("\n".join(lines), 3000)


def selected_int(state: dict[str, dict[str, object]], block_id: str, action_id: str) -> int | None:
    element = state.get(block_id, {}).get(action_id)
    option = element.get("selected_option") if isinstance(element, dict) else None
    value = option.get("value") if isinstance(option, dict) else None
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else None


def text_value(state: dict[str, dict[str, object]], block_id: str, action_id: str) -> str:
    element = state.get(block_id, {}).get(action_id)
    value = element.get("value") if isinstance(element, dict) else None
    return value if isinstance(value, str) else ""


def selected_users(state: dict[str, dict[str, object]], block_id: str, action_id: str) -> list[str]:
    element = state.get(block_id, {}).get(action_id)
    users = element.get("selected_users") if isinstance(element, dict) else None
    return [str(user) for user in users] if isinstance(users, list) else []
