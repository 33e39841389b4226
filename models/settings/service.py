"""The settings HR keeps for a workspace: company values, recognition channel, language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import audit
from models.errors import DomainError, Problem
from models.i18n import N_, SUPPORTED_LOCALES
from models.people import Person, require_settings_access
from models.workspace import Workspace

MAX_VALUES = 20
# A value is what people type after `#`, so it starts with a letter (Chinese characters are letters).
VALUE_PATTERN = re.compile(r"^[^\W\d_][\w-]{0,29}$")


@dataclass(frozen=True)
class WorkspaceSettingsInput:
    company_values: list[str]
    recognition_channel_id: str | None
    default_locale: str


def parse_values(text: str) -> list[str]:
    """Values as HR types them: separated by commas (，), 、, semicolons, spaces or new lines, `#` optional.

    Full-width letters become ordinary ones (NFKC), so "ＯＷＮＥＲＳＨＩＰ" and "ownership" are one value.
    """
    seen: dict[str, str] = {}
    for raw in re.split(r"[,;，、；\s]+", unicodedata.normalize("NFKC", text)):
        value = raw.strip().lstrip("#")
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return list(seen.values())


def update_settings(
    session: Session, workspace: Workspace, actor: Person, data: WorkspaceSettingsInput
) -> Workspace:
    require_settings_access(actor, workspace)
    problems: list[Problem] = []
    if not data.company_values:
        problems.append(Problem(N_("Give at least one company value."), "values"))
    elif len(data.company_values) > MAX_VALUES:
        problems.append(Problem(N_("At most {limit} company values."), "values", {"limit": MAX_VALUES}))
    bad = [v for v in data.company_values if not VALUE_PATTERN.match(v)]
    if bad:
        problems.append(
            Problem(
                N_(
                    "Each value is one word of up to 30 letters, digits, - or _, "
                    "starting with a letter: {bad}"
                ),
                "values",
                {"bad": bad},
            )
        )
    if data.default_locale not in SUPPORTED_LOCALES:
        problems.append(Problem(N_("Choose a supported language."), "locale"))
    if problems:
        raise DomainError.of(problems)
    before = settings_snapshot(workspace)
    workspace.company_values = list(data.company_values)
    workspace.recognition_channel_id = data.recognition_channel_id
    workspace.default_locale = data.default_locale
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id,
        action="workspace.settings",
        entity_type="workspace",
        entity_id=workspace.id,
        before=before,
        after=settings_snapshot(workspace),
    )
    return workspace


def settings_snapshot(workspace: Workspace) -> dict[str, object]:
    return {
        "company_values": list(workspace.company_values),
        "recognition_channel_id": workspace.recognition_channel_id,
        "default_locale": workspace.default_locale,
    }
