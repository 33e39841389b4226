"""Importing the org chart from CSV: people, managers, roles, and every reason a row is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.people import (
    ImportReport,
    Person,
    Profile,
    Role,
    RoleChange,
    SlackMembers,
    UnusableFile,
    import_org,
    parse_role,
    read_org_csv,
)
from models.workspace import Workspace
from tests.factories import make_person, make_workspace

HEADER = "email,name,manager_email,role,department,title,slack_user_id"


def org_csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def slack(*profiles: Profile) -> SlackMembers:
    return SlackMembers.of(profiles)


# The Slack users the files below name by slack_user_id, with nothing to add to the file's words.
_IDS = [f"U{i}" for i in range(200)] + [f"U{i:03d}" for i in range(1, 17)] + ["U100", "U200", "U300"]
NO_LOOKUP = slack(*(Profile(user_id=user_id, name="") for user_id in _IDS))


def people_by_email(session: Session, workspace: Workspace) -> dict[str, Person]:
    people = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    return {person.email or "": person for person in people}


def failures(report: ImportReport) -> list[tuple[int, str]]:
    return [(failure.line, failure.reason) for failure in report.failures]


def audit_actions(session: Session, workspace: Workspace) -> list[tuple[str, str | None, object, object]]:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.workspace_id == workspace.id).order_by(AuditEntry.id)
    )
    return [(entry.action, entry.reason, entry.before, entry.after) for entry in entries]


ORG = org_csv(
    "ceo@example.com,Cleo CEO,,hr_admin,Exec,Chief Executive,U001",
    "eng@example.com,Erin Eng,ceo@example.com,manager,Engineering,Head of Engineering,U002",
    "dev@example.com,Dev One,eng@example.com,employee,Engineering,Developer,U003",
)


def test_first_import_creates_people_with_managers_and_roles(session: Session) -> None:
    workspace = make_workspace(session)

    report = import_org(session, workspace, ORG, NO_LOOKUP)

    assert (report.created, report.updated, report.failed) == (3, 0, 0)
    people = people_by_email(session, workspace)
    assert people["ceo@example.com"].manager_id is None
    assert people["eng@example.com"].manager_id == people["ceo@example.com"].id
    assert people["dev@example.com"].manager_id == people["eng@example.com"].id
    assert [people[e].role for e in ("ceo@example.com", "eng@example.com", "dev@example.com")] == [
        Role.HR_ADMIN,
        Role.MANAGER,
        Role.EMPLOYEE,
    ]
    dev = people["dev@example.com"]
    assert (dev.slack_user_id, dev.name, dev.department, dev.title, dev.active) == (
        "U003",
        "Dev One",
        "Engineering",
        "Developer",
        True,
    )


def test_reimport_updates_people_in_place_without_duplicating_them(session: Session) -> None:
    workspace = make_workspace(session)
    import_org(session, workspace, ORG, NO_LOOKUP)

    changed = org_csv(
        "ceo@example.com,Cleo CEO,,hr_admin,Exec,Chief Executive,U001",
        "eng@example.com,Erin Eng,ceo@example.com,manager,Engineering,VP Engineering,U002",
        "DEV@example.com,Dev One,ceo@example.com,employee,Engineering,Developer,",
    )
    report = import_org(session, workspace, changed, NO_LOOKUP)

    assert (report.created, report.updated, report.unchanged, report.deactivated) == (0, 2, 1, 0)
    people = people_by_email(session, workspace)
    assert len(people) == 3
    assert people["eng@example.com"].title == "VP Engineering"
    assert people["DEV@example.com"].manager_id == people["ceo@example.com"].id
    assert people["DEV@example.com"].slack_user_id == "U003"


def test_person_missing_from_a_later_import_is_deactivated_then_reactivated(session: Session) -> None:
    workspace = make_workspace(session)
    import_org(session, workspace, ORG, NO_LOOKUP)
    without_dev = "\n".join(ORG.splitlines()[:3]) + "\n"

    report = import_org(session, workspace, without_dev, NO_LOOKUP)
    assert (report.deactivated, report.unchanged) == (1, 2)
    dev = people_by_email(session, workspace)["dev@example.com"]
    assert dev.active is False

    report = import_org(session, workspace, ORG, NO_LOOKUP)
    assert (report.reactivated, report.created, report.deactivated) == (1, 0, 0)
    assert dev.active is True
    assert [entry for entry in audit_actions(session, workspace) if entry[0] != "person.role"] == [
        ("person.deactivate", "org import", {"active": True}, {"active": False}),
        ("person.reactivate", "org import", {"active": False}, {"active": True}),
    ]


def test_someone_registered_on_first_contact_is_not_deactivated_by_an_import(session: Session) -> None:
    workspace = make_workspace(session)
    guest = make_person(session, workspace, "UGUEST", name="Gus Guest")  # met in Slack, never imported

    report = import_org(session, workspace, ORG, NO_LOOKUP)

    assert report.deactivated == 0 and guest.active is True
    assert sorted(person.email or "" for person in report.new_people) == [
        "ceo@example.com",
        "dev@example.com",
        "eng@example.com",
    ]
    assert import_org(session, workspace, ORG, NO_LOOKUP).new_people == []


def test_role_changes_are_audited_with_no_actor(session: Session) -> None:
    workspace = make_workspace(session)
    import_org(session, workspace, ORG, NO_LOOKUP)
    promoted = ORG.replace("Dev One,eng@example.com,employee", "Dev One,eng@example.com,Manager")

    report = import_org(session, workspace, promoted, NO_LOOKUP)

    assert report.role_changes == [RoleChange("dev@example.com", Role.EMPLOYEE, Role.MANAGER)]
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "person.role")).all()
    # New people who start above employee are audited too; employees are the default.
    assert [(entry.before, entry.after, entry.actor_id, entry.reason) for entry in entries] == [
        ({"role": None}, {"role": "hr_admin"}, None, "org import"),
        ({"role": None}, {"role": "manager"}, None, "org import"),
        ({"role": "employee"}, {"role": "manager"}, None, "org import"),
    ]
    dev = people_by_email(session, workspace)["dev@example.com"]
    assert entries[-1].entity_id == dev.id


def test_empty_role_keeps_an_existing_persons_role(session: Session) -> None:
    workspace = make_workspace(session)
    import_org(session, workspace, ORG, NO_LOOKUP)

    import_org(session, workspace, ORG.replace(",,hr_admin,", ",,,"), NO_LOOKUP)

    assert people_by_email(session, workspace)["ceo@example.com"].role is Role.HR_ADMIN


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("employee", Role.EMPLOYEE),
        ("EMPLOYEE", Role.EMPLOYEE),
        ("Manager", Role.MANAGER),
        ("hr_admin", Role.HR_ADMIN),
        ("HR Admin", Role.HR_ADMIN),
        ("hr-admin", Role.HR_ADMIN),
        ("hr", Role.HR_ADMIN),
        ("", None),
    ],
)
def test_role_spellings(text: str, role: Role | None) -> None:
    assert parse_role(text) is role


def test_bad_rows_are_reported_with_their_physical_line_numbers(session: Session) -> None:
    workspace = make_workspace(session)
    text = org_csv(
        'ceo@example.com,Cleo CEO,,hr_admin,Exec,"Chief Executive,\nand founder",U001',  # lines 2-3
        "a@example.com,A,nobody@example.com,employee,Eng,Dev,U010",  # line 4
        "b@example.com,B,ceo@example.com,wizard,Eng,Dev,U011",  # line 5
        ",No Email,ceo@example.com,employee,Eng,Dev,U012",  # line 6
        "not-an-email,Bad,ceo@example.com,employee,Eng,Dev,U013",  # line 7
        "",  # line 8: blank lines are skipped but counted
        "ceo@example.com,Cleo Again,,employee,Exec,CEO,U014",  # line 9
        'c@example.com,"C\n\nC",ceo@example.com,employee,Eng,Dev,U001',  # lines 10-12
        "d@example.com,D,ceo@example.com,employee,Eng,Dev,U015,extra",  # line 13
        "e@example.com,E,ceo@example.com,employee,Eng,Dev,bad id",  # line 14
        "f@example.com,F,ceo@example.com,employee,Eng,Dev,U016",  # line 15: fine
    )

    report = import_org(session, workspace, text, NO_LOOKUP)

    assert failures(report) == [
        (4, "unknown manager nobody@example.com"),
        (5, 'unknown role "wizard" (use employee, manager or hr_admin)'),
        (6, "missing email"),
        (7, 'invalid email "not-an-email"'),
        (9, "duplicate email ceo@example.com (first on line 2)"),
        (10, "Slack user U001 is also on line 2"),
        (13, "8 fields but the header has 7 (quote values that contain commas)"),
        (14, 'invalid slack_user_id "bad id"'),
    ]
    assert (report.created, report.failed) == (2, 8)
    people = people_by_email(session, workspace)
    assert set(people) == {"ceo@example.com", "f@example.com"}
    assert people["ceo@example.com"].title == "Chief Executive,\nand founder"
    assert people["f@example.com"].manager_id == people["ceo@example.com"].id


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            ["self@example.com,S,self@example.com,employee,Eng,Dev,U1"],
            [(2, "manager cycle: self@example.com → self@example.com")],
            id="self",
        ),
        pytest.param(
            [
                "a@example.com,A,b@example.com,employee,Eng,Dev,U1",
                "b@example.com,B,a@example.com,employee,Eng,Dev,U2",
            ],
            [
                (2, "manager cycle: a@example.com → b@example.com → a@example.com"),
                (3, "manager cycle: b@example.com → a@example.com → b@example.com"),
            ],
            id="two",
        ),
        pytest.param(
            [
                "a@example.com,A,b@example.com,employee,Eng,Dev,U1",
                "b@example.com,B,c@example.com,employee,Eng,Dev,U2",
                "c@example.com,C,a@example.com,employee,Eng,Dev,U3",
            ],
            [
                (2, "manager cycle: a@example.com → b@example.com → c@example.com → a@example.com"),
                (3, "manager cycle: b@example.com → c@example.com → a@example.com → b@example.com"),
                (4, "manager cycle: c@example.com → a@example.com → b@example.com → c@example.com"),
            ],
            id="three",
        ),
    ],
)
def test_manager_cycles_are_refused(
    session: Session, rows: list[str], expected: list[tuple[int, str]]
) -> None:
    workspace = make_workspace(session)
    top = "top@example.com,Top,,employee,Exec,CEO,U9"

    report = import_org(session, workspace, org_csv(*rows, top), NO_LOOKUP)

    assert failures(report) == expected
    assert set(people_by_email(session, workspace)) == {"top@example.com"}


def test_reports_of_a_failed_manager_are_reported_not_linked_to_nobody(session: Session) -> None:
    workspace = make_workspace(session)
    text = org_csv(
        "leaf@example.com,Leaf,mid@example.com,employee,Eng,Dev,U3",
        "mid@example.com,Mid,boss@example.com,manager,Eng,Lead,U2",
        "boss@example.com,Boss,,wizard,Eng,Boss,U1",
        "loop-report@example.com,LR,x@example.com,employee,Eng,Dev,U4",
        "x@example.com,X,y@example.com,employee,Eng,Dev,U5",
        "y@example.com,Y,x@example.com,employee,Eng,Dev,U6",
    )

    report = import_org(session, workspace, text, NO_LOOKUP)

    assert failures(report) == [
        (2, "manager mid@example.com could not be imported"),
        (3, "manager boss@example.com could not be imported"),
        (4, 'unknown role "wizard" (use employee, manager or hr_admin)'),
        (5, "manager x@example.com could not be imported"),
        (6, "manager cycle: x@example.com → y@example.com → x@example.com"),
        (7, "manager cycle: y@example.com → x@example.com → y@example.com"),
    ]
    assert report.created == 0


def test_missing_header_column_stops_the_import(session: Session) -> None:
    workspace = make_workspace(session)
    text = org_csv("a@example.com,A,,Eng,Dev", header="email,name,manager_email,department,title")

    with pytest.raises(UnusableFile, match="missing required column role"):
        import_org(session, workspace, text, NO_LOOKUP)
    assert people_by_email(session, workspace) == {}


def test_header_only_file_is_refused_rather_than_deactivating_everyone(session: Session) -> None:
    workspace = make_workspace(session)
    import_org(session, workspace, ORG, NO_LOOKUP)

    with pytest.raises(UnusableFile, match="no people"):
        import_org(session, workspace, org_csv(), NO_LOOKUP)
    with pytest.raises(UnusableFile, match="empty"):
        read_org_csv("")


def test_header_names_are_read_case_insensitively_in_any_order_and_slack_id_is_optional() -> None:
    org_file = read_org_csv(
        "\ufeffTitle, Email ,Name,Role,Manager_Email,Department\nDev,a@example.com,A,hr,,Eng\n"
    )

    (row,) = org_file.rows
    assert (row.email, row.title, row.role, row.slack_user_id, row.line) == (
        "a@example.com",
        "Dev",
        Role.HR_ADMIN,
        None,
        2,
    )


def test_columns_the_import_does_not_know_are_ignored() -> None:
    org_file = read_org_csv(HEADER + ",location\na@example.com,A,,employee,Eng,Dev,U1,Berlin\n")

    assert [row.email for row in org_file.rows] == ["a@example.com"]
    assert org_file.failures == []


def test_windows_line_ends_count_as_one_line_each() -> None:
    text = (
        HEADER + '\r\na@example.com,A,,employee,Eng,"Dev\r\nOps",U1\r\nb@example.com,B,,boss,Eng,Dev,U2\r\n'
    )

    org_file = read_org_csv(text)

    assert org_file.rows[0].title == "Dev\r\nOps"
    assert [(failure.line, failure.reason[:12]) for failure in org_file.failures] == [(4, "unknown role")]
