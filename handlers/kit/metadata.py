"""Typed `private_metadata`: what a modal carries between opening and submission.

Each modal declares a `ViewState` subclass; `dump()` writes compact JSON under short aliases (Slack allows
3,000 characters), `load()` reads it back and falls back to the defaults for anything missing or malformed
(a modal opened before a deploy still submits).
"""

from __future__ import annotations

import json
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_METADATA = 3000


def short(default: Any, key: str) -> Any:
    """A field stored under a short key, to leave room in the 3,000 characters."""
    return Field(default, validation_alias=key, serialization_alias=key)


class ViewState(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    def dump(self) -> str:
        raw = json.dumps(
            self.model_dump(by_alias=True, exclude_defaults=True, mode="json"),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        if len(raw) > MAX_METADATA:
            raise ValueError(f"{type(self).__name__} is {len(raw)} characters; Slack allows {MAX_METADATA}")
        return raw

    @classmethod
    def load(cls, raw: str | None) -> Self:
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        try:
            return cls.model_validate(data)
        except ValidationError:
            # keep what is valid, field by field; defaults for the rest
            good = {}
            for name, field in cls.model_fields.items():
                key = field.serialization_alias or name
                if key not in data:
                    continue
                try:
                    cls.model_validate({key: data[key]})
                except ValidationError:
                    continue
                good[key] = data[key]
            return cls.model_validate(good)
