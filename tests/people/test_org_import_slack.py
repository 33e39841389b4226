"""Importing the org chart: matching rows to Slack's members, and what the import costs."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from models.people import (
    Profile,
    Role,
    import_org,
)
from tests.conftest import StatementCounter
from tests.factories import make_person, make_workspace
from tests.people.test_org_import import NO_LOOKUP, ORG, failures, org_csv, people_by_email, slack


def test_slack_lookup_gives_id_time_zone_and_real_name(session: Session) -> None:
    workspace = make_workspace(session)
    directory = slack(
        Profile(user_id="U777", name="Ann Slack", email="ann@example.com", tz="Asia/Shanghai", locale="zh-CN")
    )

    report = import_org(session, workspace, org_csv("Ann@Example.com,,,employee,Eng,Dev,"), directory)

    assert report.created == 1
    ann = people_by_email(session, workspace)["Ann@Example.com"]
    assert (ann.slack_user_id, ann.name, ann.tz, ann.locale) == (
        "U777",
        "Ann Slack",
        "Asia/Shanghai",
        "zh-CN",
    )


def test_the_files_name_wins_over_slacks(session: Session) -> None:
    workspace = make_workspace(session)
    directory = slack(Profile(user_id="U777", name="Ann Slack", email="ann@example.com", tz="Europe/Paris"))

    import_org(session, workspace, org_csv("ann@example.com,Ann File,,employee,Eng,Dev,"), directory)

    ann = people_by_email(session, workspace)["ann@example.com"]
    assert (ann.name, ann.tz) == ("Ann File", "Europe/Paris")


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (None, "ann@example.com is not in Slack"),
        (Profile(user_id="U777", name="Ann", email="ann@example.com", deleted=True), "deactivated in Slack"),
        (Profile(user_id="B777", name="Annbot", email="ann@example.com", is_bot=True), "is a bot"),
    ],
)
def test_people_slack_cannot_vouch_for_are_reported(
    session: Session, answer: Profile | None, reason: str
) -> None:
    workspace = make_workspace(session)
    directory = slack(Profile(user_id="U2", name="Bob"), *([answer] if answer else []))
    text = org_csv(
        "ann@example.com,Ann,,manager,Eng,Lead,",
        "bob@example.com,Bob,ann@example.com,employee,Eng,Dev,U2",
    )

    report = import_org(session, workspace, text, directory)

    assert report.failures[0].line == 2
    assert report.failures[0].reason.startswith(reason)
    assert failures(report)[1] == (3, "manager ann@example.com could not be imported")
    assert people_by_email(session, workspace) == {}


def test_every_row_gets_time_zone_and_language_with_or_without_slack_user_id(session: Session) -> None:
    workspace = make_workspace(session)
    make_person(session, workspace, "U100", email="known@example.com")
    directory = slack(
        Profile(user_id="U100", name="K", email="other@example.com", tz="Asia/Tokyo", locale="ja-JP"),
        Profile(user_id="U200", name="New", email="new@example.com", tz="Europe/Istanbul", locale="tr-TR"),
        Profile(user_id="U300", name="Given", tz="Asia/Shanghai", locale="zh-CN"),
    )
    text = org_csv(
        "known@example.com,Known,,employee,Eng,Dev,",
        "given@example.com,Given,,employee,Eng,Dev,U300",
        "new@example.com,New,,employee,Eng,Dev,",
    )

    report = import_org(session, workspace, text, directory)

    assert (report.created, report.updated, report.failed) == (2, 1, 0)
    people = people_by_email(session, workspace)
    assert [(people[e].slack_user_id, people[e].tz, people[e].locale) for e in sorted(people)] == [
        ("U300", "Asia/Shanghai", "zh-CN"),
        ("U100", "Asia/Tokyo", "ja-JP"),
        ("U200", "Europe/Istanbul", "tr-TR"),
    ]


def test_a_slack_user_id_slack_does_not_list_is_refused(session: Session) -> None:
    workspace = make_workspace(session)

    report = import_org(session, workspace, org_csv("a@example.com,A,,employee,Eng,Dev,UNOBODY"), NO_LOOKUP)

    assert failures(report) == [(2, "Slack user UNOBODY is not in this workspace")]
    assert report.imported == 0


def test_a_member_slack_has_no_language_for_is_stored_as_asked(session: Session) -> None:
    workspace = make_workspace(session)
    directory = slack(Profile(user_id="U1", name="A", tz="America/Lima"))

    import_org(session, workspace, org_csv("a@example.com,A,,employee,Eng,Dev,U1"), directory)

    person = people_by_email(session, workspace)["a@example.com"]
    assert (person.tz, person.locale) == ("America/Lima", "")


def test_someone_registered_on_first_contact_is_matched_by_their_slack_user(session: Session) -> None:
    workspace = make_workspace(session)
    registered = make_person(session, workspace, "U100", email=None, name="From Slack")
    directory = slack(Profile(user_id="U100", name="Ann", email="ann@example.com"))

    report = import_org(session, workspace, org_csv("ann@example.com,Ann,,manager,Eng,Lead,"), directory)

    assert (report.created, report.updated) == (0, 1)
    assert registered.email == "ann@example.com"
    assert registered.role is Role.MANAGER
    assert list(people_by_email(session, workspace)) == ["ann@example.com"]


def test_a_slack_user_already_registered_as_someone_else_is_refused(session: Session) -> None:
    workspace = make_workspace(session)
    make_person(session, workspace, "U100", email="ann@example.com")
    make_person(session, workspace, "U200", email="bob@example.com")
    text = org_csv(
        "ann@example.com,Ann,,employee,Eng,Dev,U200",
        "bob@example.com,Bob,,employee,Eng,Dev,U200",
    )

    report = import_org(session, workspace, text, NO_LOOKUP)

    assert failures(report) == [
        (2, "Slack user U200 is already registered as someone else (bob@example.com)"),
        (3, "Slack user U200 is also on line 2"),
    ]
    # Neither is deactivated: a refused row still says the person belongs to the org.
    assert report.deactivated == 0


def test_two_rows_that_turn_out_to_be_one_person_are_refused(session: Session) -> None:
    workspace = make_workspace(session)
    make_person(session, workspace, "U100", email="old@example.com")
    text = org_csv(
        "new@example.com,New Address,,employee,Eng,Dev,U100",
        "old@example.com,Old Address,,employee,Eng,Dev,",
    )

    report = import_org(session, workspace, text, NO_LOOKUP)

    assert failures(report) == [(3, "Slack user U100 is also on line 2")]


def test_a_failed_row_does_not_deactivate_the_person_it_is_about(session: Session) -> None:
    workspace = make_workspace(session)
    import_org(session, workspace, ORG, NO_LOOKUP)

    report = import_org(session, workspace, ORG.replace(",employee,", ",wizard,"), NO_LOOKUP)

    assert (report.failed, report.deactivated) == (1, 0)
    dev = people_by_email(session, workspace)["dev@example.com"]
    assert (dev.active, dev.role) == (True, Role.EMPLOYEE)


def test_an_import_never_touches_another_workspace(session: Session) -> None:
    ours, theirs = make_workspace(session, "T001"), make_workspace(session, "T002")
    import_org(session, theirs, ORG, NO_LOOKUP)

    report = import_org(session, ours, org_csv("solo@example.com,Solo,,employee,Eng,Dev,U001"), NO_LOOKUP)

    assert (report.created, report.deactivated) == (1, 0)
    assert all(person.active for person in people_by_email(session, theirs).values())
    assert len(people_by_email(session, theirs)) == 3


def big_org(size: int, title: str) -> str:
    rows = ["p0@example.com,Person 0,,hr_admin,Exec,CEO,U0"]
    rows += [
        f"p{i}@example.com,Person {i},p{i // 5}@example.com,employee,Eng,{title},U{i}" for i in range(1, size)
    ]
    return org_csv(*rows)


def selects_for_reimport(
    session: Session, engine: Engine, count_statements: type[StatementCounter], size: int
) -> int:
    workspace = make_workspace(session, f"T{size}")
    import_org(session, workspace, big_org(size, "Developer"), NO_LOOKUP)
    session.flush()
    session.expire_all()  # an attribute loaded lazily would show up as a SELECT per person
    with count_statements(engine) as counter:
        report = import_org(session, workspace, big_org(size, "Senior Developer"), NO_LOOKUP)
    assert (report.updated, report.created) == (size - 1, 0)
    return sum(1 for statement in counter.statements if statement.lstrip().upper().startswith("SELECT"))


def test_reimport_selects_do_not_grow_with_the_number_of_people(
    session: Session, engine: Engine, count_statements: type[StatementCounter]
) -> None:
    small = selects_for_reimport(session, engine, count_statements, 10)
    large = selects_for_reimport(session, engine, count_statements, 200)

    assert small == large
    assert small <= 2
