"""`perfbot org import` and `perfbot org grant-hr` from the command line, exit codes and output."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.sandbox.slack import FakeSlack
from models.audit import AuditEntry
from models.db import make_engine, make_session_factory
from models.people import Person, Role
from models.workspace import Workspace

TOKEN = "xoxb-1111-2222-cli-org-secret"
HEADER = "email,name,manager_email,role,department,title,slack_user_id"


@pytest.fixture
def database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)  # no stray .env from the checkout
    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return url


@pytest.fixture
def with_token(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)


@pytest.fixture
def fake_slack(with_token: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSlack]:
    """The workspace T1 with the people the files below name (and the app's own bot user)."""
    with FakeSlack(team_id="T1") as fake:
        fake.add_user("U001", "Cleo Slack", "ceo@example.com", tz="Europe/Istanbul", locale="tr-TR")
        fake.add_user("U002", "Dev Slack", "dev@example.com", tz="Asia/Tokyo", locale="ja-JP")
        fake.add_user("U003", "X", "x@example.com")
        fake.add_user("U004", "Y", "y@example.com")
        monkeypatch.setenv("SLACK_API_URL", fake.url)
        yield fake


def methods(fake: FakeSlack) -> list[str]:
    return [call.method for call in fake.calls()]


def write_csv(tmp_path: Path, *rows: str, header: str = HEADER) -> str:
    path = tmp_path / "people.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def people(database_url: str) -> dict[str, Person]:
    if not Path(database_url.removeprefix("sqlite:///")).exists():
        return {}  # never created: the command stopped before touching the database
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return {person.email or "": person for person in session.scalars(select(Person))}
    finally:
        engine.dispose()


ORG = (
    "ceo@example.com,Cleo CEO,,hr_admin,Exec,CEO,U001",
    "dev@example.com,Dev One,ceo@example.com,employee,Engineering,Developer,U002",
)


def test_import_of_a_clean_file_exits_0_and_counts(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path, *ORG)

    assert main(["org", "import", path, "--team", "T1"]) == 0

    out = capsys.readouterr().out
    assert "2 created, 0 updated, 0 unchanged, 0 deactivated, 0 reactivated, 0 failed" in out
    assert "2 welcome messages queued" in out
    assert people(database_url)["dev@example.com"].manager_id == people(database_url)["ceo@example.com"].id

    without_ceo = write_csv(tmp_path, ORG[1].replace("ceo@example.com", ""))
    assert main(["org", "import", without_ceo, "--team", "T1"]) == 0
    assert "0 created, 1 updated, 0 unchanged, 1 deactivated" in capsys.readouterr().out


def test_import_with_bad_rows_exits_1_lists_them_and_keeps_the_good_ones(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path,
        *ORG,
        'x@example.com,"X\nY",nobody@example.com,employee,Eng,Dev,U003',
        "y@example.com,Y,ceo@example.com,wizard,Eng,Dev,U004",
    )

    assert main(["org", "import", path, "--team", "T1"]) == 1

    out = capsys.readouterr().out.splitlines()
    assert "2 created" in out[0] and "2 failed" in out[0]
    assert out[1:] == [
        "line 4: unknown manager nobody@example.com",
        'line 6: unknown role "wizard" (use employee, manager or hr_admin)',
    ]
    assert set(people(database_url)) == {"ceo@example.com", "dev@example.com"}


def test_missing_file_exits_2(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "import", str(tmp_path / "nope.csv"), "--team", "T1"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_missing_header_column_exits_2_and_changes_nothing(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path, "a@example.com,A,,Eng,Dev", header="email,name,manager_email,department,title")

    assert main(["org", "import", path, "--team", "T1"]) == 2

    err = capsys.readouterr().err
    assert "line 1: missing required column role" in err
    assert "nothing was imported" in err
    assert not (tmp_path / "perfbot.db").exists()


def test_lookups_need_the_bot_token(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path, "ann@example.com,Ann,,employee,Eng,Dev,")

    assert main(["org", "import", path, "--team", "T1"]) == 2

    assert "SLACK_BOT_TOKEN is not set" in capsys.readouterr().err
    assert people(database_url) == {}


def test_grant_hr_makes_an_imported_person_hr_admin(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["org", "import", write_csv(tmp_path, *ORG), "--team", "T1"])

    assert main(["org", "grant-hr", "DEV@example.com", "--team", "T1"]) == 0

    assert "Dev One is now an HR admin" in capsys.readouterr().out
    assert people(database_url)["dev@example.com"].role is Role.HR_ADMIN
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "person.grant_hr_admin")).one()
        assert (entry.actor_id, entry.after) == (None, {"role": "hr_admin"})
    engine.dispose()

    # The file is the org of record: a re-import that says otherwise takes the role back, visibly.
    assert main(["org", "import", write_csv(tmp_path, *ORG), "--team", "T1"]) == 0
    assert "role of dev@example.com: hr_admin → employee" in capsys.readouterr().out


def test_grant_hr_for_an_unknown_email_exits_1(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["org", "import", write_csv(tmp_path, *ORG), "--team", "T1"])

    assert main(["org", "grant-hr", "who@example.com", "--team", "T1"]) == 1
    assert "no one with email who@example.com in workspace T1" in capsys.readouterr().err
    assert main(["org", "grant-hr", "ceo@example.com", "--team", "T-OTHER"]) == 1


def test_the_token_never_appears_in_output(
    fake_slack: FakeSlack, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["org", "import", write_csv(tmp_path, *ORG, "bad,row,,,,,"), "--team", "T1"])
    main(["org", "grant-hr", "nobody@example.com", "--team", "T1"])
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")  # nothing listens: Slack is unreachable
    assert main(["org", "import", write_csv(tmp_path, "ann@example.com,Ann,,employee,Eng,Dev,")]) == 2

    captured = capsys.readouterr()
    assert "could not reach Slack for auth.test" in captured.err
    assert TOKEN not in captured.out + captured.err
    assert "cli-org-secret" not in captured.out + captured.err


def test_one_users_list_walk_gives_everyone_time_zone_and_language(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(450):  # three pages of 200
        fake_slack.add_user(
            f"UX{i:03d}", f"Person {i}", f"p{i}@example.com", tz="America/Lima", locale="es-LA"
        )
    fake_slack.add_user("U101", "Gone", "gone@example.com", deleted=True)
    fake_slack.add_user("B102", "Robot", "robot@example.com", is_bot=True)
    rows = [f"p{i}@example.com,,ceo@example.com,employee,Eng,Dev," for i in range(450)]
    path = write_csv(
        tmp_path,
        "ceo@example.com,,,manager,Eng,Lead,",  # matched by email
        "dev@example.com,Dev File,ceo@example.com,employee,Eng,Dev,U002",  # by slack_user_id
        *rows,
        "gone@example.com,Gone,ceo@example.com,employee,Eng,Dev,",
        "robot@example.com,Robot,ceo@example.com,employee,Eng,Dev,",
        "stranger@example.com,Stranger,ceo@example.com,employee,Eng,Dev,",
    )

    assert main(["org", "import", path]) == 1

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"imported {path} into workspace T1: 452 created")
    assert out[1:] == [
        "line 454: deactivated in Slack",
        "line 455: is a bot",
        "line 456: stranger@example.com is not in Slack",
    ]
    assert methods(fake_slack) == ["auth.test"] + ["users.list"] * 3
    assert [call.args.get("limit") for call in fake_slack.calls("users.list")] == ["200"] * 3
    assert all(
        call.args.get("include_locale") in ("true", "1", True) for call in fake_slack.calls("users.list")
    )
    found = people(database_url)
    assert (found["ceo@example.com"].slack_user_id, found["ceo@example.com"].name) == ("U001", "Cleo Slack")
    assert [
        (found[e].name, found[e].tz, found[e].locale) for e in ("ceo@example.com", "dev@example.com")
    ] == [
        ("Cleo Slack", "Europe/Istanbul", "tr-TR"),
        ("Dev File", "Asia/Tokyo", "ja-JP"),
    ]
    assert (found["p449@example.com"].tz, found["p449@example.com"].locale) == ("America/Lima", "es-LA")


def test_users_list_rate_limit_is_waited_out_at_the_command_line(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    fake_slack.rate_limit("users.list", retry_after=1)

    assert main(["org", "import", write_csv(tmp_path, *ORG), "--team", "T1"]) == 0

    assert methods(fake_slack) == ["users.list", "users.list"]
    assert people(database_url)["dev@example.com"].tz == "Asia/Tokyo"


def test_every_row_failing_exits_2_and_leaves_nothing_behind(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path,
        "a@example.com,A,b@example.com,employee,Eng,Dev,U003",
        "b@example.com,B,a@example.com,employee,Eng,Dev,U004",
    )

    assert main(["org", "import", path, "--team", "T1"]) == 2

    captured = capsys.readouterr()
    assert "every row of" in captured.err and "nothing was imported" in captured.err
    assert captured.out.splitlines() == [
        "line 2: manager cycle: a@example.com → b@example.com → a@example.com",
        "line 3: manager cycle: b@example.com → a@example.com → b@example.com",
    ]
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        assert session.scalars(select(Workspace)).all() == []
        assert session.scalars(select(Person)).all() == []
    engine.dispose()


def test_a_token_slack_refuses_stops_the_import(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_slack.fail("auth.test", "invalid_auth")

    assert main(["org", "import", write_csv(tmp_path, *ORG)]) == 2

    captured = capsys.readouterr()
    assert "Slack refused auth.test: invalid_auth" in captured.err
    assert TOKEN not in captured.out + captured.err


def test_a_missing_scope_for_users_list_names_it(
    fake_slack: FakeSlack, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_slack.fail("users.list", "missing_scope")

    assert main(["org", "import", write_csv(tmp_path, *ORG), "--team", "T1"]) == 2

    assert (
        "Slack refused users.list: missing_scope (the app needs the users:read scope)"
        in capsys.readouterr().err
    )
    assert people(database_url) == {}
