"""Running the WSGI entry under gunicorn, the production server, from `perfbot serve`."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from bot.settings import Settings


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


def serve(settings: Settings, *, host: str, port: int, workers: int, threads: int) -> int:
    from bot.runtime import build_runtime

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
