from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.i18n import translator
from models.praise import Praise, PraiseRequest, give_praise, praise_given, praise_received
from models.praise.service import match_values, unknown_values
from tests.factories import make_person, make_workspace

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def team(session: Session):  # type: ignore[no-untyped-def]
    workspace = make_workspace(session, company_values=["ownership", "teamwork"])
    giver = make_person(session, workspace, "UGIVER", name="Gia")
    alice = make_person(session, workspace, "UALICE", name="Alice")
    bob = make_person(session, workspace, "UBOB", name="Bob")
    return workspace, giver, alice, bob


def field_errors(error: DomainError) -> dict[str, str]:
    return error.field_errors(translator("en"))


def test_praise_is_stored_with_recipients_values_and_an_audit_entry(session: Session, team) -> None:  # type: ignore[no-untyped-def]
    workspace, giver, alice, bob = team
    praise = give_praise(
        session, workspace, giver, PraiseRequest([alice, bob], " thanks! ", ["#Ownership"]), now=NOW
    ).praise
    session.commit()
    assert [p.slack_user_id for p in praise.recipients] == ["UALICE", "UBOB"]
    assert praise.values == ["ownership"]
    assert praise.message == "thanks!"
    assert (
        session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity_id == praise.id))
        == 1
    )
    assert [p.id for p in praise_received(session, alice)] == [praise.id]
    assert [p.id for p in praise_given(session, giver)] == [praise.id]


@pytest.mark.parametrize(
    ("who", "message", "tags", "field", "words"),
    [
        ("self", "great", [], "recipients", "yourself"),
        ("none", "great", [], "recipients", "at least one"),
        ("eleven", "great", [], "recipients", "at most 10"),
        ("alice", "   ", [], "message", "Write a message"),
        ("alice", "x" * 1001, [], "message", "1000 characters"),
        ("inactive", "great", [], "recipients", "deactivated"),
    ],
)
def test_bad_praise_is_refused_on_its_field_and_nothing_is_stored(  # type: ignore[no-untyped-def]
    session: Session, team, who: str, message: str, tags: list[str], field: str, words: str
) -> None:
    workspace, giver, alice, _bob = team
    recipients = {
        "self": [giver],
        "none": [],
        "alice": [alice],
        "eleven": [make_person(session, workspace, f"UX{i}") for i in range(11)],
        "inactive": [make_person(session, workspace, "UGONE", active=False)],
    }[who]
    with pytest.raises(DomainError) as caught:
        give_praise(session, workspace, giver, PraiseRequest(recipients, message, tags), now=NOW)
    errors = field_errors(caught.value)
    assert words in errors[field]
    assert session.scalar(select(func.count()).select_from(Praise)) == 0


def test_several_problems_are_reported_together(session: Session, team) -> None:  # type: ignore[no-untyped-def]
    workspace, giver, _alice, _bob = team
    with pytest.raises(DomainError) as caught:
        give_praise(session, workspace, giver, PraiseRequest([giver], "", ["nope"]), now=NOW)
    assert set(field_errors(caught.value)) == {"recipients", "message"}


def test_a_tag_that_is_not_a_value_does_not_stop_the_praise(session: Session, team) -> None:  # type: ignore[no-untyped-def]
    workspace, giver, alice, _bob = team
    praise = give_praise(
        session,
        workspace,
        giver,
        PraiseRequest([alice], "thanks #speed #ownership", ["speed", "ownership"]),
        now=NOW,
    ).praise
    assert praise.values == ["ownership"]
    assert unknown_values(workspace, ["speed", "ownership"]) == ["speed"]


@pytest.mark.parametrize(
    ("values", "tag", "matched"),
    [
        (["ownership"], "OWNERSHIP", "ownership"),
        (["ownership"], "ＯＷＮＥＲＳＨＩＰ", "ownership"),  # full-width letters
        (["Ownership"], "＃ownership", "Ownership"),  # full-width #, the workspace's spelling wins
        (["担当", "客户第一"], "担当", "担当"),
        (["担当", "客户第一"], "担当谢谢", "担当"),  # written on without a space: the value it starts with
        (["担当", "担当精神"], "担当精神好", "担当精神"),  # the longest value that fits
        (["ownership"], "ownership谢谢", "ownership"),
        (["ownership"], "ownerships", None),  # a Latin letter goes on: another word
        (["team"], "team-work", None),
    ],
)
def test_tags_match_values_whatever_their_width_case_or_what_follows_in_chinese(
    session: Session, values: list[str], tag: str, matched: str | None
) -> None:
    workspace = make_workspace(session, company_values=values)
    found, unknown = match_values(workspace, [tag])
    assert found == ([matched] if matched else [])
    assert unknown == ([] if matched else [tag.lstrip("#＃")])


def test_a_deactivated_giver_cannot_praise(session: Session, team) -> None:  # type: ignore[no-untyped-def]
    workspace, giver, alice, _bob = team
    giver.active = False
    with pytest.raises(PermissionDenied):
        give_praise(session, workspace, giver, PraiseRequest([alice], "thanks"), now=NOW)


def test_praise_cannot_reach_into_another_workspace(session: Session, team) -> None:  # type: ignore[no-untyped-def]
    workspace, giver, _alice, _bob = team
    other = make_workspace(session, "T999")
    stranger = make_person(session, other, "USTRANGER")
    with pytest.raises(DomainError) as caught:
        give_praise(session, workspace, giver, PraiseRequest([stranger], "thanks"), now=NOW)
    assert "not in this workspace" in field_errors(caught.value)["recipients"]


def test_errors_read_in_chinese_for_a_chinese_reader(session: Session, team) -> None:  # type: ignore[no-untyped-def]
    workspace, giver, _alice, _bob = team
    with pytest.raises(DomainError) as caught:
        give_praise(session, workspace, giver, PraiseRequest([giver], "thanks"), now=NOW)
    english = caught.value.field_errors(translator("en"))["recipients"]
    chinese = caught.value.field_errors(translator("zh-CN"))["recipients"]
    assert chinese != english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
