"""What a review cycle asks and when: its definition, validated whole, with the defaults HR starts from.

A definition comes from a file (`perfbot cycle create FILE`) or the `/perf cycle new` modal and is
stored on the cycle as JSON with a settings version, so every later number can say which rules it
was computed under. `check_definition` lists every problem by its path in the file
(`criteria[2].standards: 5 levels needed, 4 given`) and refuses the file whole.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.errors import DomainError, Problem
from models.i18n import N_
from models.reviews.definition_rules import as_date, rule_problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Level(_Strict):
    label: str = Field(min_length=1, max_length=60)
    standard: str = Field(min_length=1, max_length=600)


def _default_levels() -> list[Level]:
    return [
        Level(label="Far below expectations", standard="Misses most agreed results; needs close support."),
        Level(label="Below expectations", standard="Meets some agreed results; gaps others notice."),
        Level(label="Meets expectations", standard="Delivers the agreed results reliably and on time."),
        Level(
            label="Exceeds expectations", standard="Delivers beyond the agreed results; helps others do so."
        ),
        Level(
            label="Outstanding", standard="Sets the standard for others; results change the team's course."
        ),
    ]


class Scale(_Strict):
    """Ratings `lowest`, lowest + 1 … one level per step, each with a label and a written standard."""

    lowest: int = Field(default=1, ge=0, le=10)
    levels: list[Level] = Field(default_factory=_default_levels, min_length=2, max_length=10)

    @property
    def ratings(self) -> list[int]:
        return list(range(self.lowest, self.lowest + len(self.levels)))

    def label(self, rating: int) -> str:
        return self.levels[rating - self.lowest].label


class Criterion(_Strict):
    key: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1, max_length=75)
    description: str = Field(min_length=1, max_length=600)
    # Where it differs from the scale's: the standard of each level for this criterion.
    standards: list[str] | None = None

    def standard(self, scale: Scale, rating: int) -> str:
        index = rating - scale.lowest
        return self.standards[index] if self.standards else scale.levels[index].standard


def _default_criteria() -> list[Criterion]:
    return [
        Criterion(
            key="results", name="Results", description="Delivers what was agreed, at the quality agreed."
        ),
        Criterion(
            key="collaboration", name="Collaboration", description="Works with others to reach shared goals."
        ),
        Criterion(key="growth", name="Growth", description="Learns, improves and helps others improve."),
    ]


class PeerQuestion(_Strict):
    key: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1, max_length=150)
    kind: Literal["rating", "text"] = "rating"


def _default_peer_questions() -> list[PeerQuestion]:
    return [
        PeerQuestion(key="collaboration", text="How well do they collaborate with you?"),
        PeerQuestion(key="communication", text="How clearly do they communicate?"),
        PeerQuestion(key="reliability", text="How reliably do they do what they said?"),
        PeerQuestion(key="well", text="What do they do well?", kind="text"),
        PeerQuestion(key="better", text="What could they do better?", kind="text"),
    ]


class Weights(_Strict):
    """Shares of the final score, in percent (used by the manager review and calibration)."""

    goals: int = Field(default=60, ge=0, le=100)
    criteria: int = Field(default=40, ge=0, le=100)
    # Someone without goal achievement in the period: the criteria carry the whole weight, or 0 %.
    missing_goals: Literal["criteria_only", "treat_as_zero"] = "criteria_only"


TierName = Annotated[str, Field(min_length=1, max_length=40)]
# The bonus tiers of the default five-level scale, lowest rating first; other scales get "tier 1" …
DEFAULT_TIERS = ("none", "reduced", "standard", "enhanced", "top")


class Peers(_Strict):
    min: int = Field(default=3, ge=1, le=20)
    max: int = Field(default=5, ge=1, le=20)


class Participants(_Strict):
    """Everyone active, or only these departments; minus these people (by email)."""

    departments: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)


class Deadlines(_Strict):
    """The last day of each stage, in that order; a day ends at midnight in each person's own zone."""

    self_assessment: date
    peer_nomination: date
    peer_reviews: date
    manager_review: date
    calibration: date
    release: date

    def of(self, stage: str) -> date:
        found: date = getattr(self, stage)
        return found


class CycleDefinition(_Strict):
    name: str = Field(min_length=1, max_length=120)
    period_start: date
    period_end: date
    participants: Participants = Field(default_factory=Participants)
    scale: Scale = Field(default_factory=Scale)
    criteria: list[Criterion] = Field(default_factory=_default_criteria, min_length=1, max_length=12)
    peer_questions: list[PeerQuestion] = Field(default_factory=_default_peer_questions, max_length=12)
    weights: Weights = Field(default_factory=Weights)
    peers: Peers = Field(default_factory=Peers)
    deadlines: Deadlines
    appeal_window_days: int = Field(default=14, ge=0, le=90)
    hr_sees_peer_names: bool = False
    # Final rating -> bonus tier, for every rating on the scale; empty means the default (DEFAULT_TIERS
    # on a five-level scale, "tier 1" … "tier N" otherwise). HR may record another tier, with a reason.
    bonus_tiers: dict[int, TierName] = Field(default_factory=dict)

    def tier_mapping(self) -> dict[int, str]:
        """Every rating on the scale with its bonus tier, lowest rating first."""
        ratings = self.scale.ratings
        if self.bonus_tiers:
            return {rating: self.bonus_tiers[rating] for rating in ratings if rating in self.bonus_tiers}
        if len(ratings) == len(DEFAULT_TIERS):
            return dict(zip(ratings, DEFAULT_TIERS, strict=True))
        return {rating: f"tier {index}" for index, rating in enumerate(ratings, start=1)}

    def tiers(self) -> list[str]:
        """The tiers a person can be given, in the order of the ratings that map to them."""
        return list(dict.fromkeys(self.tier_mapping().values()))


def _path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(file)"


def check_definition(data: Any) -> CycleDefinition:
    """The definition in `data` (a parsed file), or DomainError listing every problem by its path."""
    if not isinstance(data, dict):
        raise DomainError(N_("the file must hold a mapping of settings"), field="(file)")
    problems = rule_problems(data)
    try:
        definition = CycleDefinition.model_validate(data)
    except ValidationError as error:
        typed = [
            Problem(N_("{problem}"), _path(tuple(item["loc"])), {"problem": item["msg"]})
            for item in error.errors(include_url=False)
        ]
        raise DomainError.of(typed + problems) from None
    if problems:
        raise DomainError.of(problems)
    return definition


def shift_dates(data: dict[str, Any], start: date) -> dict[str, Any]:
    """The same file with every date moved by as many days as takes `period_start` to `start`.

    Works on the parsed file before validation, so last year's file serves again; anything that
    is not a date is left alone (and validation then says what is wrong with it).
    """
    begin = as_date(data.get("period_start"))
    if begin is None:
        return data
    offset = start - begin

    def move(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: move(item) for key, item in value.items()}
        if isinstance(value, list):
            return [move(item) for item in value]
        day = as_date(value)
        return (day + offset).isoformat() if day is not None else value

    shifted: dict[str, Any] = move(data)
    return shifted


def parse_cycle_file(text: str) -> Any:
    """A cycle file's content: YAML (of which JSON is a subset). Syntax errors are a problem on the file."""
    import yaml  # PyYAML: the cycle file format HR edits by hand

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problem = str(getattr(error, "problem", error))
        raise DomainError(N_("{problem}"), field=where, problem=problem) from None
