"""A local stand-in for Slack's Web API, for the sandbox and the tests: Slack is never reachable from here."""

from bot.sandbox.slack.directory import FakeChannel, FakeUser
from bot.sandbox.slack.records import Call, Rejection
from bot.sandbox.slack.server import FakeSlack

__all__ = ["Call", "FakeChannel", "FakeSlack", "FakeUser", "Rejection"]
