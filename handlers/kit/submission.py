"""The one path of every change made from Slack: a modal's Submit, or a button that changes something.

    typed input → unit of work → the actor → the domain operation → commit → ack → after-ack work

The operation gets the session and the actor and returns what to answer and what to do after the ack.
A `DomainError` it raises rolls the unit of work back and reaches the one error handler, which shows it
on the modal's fields (or as an ephemeral reply): nothing half-submitted remains. A new modal is a form
model, a domain call and a view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor, load_actor
from handlers.deps import Deps
from models.db import unit_of_work

AfterAck = Callable[[], object]


@dataclass
class Done:
    """What follows a committed change: what the ack carries, and the work that waits for it."""

    answer: dict[str, Any] = field(
        default_factory=dict
    )  # ack(**answer): close (empty), an ephemeral, an update
    after: list[AfterAck] = field(default_factory=list)

    def then(self, work: Callable[..., object], *args: Any, **kwargs: Any) -> Done:
        self.after.append(lambda: work(*args, **kwargs))
        return self


Operation = Callable[[Session, Actor], Done | None]


def submit(deps: Deps, ack: Ack, client: WebClient, context: BoltContext, operation: Operation) -> None:
    with unit_of_work(deps.session_factory) as session:
        actor = load_actor(session, client, context)
        done = operation(session, actor) or Done()
    # Committed: whatever the answer says has happened is durable.
    ack(**done.answer)
    for work in done.after:
        deps.run_after_ack(work)
