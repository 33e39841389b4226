"""What the fake records and answers: calls, Block Kit rejections, HTTP answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    """One request the fake received: a Web API method, or a POST to a `response_url`."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int
    response: dict[str, Any] | None
    path: str
    at: float  # time.monotonic() when it was answered

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response and self.response.get("ok"))


@dataclass(frozen=True)
class Rejection:
    """A call the fake refused because Slack would refuse it (Block Kit or message limits)."""

    method: str
    error: str
    errors: list[str]
    args: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def json_body(self) -> dict[str, Any] | None:
        return self.body if isinstance(self.body, dict) else None


def ok(**fields: Any) -> Answer:
    return Answer(200, {"ok": True, **fields})


def error(code: str, *messages: str, **fields: Any) -> Answer:
    """Slack's shape for a failed call: HTTP 200 with ok:false, details in response_metadata."""
    body: dict[str, Any] = {"ok": False, "error": code, **fields}
    if messages:
        body["errors"] = list(messages)
        body["response_metadata"] = {"messages": [f"[ERROR] {message}" for message in messages]}
    return Answer(200, body)


def rate_limited(retry_after: int) -> Answer:
    return Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
