"""The directory: people imported with Slack's time zone and language, and kept current."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import enqueue_welcomes
from models.people import Profile, SlackMembers, import_org, sync_profiles
from scheduler.delivery import Delivery
from tests.factories import make_person, make_workspace
from tests.scheduler.helpers import FakeSender, rows

TOKYO = ZoneInfo("Asia/Tokyo")
HEADER = "email,name,manager_email,role,department,title,slack_user_id"


def test_a_reminder_for_an_imported_person_in_tokyo_waits_for_nine_in_tokyo(
    session_factory: sessionmaker[Session],
) -> None:
    evening_in_tokyo = datetime(2026, 11, 24, 20, 35, tzinfo=TOKYO)  # 11:35 UTC: UTC working hours
    members = SlackMembers.of([Profile(user_id="U1", name="Aki", tz="Asia/Tokyo", locale="ja-JP")])
    with unit_of_work(session_factory) as session:
        workspace = make_workspace(session)
        report = import_org(
            session, workspace, f"{HEADER}\naki@example.com,Aki,,employee,Eng,Dev,U1\n", members
        )
        enqueue_welcomes(session, report.new_people, evening_in_tokyo)

    stats = Delivery(session_factory, FakeSender()).drain(evening_in_tokyo)

    assert (stats.sent, stats.deferred) == (0, 1)
    [waiting] = rows(session_factory)
    assert waiting.not_before == datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)


def test_slack_deactivation_comes_and_goes_with_slack_but_the_org_imports_stays(session: Session) -> None:
    workspace = make_workspace(session)
    left = make_person(session, workspace, "U1", in_org_chart=True)
    dropped = make_person(session, workspace, "U2", in_org_chart=True)
    import_org(
        session,
        workspace,
        f"{HEADER}\nu1@example.com,U1,,employee,Eng,Dev,U1\n",
        SlackMembers.of([Profile(user_id="U1", name="")]),
    )
    assert dropped.active is False  # the file no longer lists them

    gone = [Profile(user_id="U1", name="", deleted=True), Profile(user_id="U2", name="", deleted=True)]
    assert sync_profiles(session, workspace, gone, locale_asked=True) == 2  # U2: language now known
    assert left.active is False

    back = [Profile(user_id="U1", name="", tz="Asia/Tokyo"), Profile(user_id="U2", name="")]
    sync_profiles(session, workspace, back, locale_asked=True)
    assert (left.active, left.tz, left.locale) == (True, "Asia/Tokyo", "")
    assert dropped.active is False, "HR's file, not Slack, brings back whom HR left out"


def test_the_files_name_stands_and_slacks_fills_in_for_people_met_in_slack(session: Session) -> None:
    workspace = make_workspace(session)
    imported = make_person(session, workspace, "U1", name="Name From File", in_org_chart=True)
    guest = make_person(session, workspace, "U2", name="old")

    sync_profiles(
        session,
        workspace,
        [Profile(user_id="U1", name="Slack Name"), Profile(user_id="U2", name="Gus", locale="de-DE")],
        locale_asked=False,
    )

    assert (imported.name, imported.locale) == ("Name From File", None)
    assert (guest.name, guest.locale) == ("Gus", "de-DE")
