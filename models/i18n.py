"""The one translation function every user-facing string goes through.

Catalogs are gettext `.po` files under `models/locale`, managed with Babel
(`pybabel extract/update`, see docs/translations.md). They are compiled in
memory on first use, so there is no build step and no binary in the tree.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LOCALE = "en"
SUPPORTED_LOCALES = ("en", "zh_CN")


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where the reader is known."""
    return message


def normalize_locale(value: str | None) -> str | None:
    """Map a Slack locale (`zh-CN`, `en-US`, …) to a catalog we have, or None."""
    if not value:
        return None
    tag = value.replace("-", "_")
    language = tag.split("_")[0].lower()
    if language == "zh":
        # Traditional-script locales are not covered; they read English rather than a wrong script.
        return "zh_CN" if tag in ("zh", "zh_CN", "zh_SG", "zh_Hans") else None
    return "en" if language == "en" else None


@lru_cache(maxsize=8)
def _catalog(locale: str) -> gettext.NullTranslations:
    po_path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translator:
    """Translate and fill in `{placeholders}` for one reader's locale."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self._catalog = _catalog(locale)

    def __call__(self, message: str, **params: Any) -> str:
        text = self._catalog.gettext(message)
        return text.format(**params) if params else text

    def plural(self, singular: str, plural: str, n: int, **params: Any) -> str:
        text = self._catalog.ngettext(singular, plural, n)
        return text.format(n=n, **params)


def translator(*locales: str | None) -> Translator:
    """The translator for the first supported locale given (person's, then workspace's)."""
    for candidate in locales:
        normalized = normalize_locale(candidate)
        if normalized:
            return Translator(normalized)
    return Translator(DEFAULT_LOCALE)
