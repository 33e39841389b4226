"""People for the ack bench, brought in the way HR does: a CSV through `perfbot org import`'s code,
matched against the fake Slack's `users.list`, with no prior contact (no one has used perfbot yet).

Every person has a Slack time zone and language the bench did not choose for perfbot: the
import must carry them over, so a request by anyone costs no Slack call before its ack.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.sandbox.slack import FakeSlack
from handlers.directory import list_members
from models.db import make_session_factory, unit_of_work
from models.people import import_org
from models.workspace import Workspace

ZONES = [
    ("Europe/Istanbul", "tr-TR"),
    ("Asia/Shanghai", "zh-CN"),
    ("America/Lima", "es-LA"),
    ("UTC", "en-US"),
]
HEADER = "email,name,manager_email,role,department,title,slack_user_id"


class Member(Protocol):
    user_id: str
    name: str


def org_csv(people: Sequence[Member]) -> str:
    """The first person heads the org; half the rows name their Slack user, half only an email."""
    top = f"{people[0].user_id.lower()}@example.com"
    rows = []
    for index, person in enumerate(people):
        email = f"{person.user_id.lower()}@example.com"
        manager = "" if index == 0 else top
        slack_user_id = person.user_id if index % 2 else ""
        rows.append(f"{email},{person.name},{manager},employee,Bench,Tester,{slack_user_id}")
    return "\n".join([HEADER, *rows]) + "\n"


def import_people(
    engine: Engine,
    fake: FakeSlack,
    people: Sequence[Member],
    *,
    token: str,
    channel_id: str,
    values: list[str],
) -> int:
    """The workspace id, with everyone in `people` imported; the fake's call log is cleared after."""
    for index, person in enumerate(people):
        tz, locale = ZONES[index % len(ZONES)]
        fake.add_user(
            person.user_id, person.name, email=f"{person.user_id.lower()}@example.com", tz=tz, locale=locale
        )
    members = list_members(WebClient(token=token, base_url=fake.url))
    with unit_of_work(make_session_factory(engine)) as session:
        workspace = Workspace(team_id=fake.team_id, recognition_channel_id=channel_id, company_values=values)
        session.add(workspace)
        session.flush()
        report = import_org(session, workspace, org_csv(people), members)
        if report.failures:
            raise RuntimeError(f"the bench's org file did not import: {report.failures[:3]}")
        workspace_id = workspace.id
    fake.reset()
    return workspace_id
