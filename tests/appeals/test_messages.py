"""The appeal DMs as their readers get them: the assignee everything needed to decide, the appellant
the decision and its reasoning, the manager the outcome only; in English and Chinese; moot ones skipped."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals import (
    AppealMessage,
    Outcome,
    answer_statement,
    ask_employee,
    ask_statement,
    decide_appeal,
    reopen_appeal,
    withdraw_appeal,
)
from models.i18n import translator
from models.messaging import OutboxMessage
from models.people import Person
from scheduler.jobs import renderers
from scheduler.jobs.base import OutboxRow, RenderContext, Skip
from tests.appeals.helpers import REASON, AppealScene, file, make_scene
from tests.reviews.helpers import NOW

LATER = NOW + timedelta(hours=2)
DUE = NOW.date() + timedelta(days=3)
SECRET_REASON = REASON
EXPLANATION = "The migration was the quarter's main result; <!channel> it counts."


def render(session: Session, scene: AppealScene, kind: str, person: Person, locale: str = "en") -> str | Skip:
    row = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.kind == kind, OutboxMessage.person_id == person.id)
        .order_by(OutboxMessage.id.desc())
    ).first()
    assert row is not None, f"no {kind} for {person.name}"
    context = RenderContext(
        session=session,
        row=OutboxRow.of(row),
        workspace=scene.workspace,
        recipient=person,
        t=translator(locale),
        tz=UTC,
        tz_name="UTC",
        now=LATER,
    )
    message = renderers()[kind](context)
    if isinstance(message, Skip):
        return message
    message.blocks_json()  # Slack's limits checked
    return message.text + "\n" + str(message.blocks_json())


def test_every_kind_has_a_renderer() -> None:
    assert set(AppealMessage) <= set(renderers())


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_the_assignee_gets_the_whole_record_and_the_manager_only_what_is_shared(
    session: Session, locale: str
) -> None:
    scene = make_scene(session)
    appeal = file(session, scene, evidence=["link:https://wiki.example.com/migration"])
    hana = scene.hr[0]
    assigned = render(session, scene, AppealMessage.ASSIGNED, hana, locale)
    assert isinstance(assigned, str)
    for expected in ("1 × 3.33 = 3.33 → 3", "ignores the migration", "wiki.example.com", "<@UOLIVE>"):
        assert expected in assigned
    assert "appeal_decide_open" in assigned and "appeal_ask_statement_open" in assigned
    filed = render(session, scene, AppealMessage.FILED, scene.olive, locale)
    assert isinstance(filed, str) and "appeal_withdraw" in filed
    ask_statement(session, scene.workspace, hana, appeal.id, "Why a 3?", False, DUE, LATER)
    request = render(session, scene, AppealMessage.STATEMENT_REQUEST, scene.boss, locale)
    assert isinstance(request, str) and "Why a 3?" in request and "appeal_statement_open" in request
    assert "ignores the migration" not in request
    answer_statement(session, scene.workspace, scene.boss, appeal.id, "It slipped.", LATER)
    answered = render(session, scene, AppealMessage.ANSWERED, hana, locale)
    assert isinstance(answered, str) and "It slipped." not in answered  # the DM points to the record
    ask_employee(session, scene.workspace, hana, appeal.id, "Who helped?", DUE, LATER)
    question = render(session, scene, AppealMessage.QUESTION, scene.olive, locale)
    assert isinstance(question, str) and "Who helped?" in question and "appeal_answer_open" in question


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_the_decision_reaches_the_appellant_with_reasons_and_the_manager_without(
    session: Session, locale: str
) -> None:
    scene = make_scene(session)
    appeal = file(session, scene)
    hana = scene.hr[0]
    decide_appeal(session, scene.workspace, hana, appeal.id, Outcome.ADJUSTED, EXPLANATION, 5, LATER)
    told = render(session, scene, AppealMessage.DECIDED, scene.olive, locale)
    assert isinstance(told, str) and "quarter's main result" in told and "<!channel>" not in told
    assert "5 · Outstanding" in told and "3 · Meets expectations" in told
    manager = render(session, scene, AppealMessage.OUTCOME, scene.boss, locale)
    assert isinstance(manager, str) and "<@UOLIVE>" in manager
    assert "quarter's main result" not in manager and "migration" not in manager
    assert ("Adjusted" in manager) if locale == "en" else ("调整评级" in manager)


def test_moot_messages_are_skipped(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene)
    decide_appeal(session, scene.workspace, scene.hr[0], appeal.id, Outcome.UPHELD, "It stands.", None, LATER)
    reopen_appeal(session, scene.workspace, scene.hr[0], appeal.id, "New facts came up.", LATER)
    assert isinstance(render(session, scene, AppealMessage.DECIDED, scene.olive), Skip)
    assert isinstance(render(session, scene, AppealMessage.OUTCOME, scene.boss), Skip)
    assert isinstance(render(session, scene, AppealMessage.REOPENED, scene.olive), str)
    withdraw_appeal(session, scene.workspace, scene.olive, appeal.id, LATER)
    assert isinstance(render(session, scene, AppealMessage.ASSIGNED, scene.hr[0]), Skip)
    assert isinstance(render(session, scene, AppealMessage.WITHDRAWN, scene.hr[0]), str)
