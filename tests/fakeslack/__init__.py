"""A local fake of Slack's Web API for tests and benchmarks: Slack is never reachable from here."""

from tests.fakeslack.directory import FakeChannel, FakeUser
from tests.fakeslack.records import Call, Rejection
from tests.fakeslack.server import FakeSlack

__all__ = ["Call", "FakeChannel", "FakeSlack", "FakeUser", "Rejection"]
