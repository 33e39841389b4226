"""The daily directory refresh: one users.list walk per workspace, paused by Retry-After, never asleep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.slack import FakeSlack
from models.db import unit_of_work
from models.people import Person
from scheduler.clock import Clock
from scheduler.delivery import Delivery
from scheduler.jobs.people import directory
from scheduler.jobs.people.directory import DirectoryRefresh
from tests.factories import make_person, make_workspace
from tests.scheduler.helpers import FakeSender

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def people(session_factory: sessionmaker[Session]) -> dict[str, Person]:
    with session_factory() as session:
        return {person.slack_user_id: person for person in session.scalars(select(Person))}


def test_a_rate_limited_walk_resumes_from_its_page_after_retry_after(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(directory, "MAX_PAGES_PER_TICK", 1)  # one page a tick, to pause mid-walk
    with FakeSlack() as fake:
        with unit_of_work(session_factory) as session:
            workspace = make_workspace(session)
            for i in range(449):
                fake.add_user(f"U{i:03d}", f"Person {i}", tz="Asia/Tokyo", locale="ja-JP")
                if i % 50 == 0:
                    make_person(session, workspace, f"U{i:03d}")  # known, in UTC without a language
            fake.add_user("U449", "Left", deleted=True)
            make_person(session, workspace, "U449")
        client = WebClient(token="xoxb-test", base_url=fake.url, retry_handlers=[])
        refresh = DirectoryRefresh(session_factory, lambda _workspace: client)

        assert refresh.tick(NOW).pages == 1
        fake.rate_limit("users.list", retry_after=30)
        paused = refresh.tick(NOW)
        assert (paused.pages, paused.deferred) == (0, ["ratelimited"])
        assert refresh.tick(NOW + timedelta(seconds=29)).pages == 0, "nothing asked before Retry-After"
        assert refresh.tick(NOW + timedelta(seconds=30)).pages == 1
        last = refresh.tick(NOW + timedelta(seconds=30))
        assert (last.pages, last.finished) == (1, 1)

        calls = fake.calls("users.list")
        assert [call.args.get("cursor", "") for call in calls] == ["", "200", "200", "400"]
        assert {(call.args["limit"], call.args["include_locale"]) for call in calls} == {("200", "1")}
        assert refresh.tick(NOW + timedelta(hours=23)).pages == 0, "once a day"
        assert refresh.tick(NOW + timedelta(days=1, seconds=30)).pages == 1

    known = people(session_factory)
    assert {(p.tz, p.locale) for user_id, p in known.items() if user_id != "U449"} == {
        ("Asia/Tokyo", "ja-JP")
    }
    assert known["U000"].name == "Person 0"
    assert known["U449"].active is False


def test_slack_unreachable_retries_the_walk_in_an_hour(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        workspace_id = make_workspace(session).id
    client = WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/", retry_handlers=[], timeout=2)
    refresh = DirectoryRefresh(session_factory, lambda _workspace: client)

    stats = refresh.tick(NOW)

    assert stats.pages == 0 and len(stats.deferred) == 1
    assert refresh.due_at(workspace_id) == NOW + timedelta(hours=1)


def test_the_clock_checks_the_directory_every_minute(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    refresh = DirectoryRefresh(session_factory, lambda _workspace: None)
    clock = Clock(
        engine, session_factory, Delivery(session_factory, FakeSender()), now=lambda: NOW, directory=refresh
    )

    job = {job.id: job for job in clock.build_scheduler().get_jobs()}["directory"]

    assert job.trigger.interval == timedelta(minutes=1) and job.coalesce and job.max_instances == 1
    with unit_of_work(session_factory) as session:
        workspace_id = make_workspace(session).id
    clock.refresh_directory()  # no client for the workspace: nothing asked, looked at again next tick
    assert refresh.due_at(workspace_id) == NOW
