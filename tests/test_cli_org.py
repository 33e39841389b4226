"""`perfbot org import` and `perfbot org grant-hr` from the command line, exit codes and output."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from bot.cli import main
from models.audit import AuditEntry
from models.db import make_engine, make_session_factory
from models.people import Person, Role

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


def write_csv(tmp_path: Path, *rows: str, header: str = HEADER) -> str:
    path = tmp_path / "people.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def people(database_url: str) -> dict[str, Person]:
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
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
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
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
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
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
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
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["org", "import", write_csv(tmp_path, *ORG), "--team", "T1"])

    assert main(["org", "grant-hr", "who@example.com", "--team", "T1"]) == 1
    assert "no one with email who@example.com in workspace T1" in capsys.readouterr().err
    assert main(["org", "grant-hr", "ceo@example.com", "--team", "T-OTHER"]) == 1


def test_the_token_never_appears_in_output(
    with_token: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["org", "import", write_csv(tmp_path, *ORG, "bad,row,,,,,"), "--team", "T1"])
    main(["org", "grant-hr", "nobody@example.com", "--team", "T1"])
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")  # nothing listens: Slack is unreachable
    assert main(["org", "import", write_csv(tmp_path, "ann@example.com,Ann,,employee,Eng,Dev,")]) == 2

    captured = capsys.readouterr()
    assert "could not reach Slack for auth.test" in captured.err
    assert TOKEN not in captured.out + captured.err
    assert "cli-org-secret" not in captured.out + captured.err


class FakeSlack(BaseHTTPRequestHandler):
    """auth.test and users.lookupByEmail with canned answers; every call is recorded."""

    users: ClassVar[dict[str, dict[str, Any]]] = {}
    calls: ClassVar[list[tuple[str, dict[str, str]]]] = []
    auth_error: ClassVar[str | None] = None

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        params = {k: v[0] for k, v in {**parse_qs(url.query), **parse_qs(body)}.items()}
        method = url.path.rsplit("/", 1)[-1]
        self.calls.append((method, params))
        if method == "auth.test":
            answer: dict[str, Any] = (
                {"ok": False, "error": self.auth_error}
                if self.auth_error
                else {"ok": True, "team_id": "TFAKE"}
            )
        elif method == "users.lookupByEmail" and params.get("email") in self.users:
            answer = {"ok": True, "user": self.users[params["email"]]}
        else:
            answer = {"ok": False, "error": "users_not_found"}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def fake_slack(with_token: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeSlack]]:
    FakeSlack.users, FakeSlack.calls, FakeSlack.auth_error = {}, [], None
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSlack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{server.server_address[1]}/api/")
    yield FakeSlack
    server.shutdown()
    server.server_close()


def slack_user(user_id: str, real_name: str, **fields: Any) -> dict[str, Any]:
    return {"id": user_id, "tz": "Asia/Shanghai", "profile": {"real_name": real_name}, **fields}


def test_workspace_and_people_are_found_in_slack(
    fake_slack: type[FakeSlack], database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_slack.users = {
        "ann@example.com": slack_user("U100", "Ann Slack"),
        "gone@example.com": slack_user("U101", "Gone", deleted=True),
        "robot@example.com": slack_user("B102", "Robot", is_bot=True),
    }
    path = write_csv(
        tmp_path,
        "ann@example.com,,,manager,Eng,Lead,",
        "gone@example.com,Gone,ann@example.com,employee,Eng,Dev,",
        "robot@example.com,Robot,ann@example.com,employee,Eng,Dev,",
        "stranger@example.com,Stranger,ann@example.com,employee,Eng,Dev,",
    )

    assert main(["org", "import", path]) == 1

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"imported {path} into workspace TFAKE: 1 created")
    assert out[1:] == [
        "line 3: deactivated in Slack",
        "line 4: is a bot",
        "line 5: stranger@example.com is not in Slack",
    ]
    ann = people(database_url)["ann@example.com"]
    assert (ann.slack_user_id, ann.name, ann.tz) == ("U100", "Ann Slack", "Asia/Shanghai")
    assert [method for method, _ in fake_slack.calls] == ["auth.test"] + ["users.lookupByEmail"] * 4

    # Known now: a re-import asks Slack only who the workspace is.
    fake_slack.calls.clear()
    assert main(["org", "import", write_csv(tmp_path, "ann@example.com,,,manager,Eng,Lead,")]) == 0
    assert [method for method, _ in fake_slack.calls] == ["auth.test"]


def test_a_token_slack_refuses_stops_the_import(
    fake_slack: type[FakeSlack], database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_slack.auth_error = "invalid_auth"

    assert main(["org", "import", write_csv(tmp_path, *ORG)]) == 2

    captured = capsys.readouterr()
    assert "Slack refused auth.test: invalid_auth" in captured.err
    assert TOKEN not in captured.out + captured.err
