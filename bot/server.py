"""Running the WSGI entry under gunicorn, the production server, from `perfbot serve`."""

from __future__ import annotations

import socket
from typing import Any

from gunicorn.app.base import BaseApplication

from bot.settings import Settings, SettingsError


class PerfbotServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from bot.runtime import build_runtime
        from bot.wsgi import served_app

        return served_app(self.settings, build_runtime(self.settings, probe=False).engine)


def check_port(host: str, port: int) -> None:
    """One line now rather than gunicorn's five retries and a dozen log lines."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise SettingsError(
                f"cannot listen on {host}:{port} ({error.strerror or error}); "
                "stop what uses that port or choose another with --port"
            ) from None


def serve(settings: Settings, *, host: str, port: int, workers: int, threads: int) -> int:
    from bot.runtime import build_runtime

    check_port(host, port)
    # Migrate once, before workers fork, so they never race each other on the schema.
    build_runtime(settings, migrate_sqlite=True).engine.dispose()
    PerfbotServer(
        settings,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": 30,
            "graceful_timeout": 10,
            "accesslog": None,
        },
    ).run()
    return 0
