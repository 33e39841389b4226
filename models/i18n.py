"""The one translation function every user-facing string goes through.

Catalogs are gettext `.po` files under `models/locale`, managed with Babel
(`pybabel extract/update`, see docs/translations.md). They are compiled in
memory on first use, so there is no build step and no binary in the tree.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable
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
    tag = value.split(".")[0].split("@")[0].replace("-", "_")  # "zh_CN.UTF-8" as a shell gives it
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


def join_list(locale: str, items: Iterable[str]) -> str:
    """Items as a reader of `locale` lists them: "a, b, c" in English, "甲、乙、丙" in Chinese."""
    return ("、" if locale.startswith("zh") else ", ").join(items)


def percent_text(value: float) -> str:
    """A whole percentage, no space before the sign in either language: "65%"."""
    return f"{round(value)}%"


def quote_title(title: str) -> str:
    """A title inside a sentence of plain text: “Cut response time”, the same curly quotes in Chinese."""
    return f"“{title}”"


class Translator:
    """Translate and fill in `{placeholders}` for one reader's locale.

    A list or tuple given as a parameter is joined the reader's way (`join_list`), so a domain
    error can carry "the tags that were not values" and read right in either language.
    """

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self._catalog = _catalog(locale)

    def __call__(self, message: str, **params: Any) -> str:
        text = self._catalog.gettext(message)
        return text.format(**self._filled(params)) if params else text

    def plural(self, singular: str, plural: str, n: int, **params: Any) -> str:
        text = self._catalog.ngettext(singular, plural, n)
        return text.format(n=n, **self._filled(params))

    def _filled(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            key: join_list(self.locale, map(str, value)) if isinstance(value, list | tuple) else value
            for key, value in params.items()
        }


def translator(*locales: str | None) -> Translator:
    """The translator for the first supported locale given (person's, then workspace's)."""
    for candidate in locales:
        normalized = normalize_locale(candidate)
        if normalized:
            return Translator(normalized)
    return Translator(DEFAULT_LOCALE)
