"""Who is asking, in which workspace, and in which language to answer them."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.directory import ensure_person
from models.i18n import Translator, translator
from models.people import Person, workspace_and_person
from models.workspace import Workspace, get_or_create_workspace

TRANSLATOR_KEY = "perfbot_translator"


@dataclass
class Actor:
    workspace: Workspace
    person: Person
    t: Translator


def load_workspace(session: Session, context: BoltContext) -> Workspace:
    team_id = context.team_id or context.enterprise_id
    if not team_id:
        raise ValueError("request carries no team or enterprise id")
    return get_or_create_workspace(session, team_id, context.enterprise_id)


def load_actor(session: Session, client: WebClient, context: BoltContext) -> Actor:
    """The requesting person, registered on first contact; remembers their translator for error replies.

    Someone perfbot knows costs one query for the workspace and them together, and no Slack call.
    """
    if not context.user_id:
        raise ValueError("request carries no user id")
    workspace, person = workspace_and_person(
        session, context.team_id or context.enterprise_id or "", context.user_id
    )
    if workspace is None:
        workspace = load_workspace(session, context)
    if person is None:
        person = ensure_person(session, client, workspace, context.user_id)
    t = translator(person.locale, workspace.default_locale)
    context[TRANSLATOR_KEY] = t
    return Actor(workspace=workspace, person=person, t=t)


def context_translator(context: BoltContext) -> Translator:
    found = context.get(TRANSLATOR_KEY)
    return found if isinstance(found, Translator) else translator(None)
