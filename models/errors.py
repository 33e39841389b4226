"""Domain errors: what went wrong, on which field, in words any reader's language can carry."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from models.i18n import Translator


@dataclass(frozen=True)
class Problem:
    """One message id (see models.i18n) with its parameters, optionally tied to an input field."""

    message: str
    field: str | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def render(self, t: Translator) -> str:
        return t(self.message, **self.params)


class DomainError(Exception):
    """Refused input or action. Nothing has been written when this is raised."""

    def __init__(self, message: str, *, field: str | None = None, **params: Any) -> None:
        self.problems: list[Problem] = [Problem(message, field, params)]
        super().__init__(message)

    @classmethod
    def of(cls, problems: list[Problem]) -> DomainError:
        error = cls(problems[0].message, field=problems[0].field, **problems[0].params)
        error.problems = list(problems)
        return error

    def field_errors(self, t: Translator) -> dict[str, str]:
        """Messages by field; problems on the same field are joined."""
        errors: dict[str, str] = {}
        for problem in self.problems:
            if problem.field is not None:
                text = problem.render(t)
                errors[problem.field] = f"{errors[problem.field]} {text}" if problem.field in errors else text
        return errors

    def render(self, t: Translator) -> str:
        return "\n".join(problem.render(t) for problem in self.problems)


class PermissionDenied(DomainError):
    pass


class NotFound(DomainError):
    pass
