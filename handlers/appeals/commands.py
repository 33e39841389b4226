"""`/perf appeals [CYCLE_ID]` (HR: the queue and the cycle's figures), `/perf appeals settings`, and
the appeals section of App Home."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from sqlalchemy.orm import Session

from handlers.appeals.settings_listeners import open_appeal_settings
from handlers.appeals.status_views import appeals_home_blocks, queue_message
from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.submission import Done
from models.appeals import appeal_stats, hr_queue, my_appeals
from models.errors import DomainError
from models.i18n import N_, Translator
from models.people import Person
from models.reviews import ReviewCycle, get_cycle, running_cycles
from models.workspace import Workspace


def appeals_command(
    session: Session, actor: Actor, words: list[str], client: WebClient, command: dict[str, Any], deps: Deps
) -> Done:
    if words and words[0].lower() == "settings" and len(words) == 1:
        view = open_appeal_settings(session, actor)
        return Done().then(client.views_open, trigger_id=command["trigger_id"], view=view)
    if len(words) > 1 or (words and not words[0].isdigit()):
        raise DomainError(N_("Usage: `/perf appeals [CYCLE_ID]` or `/perf appeals settings`."))
    now = deps.clock()
    queue = hr_queue(session, actor.workspace, actor.person, now)  # HR only, and says so
    cycle: ReviewCycle | None = None
    if words:
        cycle = get_cycle(session, actor.workspace, int(words[0]))
    else:
        running = running_cycles(session, actor.workspace.id)
        cycle = running[-1] if running else None
    stats = appeal_stats(session, actor.workspace, actor.person, cycle.id) if cycle is not None else None
    message = queue_message(actor.t, queue, stats, cycle.name if cycle is not None else "")
    return Done(answer={"response_type": "ephemeral", "text": message.text, "blocks": message.blocks_json()})


def appeals_home(
    session: Session, workspace: Workspace, person: Person, t: Translator, now: datetime
) -> list[Block]:
    """The App Home section: HR's queue (for HR admins) and the person's own appeals."""
    queue = hr_queue(session, workspace, person, now) if person.is_hr_admin else None
    return appeals_home_blocks(t, my_appeals(session, workspace, person, now), queue)
