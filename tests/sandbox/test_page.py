"""The sandbox page's HTTP side: its headers, its static files, and who may act through it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import ProxyHandler, Request, build_opener

import pytest

from bot.sandbox.run import Sandbox, start_sandbox

opener = build_opener(ProxyHandler({}))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    running = start_sandbox(Path(tmp_path_factory.mktemp("page")) / "sandbox.db", 0)
    try:
        yield running
    finally:
        running.stop()


def post(sandbox: Sandbox, body: object, headers: dict[str, str]) -> tuple[int, dict[str, object]]:
    request = Request(
        sandbox.url + "sandbox/act", data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def test_the_page_forbids_inline_scripts_and_uses_only_its_own_files(sandbox: Sandbox) -> None:
    with opener.open(sandbox.url + "?as=U0ANA&in=C0GENERAL", timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode()
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert "<script>" not in page and "<style" not in page and " style=" not in page
    assert '<script src="/static/sandbox.js" defer></script>' in page
    with opener.open(sandbox.url + "static/sandbox.js", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
    with pytest.raises(HTTPError) as missing:
        opener.open(sandbox.url + "static/..%2Fpage.py", timeout=10)
    assert missing.value.code == 404


def test_only_the_page_itself_may_act(sandbox: Sandbox) -> None:
    message = {"kind": "send", "as": "U0ANA", "in": "C0GENERAL", "text": "hello from the page"}
    host = sandbox.url.removeprefix("http://").rstrip("/")
    assert post(sandbox, message, {"Content-Type": "text/plain"})[0] == 403  # a no-cors fetch from elsewhere
    assert (
        post(sandbox, message, {"Content-Type": "application/json", "Origin": "https://evil.example"})[0]
        == 403
    )
    assert post(sandbox, message, {"Content-Type": "application/json", "Host": "evil.example"})[0] == 403
    assert post(sandbox, message, {"Content-Type": "application/json", "Origin": f"http://{host}"}) == (
        200,
        {},
    )
    assert [m.text for m in sandbox.slack.messages("C0GENERAL", "U0BEN")] == ["hello from the page"]


def test_unknown_commands_and_people_are_answered_not_sent(sandbox: Sandbox) -> None:
    headers = {"Content-Type": "application/json"}
    calls = len(sandbox.slack.calls())
    assert post(sandbox, {"kind": "send", "as": "U0ANA", "in": "C0GENERAL", "text": "/nope x"}, headers) == (
        200,
        {"not_a_command": "/nope"},
    )
    status, answer = post(
        sandbox, {"kind": "send", "as": "U0NOBODY", "in": "C0GENERAL", "text": "hi"}, headers
    )
    assert status == 400 and "unknown person" in str(answer["error"])
    # The sandbox's scheduler runs beside the page (delivery, the directory refresh): only a call the
    # app could make for a request counts here.
    background = {"users.list", "chat.postMessage", "conversations.open", "conversations.join", "auth.test"}
    assert [c.method for c in sandbox.slack.calls()[calls:] if c.method not in background] == []


def test_the_demo_has_a_review_cycle_in_progress_with_everyone_in_it(sandbox: Sandbox) -> None:
    from sqlalchemy import func, select

    from models.people import Person
    from models.reviews import CycleStatus, ReviewParticipant, list_cycles
    from models.workspace import find_workspace

    with sandbox.session_factory() as session:
        workspace = find_workspace(session, "T0SANDBOX")
        assert workspace is not None
        # Newest first: this half year's, then last year's (released; see test_demo_review.py).
        cycle, _released = list_cycles(session, workspace)
        people = session.scalar(
            select(func.count()).select_from(Person).where(Person.workspace_id == workspace.id, Person.active)
        )
        taking_part = session.scalar(
            select(func.count()).select_from(ReviewParticipant).where(ReviewParticipant.cycle_id == cycle.id)
        )
    assert (cycle.name, cycle.status) == ("Half-year performance review", CycleStatus.LAUNCHED)
    assert taking_part == people == 11
