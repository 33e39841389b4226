"""Words the feedback views share: the kinds of development action, days in the reader's language."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from models.feedback import ActionKind
from models.i18n import N_, Translator

KIND_NAMES = {
    ActionKind.TRAINING: N_("Training"),
    ActionKind.MENTORING: N_("Mentoring"),
    ActionKind.STRETCH: N_("Stretch assignment"),
    ActionKind.OTHER: N_("Other"),
}


def kind_name(t: Translator, kind: ActionKind) -> str:
    return t(KIND_NAMES[kind])


def day_text(t: Translator, day: date) -> str:
    return str(format_date(day, format="medium", locale=t.locale))
