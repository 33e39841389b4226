"""`/perf cycle release ID [department]` (HR): a confirmation modal saying how many results will be
released and how many wait without a manager review; confirming releases them (models.reviews.releasing)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import CheckboxesElement, InputBlock, MarkdownTextObject, Option, SectionBlock
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from handlers.kit.submission import Done, submit
from handlers.reviews.format import shown
from handlers.reviews.ids import ReviewCallback
from models.errors import DomainError, Problem
from models.i18n import N_, Translator
from models.reviews import ReleaseCounts, get_cycle, release_preview, release_results
from models.reviews.releasing import refuse_if_empty

CONFIRM = "confirm"


class ReleaseModalState(ViewState):
    cycle_id: int = short(0, "c")
    department: str | None = short(None, "d")


def release_modal(
    t: Translator, cycle_id: int, name: str, department: str | None, counts: ReleaseCounts
) -> View:
    scope = (
        t("*{cycle}*, department *{department}*", cycle=shown(name), department=shown(department))
        if department
        else t("*{cycle}*, every department", cycle=shown(name))
    )
    lines = [
        scope,
        t.plural(
            "{n} result will be released now: the employee gets it by DM with the last day to appeal, "
            "and their reviewing manager is asked to hold the one-to-one.",
            "{n} results will be released now: each employee gets theirs by DM with the last day to "
            "appeal, and their reviewing manager is asked to hold the one-to-one.",
            counts.ready,
        ),
        t.plural(
            "{n} waits without a submitted manager review and is not released.",
            "{n} wait without a submitted manager review and are not released.",
            counts.waiting,
        ),
    ]
    if counts.released:
        lines.append(t("{n} released before are not messaged again.", n=counts.released))
    return View(
        type="modal",
        callback_id=ReviewCallback.RELEASE_MODAL,
        title=truncate(t("Release results"), 24),
        submit=truncate(t("Release"), 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=ReleaseModalState(cycle_id=cycle_id, department=department).dump(),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=truncate("\n".join(lines), 3000))),
            InputBlock(
                block_id=CONFIRM,
                label=t("Confirm"),
                element=CheckboxesElement(
                    action_id=CONFIRM,
                    options=[
                        Option(text=t("Release these results now; this cannot be undone."), value="yes")
                    ],
                ),
            ),
        ],
    )


def release_command(
    session: Session, actor: Actor, words: list[str], client: WebClient, trigger_id: str
) -> Done:
    """`/perf cycle release ID [department]`: the confirmation, with the counts (refusals come here)."""
    if not words or not words[0].isdigit():
        raise DomainError(N_("Say which cycle: `/perf cycle release ID [department]`."))
    cycle_id, department = int(words[0]), " ".join(words[1:]).strip() or None
    counts = release_preview(session, actor.workspace, actor.person, cycle_id, department)
    refuse_if_empty(counts)  # the refusal releasing would give, before a modal that could only fail
    cycle = get_cycle(session, actor.workspace, cycle_id)
    view = release_modal(actor.t, cycle_id, cycle.name, department, counts)
    return Done().then(client.views_open, trigger_id=trigger_id, view=view)


def register(app: App, deps: Deps) -> None:
    @app.view(ReviewCallback.RELEASE_MODAL)
    def handle_release(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = ReleaseModalState.load(view.get("private_metadata"))

        chosen = ((view.get("state") or {}).get("values") or {}).get(CONFIRM, {}).get(CONFIRM) or {}
        confirmed = bool(chosen.get("selected_options"))

        def release(session: Session, actor: Actor) -> Done:
            if not confirmed:
                raise DomainError.of([Problem(N_("Tick the box to release these results."), CONFIRM)])
            now = deps.clock()
            counts = release_preview(session, actor.workspace, actor.person, state.cycle_id, state.department)
            released = release_results(
                session, actor.workspace, actor.person, state.cycle_id, now, state.department
            )
            text = actor.t.plural(
                "{n} result of cycle {id} is released; {waiting} still wait without a manager review. "
                "The messages go out in each person's working hours.",
                "{n} results of cycle {id} are released; {waiting} still wait without a manager review. "
                "The messages go out in each person's working hours.",
                released,
                id=state.cycle_id,
                waiting=counts.waiting,
            )
            return Done().then(client.chat_postMessage, channel=actor.person.slack_user_id, text=text)

        submit(deps, ack, client, context, release)
