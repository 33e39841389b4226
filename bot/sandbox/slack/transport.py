"""Serving the fake over HTTP: a threaded server on a free port, one thread per request."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from bot.sandbox.slack.records import Answer

SHUTDOWN_POLL = 0.02  # how often the serving loop checks for stop(); the default 0.5 s slows every test


@dataclass(frozen=True)
class Incoming:
    path: str
    query: str
    content_type: str
    body: bytes
    authorization: str | None


def _never_held(incoming: Incoming) -> float:
    return 0.0


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        host: str,
        answer: Callable[[Incoming], Answer],
        latency: Callable[[], float],
        hold: Callable[[Incoming], float] = _never_held,
        dropped: Callable[[Incoming], None] = lambda incoming: None,
    ) -> None:
        self.answer, self.latency, self.hold, self.dropped = answer, latency, hold, dropped
        super().__init__((host, 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        self._respond()

    def do_GET(self) -> None:
        self._respond()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test output is no place for an access log

    def _respond(self) -> None:
        parts = urlsplit(self.path)
        incoming = Incoming(
            path=parts.path,
            query=parts.query,
            content_type=self.headers.get("Content-Type", ""),
            body=self.rfile.read(int(self.headers.get("Content-Length") or 0)),
            authorization=self.headers.get("Authorization"),
        )
        if not self._in_flight(incoming, self.server.hold(incoming)):
            self.server.dropped(incoming)  # the caller hung up first: Slack never took the request
            self.close_connection = True
            return
        answer = self.server.answer(incoming)
        latency = self.server.latency()
        if latency > 0:
            time.sleep(latency)
        is_json = isinstance(answer.body, dict)
        body = (json.dumps(answer.body) if is_json else str(answer.body)).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json; charset=utf-8" if is_json else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _in_flight(self, incoming: Incoming, seconds: float) -> bool:
        """Keep the request on the wire for `seconds`; False if the caller hung up meanwhile."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._caller_gone():
                return False
            time.sleep(0.01)
        return True

    def _caller_gone(self) -> bool:
        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return bool(self.connection.recv(1, socket.MSG_PEEK) == b"")  # end of stream: closed
        except OSError:  # reset: the process died with the socket open
            return True


class ApiServer:
    """Answers every request with `answer(incoming)`, after `latency()` seconds, until stopped."""

    def __init__(
        self,
        host: str,
        answer: Callable[[Incoming], Answer],
        latency: Callable[[], float],
        hold: Callable[[Incoming], float] = _never_held,
        dropped: Callable[[Incoming], None] = lambda incoming: None,
    ) -> None:
        self._server = _Server(host, answer, latency, hold, dropped)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(SHUTDOWN_POLL,), name="fake-slack", daemon=True
        )
        self._thread.start()

    @property
    def root_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
