"""HR runs cycles from Slack: `/perf cycle new` (a modal), `/perf cycle list`, `/perf cycle launch ID`,
`/perf cycle status ID`. The modal sets what most cycles change (name, period, departments, deadlines,
peers, weights, HR's sight of names); the scale, criteria and peer questions take the defaults, and
a cycle file (`perfbot cycle create FILE`) sets them all."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.blocks import truncate
from handlers.kit.submission import Done, submit
from handlers.kit.words import listed
from handlers.reviews.format import STAGE_NAMES, day_text, shown
from handlers.reviews.ids import ReviewCallback
from handlers.reviews.release_admin import release_command
from models.errors import DomainError, Problem
from models.i18n import N_, Translator
from models.reviews import (
    Stage,
    check_definition,
    create_cycle,
    get_cycle,
    launch_cycle,
    list_cycles,
    stage_counts,
)
from models.reviews.definition_rules import STAGES
from models.reviews.permissions import ReviewAction, require
from models.zones import zone

VALUE = "value"
HR_NAMES = "hr_sees_peer_names"


def _date_input(t: Translator, block_id: str, label: str, initial: date) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=truncate(label, 2000),
        element=DatePickerElement(action_id=VALUE, initial_date=initial.isoformat()),
    )


def _number_input(block_id: str, label: str, initial: int) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        element=NumberInputElement(action_id=VALUE, is_decimal_allowed=False, initial_value=str(initial)),
    )


def new_cycle_modal(t: Translator, today: date) -> View:
    end = today - timedelta(days=1)
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=t(
                    "A draft cycle with the default rating scale (1 to 5, each level with a written "
                    "standard), criteria and peer questions. For your own, use a cycle file: "
                    "`perfbot cycle create FILE`."
                )
            )
        ),
        InputBlock(
            block_id="name", label=t("Name"), element=PlainTextInputElement(action_id=VALUE, max_length=120)
        ),
        _date_input(t, "period_start", t("Period starts"), end - timedelta(days=181)),
        _date_input(t, "period_end", t("Period ends"), end),
        InputBlock(
            block_id="participants.departments",
            label=t("Departments (comma-separated; empty for everyone)"),
            element=PlainTextInputElement(action_id=VALUE, max_length=1000),
            optional=True,
        ),
    ]
    for index, stage in enumerate(STAGES):
        label = t("Deadline: {stage}", stage=t(STAGE_NAMES[Stage(stage)]))
        blocks.append(_date_input(t, f"deadlines.{stage}", label, today + timedelta(days=7 * (index + 1))))
    blocks += [
        _number_input("peers.min", t("Fewest peer reviewers"), 3),
        _number_input("peers.max", t("Most peer reviewers"), 5),
        _number_input("weights", t("Weight of goal achievement in the final score (%)"), 60),
        InputBlock(
            block_id=HR_NAMES,
            label=t("Peer anonymity"),
            element=CheckboxesElement(
                action_id=VALUE,
                options=[Option(text=t("HR may see who wrote each peer review"), value="yes")],
            ),
            optional=True,
        ),
    ]
    return View(
        type="modal",
        callback_id=ReviewCallback.NEW_CYCLE_MODAL,
        title=truncate(t("New review cycle"), 24),
        submit=truncate(t("Create draft"), 24),
        close=truncate(t("Close"), 24),
        blocks=blocks,
    )


def _value(values: dict[str, Any], block_id: str) -> Any:
    element = (values.get(block_id) or {}).get(VALUE) or {}
    for key in ("value", "selected_date"):
        if element.get(key) is not None:
            return element[key]
    return element.get("selected_options")


def read_new_cycle(values: dict[str, Any]) -> dict[str, Any]:
    """The modal as a cycle file would say it; the definition's checks then name the fields."""
    departments = str(_value(values, "participants.departments") or "")
    weight = _value(values, "weights")
    goals = int(weight) if isinstance(weight, str) and weight.lstrip("-").isdigit() else weight
    return {
        "name": _value(values, "name") or "",
        "period_start": _value(values, "period_start"),
        "period_end": _value(values, "period_end"),
        "participants": {"departments": [d.strip() for d in departments.split(",") if d.strip()]},
        "deadlines": {stage: _value(values, f"deadlines.{stage}") for stage in STAGES},
        "peers": {"min": _value(values, "peers.min"), "max": _value(values, "peers.max")},
        "weights": {"goals": goals, "criteria": 100 - goals if isinstance(goals, int) else goals},
        HR_NAMES: bool(_value(values, HR_NAMES)),
    }


def _on_fields(error: DomainError) -> DomainError:
    """Problems by their path in the definition, placed on the modal's field of that path."""
    fields = {
        "name",
        "period_start",
        "period_end",
        "participants.departments",
        "peers.min",
        "peers.max",
        "weights",
        HR_NAMES,
        *(f"deadlines.{stage}" for stage in STAGES),
    }
    placed = []
    for problem in error.problems:
        path = problem.field or ""
        field = next((f for f in sorted(fields, key=len, reverse=True) if path.startswith(f)), None)
        placed.append(Problem(problem.message, field, problem.params))
    return DomainError.of(placed)


def cycle_command(
    session: Session,
    actor: Actor,
    words: list[str],
    client: WebClient,
    command: dict[str, Any],
    now: datetime,
) -> Done:
    """`/perf cycle …` for HR admins."""
    t = actor.t
    today = now.astimezone(zone(actor.person.tz)).date()
    if not actor.person.is_hr_admin:
        raise DomainError(N_("Only HR admins can set up and run review cycles."))
    verb = words[0].lower() if words else "list"
    cycle_id = int(words[1]) if len(words) > 1 and words[1].isdigit() else None
    if verb == "release":
        return release_command(session, actor, words[1:], client, command["trigger_id"])
    if verb == "new":
        view = new_cycle_modal(t, today)
        return Done().then(client.views_open, trigger_id=command["trigger_id"], view=view)
    if verb == "launch" and cycle_id is not None:
        count = launch_cycle(session, actor.workspace, actor.person, cycle_id, now)
        reply = t.plural(
            "Cycle {id} is launched: {n} participant is told what is asked of them.",
            "Cycle {id} is launched: {n} participants are told what is asked of them.",
            count,
            id=cycle_id,
        )
    elif verb == "status" and cycle_id is not None:
        cycle = get_cycle(session, actor.workspace, cycle_id)
        require(actor.person, ReviewAction.READ_CYCLE_STATUS, cycle)
        lines = [f"*{shown(cycle.name)}*"]
        for count_ in stage_counts(session, cycle, today, names=True):
            lines.append(
                t(
                    "• {stage} (due {date}): {done} done, {owed} owed, {overdue} overdue",
                    stage=t(STAGE_NAMES[count_.stage]),
                    date=day_text(t, count_.due),
                    done=count_.done,
                    owed=count_.owed,
                    overdue=count_.overdue,
                )
            )
            if count_.owing:
                lines.append("    " + listed(t, [shown(name) for name in count_.owing]))
        reply = truncate("\n".join(lines), 3000)
    else:
        cycles = list_cycles(session, actor.workspace)
        lines = [f"• {c.id}: {shown(c.name)} ({c.status.value})" for c in cycles[:20]]
        usage = t(
            "`/perf cycle new`, `/perf cycle launch ID`, `/perf cycle status ID`, `/perf cycle list`, "
            "`/perf cycle release ID [department]`"
        )
        reply = "\n".join([*lines, usage]) if lines else t("No review cycles yet.") + "\n" + usage
    return Done(answer={"response_type": "ephemeral", "text": reply})


def register(app: App, deps: Deps) -> None:
    @app.view(ReviewCallback.NEW_CYCLE_MODAL)
    def handle_new_cycle(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        data = read_new_cycle(view["state"]["values"])

        def create(session: Session, actor: Actor) -> Done:
            try:
                definition = check_definition(data)
            except DomainError as error:
                raise _on_fields(error) from None
            cycle = create_cycle(session, actor.workspace, actor.person, definition)
            text = actor.t(
                "Review cycle {id} ({name}) is saved as a draft. Launch it with `/perf cycle launch {id}`.",
                id=cycle.id,
                name=shown(cycle.name),
            )
            return Done().then(client.chat_postMessage, channel=actor.person.slack_user_id, text=text)

        submit(deps, ack, client, context, create)
